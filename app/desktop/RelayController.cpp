// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayController.h"
#include "DesktopLogging.h"
#include "MainWindow.h"
#include "RelaySecretBridge.h"
#include "RelayTokenBridge.h"
#include "tunnel/bookkeeping/WorkerThread.h"
#include "tunnel/lan/LanAddress.h"
#include "widgets/RelayProfileDialog.h"

#include <QNetworkInterface>
#include <QSettings>
#include <QTimer>

namespace labshare::app {

namespace {

constexpr int kWorkerGraceMs = 2000;

QStringList savedRelays() {
    return QSettings().value(QStringLiteral("relays")).toStringList();
}

} // namespace

RelayController::RelayController(RelayTokenBridge& tokenBridge, RelaySecretBridge& secretBridge, ui::MainWindow& window,
                                 QObject* parent)
    : QObject(parent)
    , m_tokenBridge(tokenBridge)
    , m_secretBridge(secretBridge)
    , m_window(window)
    , m_machineAddresses([] { return QNetworkInterface::allAddresses(); }) {}

void RelayController::setMachineAddresses(std::function<QList<QHostAddress>()> addresses) {
    m_machineAddresses = std::move(addresses);
}

RelayController::~RelayController() {
    m_tokenBridge.attach(nullptr);
    m_secretBridge.attach(nullptr);
    m_engine.reset(); // never waits: a worker still running ends on its own and deletes what it used
    for (const QPointer<tunnel::TunnelEngine>& engine : std::as_const(m_retiring))
        delete engine.data();
    // The app is ending (after stopAll(), nothing runs any more): a worker told to stop just now gets a bounded
    // moment to end before the secret providers it may still call go with the bridges.
    if (!tunnel::WorkerThread::waitForNone(kWorkerGraceMs))
        qCWarning(lcDesktop) << "a relay worker is still running as LabShare ends";
}

QString RelayController::lanUrl() {
    return QStringLiteral("lan://");
}

QString RelayController::displayName(const QString& url) {
    if (url == lanUrl())
        return tr("LAN — this machine (%1)").arg(tunnel::LanAddress::defaultAddress());
    const Result<tunnel::RelayProfile> profile = tunnel::RelayProfile::fromUrl(url);
    return profile ? profile->displayName() : url;
}

Result<bool> RelayController::use(const QString& url) {
    if (m_stoppingAll)
        return makeError(ErrorCode::Cancelled, tr("LabShare is quitting")); // nothing starts again
    const Result<tunnel::RelayProfile> profile = tunnel::RelayProfile::fromUrl(url);
    if (!profile) {
        showChoices();
        return profile.error();
    }
    const QList<QHostAddress> machine = profile->isLan() ? m_machineAddresses() : QList<QHostAddress>();
    if (profile->isLan())
        if (const Result<QString> address = tunnel::LanAddress::choose(*profile, machine); !address) {
            showChoices();
            return address.error();
        }
    retire(std::move(m_engine)); // closing its session frees every listener on the relay at once
    m_pendingFingerprint.clear();
    m_offeredPublic.clear();
    m_url = url;
    tunnel::TunnelEngine::Options options;
    // Relays with auth=token log in as the signed-in user; passwords and key passphrases are asked for.
    options.secrets = m_tokenBridge.secretProvider(m_secretBridge.secretProvider());
    m_engine = std::make_unique<tunnel::TunnelEngine>(*profile, options);
    m_tokenBridge.attach(m_engine.get());
    m_secretBridge.attach(m_engine.get());
    connect(m_engine.get(), &tunnel::TunnelEngine::hostKeyUnknown, this, &RelayController::onHostKeyUnknown);
    showChoices();
    Q_EMIT engineChanged(m_engine.get());
    if (profile->isLan() && profile->host.isEmpty())
        if (const QString alternative = tunnel::LanAddress::publicAlternative(machine); !alternative.isEmpty())
            offerPublicAddress(alternative);
    return true;
}

void RelayController::offerPublicAddress(const QString& address) {
    m_offeredPublic = address; // until answered or the relay changes: another banner may replace this one
    m_window.showBanner(tr("This machine has no private network address, so the LAN relay listens on 127.0.0.1 "
                           "only, where students cannot reach it. Its address <b>%1</b> is public: shares there "
                           "are open to anyone on the internet who finds them.")
                            .arg(address.toHtmlEscaped()),
                        false, tr("Listen on %1").arg(address), [this, address] {
                            m_window.clearBanner();
                            if (m_url != lanUrl() || m_offeredPublic != address)
                                return; // the relay changed meanwhile: the question no longer applies
                            m_offeredPublic.clear();
                            tunnel::RelayProfile chosen;
                            chosen.host = address;
                            Q_EMIT relayChosen(chosen.toUrl()); // the caller asks before students' addresses move
                        });
}

void RelayController::retire(std::unique_ptr<tunnel::TunnelEngine> engine) {
    if (!engine)
        return;
    tunnel::TunnelEngine* retiring = engine.release();
    retiring->setParent(this);
    disconnect(retiring, nullptr, this, nullptr);
    connect(retiring, &tunnel::TunnelEngine::stopped, retiring, &QObject::deleteLater);
    connect(retiring, &QObject::destroyed, this, &RelayController::onEngineGone, Qt::QueuedConnection);
    m_retiring.append(retiring);
    retiring->stop();
}

void RelayController::onEngineGone() {
    m_retiring.removeAll(nullptr);
    if (m_retiring.isEmpty() && !m_engine && m_allStopped)
        std::exchange(m_allStopped, nullptr)(true);
}

void RelayController::stopAll(int timeoutMs, std::function<void(bool clean)> done) {
    m_stoppingAll = true;
    m_tokenBridge.attach(nullptr);
    m_secretBridge.attach(nullptr);
    if (m_engine)
        Q_EMIT engineChanged(nullptr);
    retire(std::move(m_engine));
    m_allStopped = std::move(done);
    onEngineGone(); // nothing was running
    QTimer::singleShot(timeoutMs, this, [this] {
        if (!m_allStopped)
            return;
        for (const QPointer<tunnel::TunnelEngine>& engine : std::as_const(m_retiring))
            if (engine) {
                qCWarning(lcDesktop) << "the worker of relay" << engine->relay().id() << "did not stop in time";
                delete engine.data(); // never waits: the worker ends on its own, reporting to nobody
            }
        m_retiring.clear();
        std::exchange(m_allStopped, nullptr)(false);
    });
}

void RelayController::askAgain() {
    if (!m_pendingFingerprint.isEmpty())
        onHostKeyUnknown(m_pendingFingerprint);
    else if (!m_offeredPublic.isEmpty())
        offerPublicAddress(m_offeredPublic);
}

void RelayController::onHostKeyUnknown(const QString& fingerprint) {
    m_pendingFingerprint = fingerprint; // until answered: another banner may replace this one
    const QPointer<tunnel::TunnelEngine> asking = m_engine.get();
    m_window.showBanner(tr("LabShare has not connected to %1 before. Its host key fingerprint is <b>%2</b>. "
                           "Compare it with the one the relay's operator gave you before you trust it.")
                            .arg(m_engine->relay().displayName().toHtmlEscaped(), fingerprint.toHtmlEscaped()),
                        false, tr("Trust this relay"), [this, asking, fingerprint] {
                            if (asking && asking == m_engine.get()) { // still the relay that asked
                                asking->trustHostKey(fingerprint);
                                m_pendingFingerprint.clear();
                            }
                            m_window.clearBanner();
                        });
}

void RelayController::showChoices() {
    m_window.setRelays(choices(), m_url.isEmpty() ? lanUrl() : m_url);
}

QList<QPair<QString, QString>> RelayController::choices() const {
    QList<QPair<QString, QString>> out{{lanUrl(), displayName(lanUrl())}};
    QStringList urls = savedRelays();
    if (!m_url.isEmpty() && m_url != lanUrl() && !urls.contains(m_url))
        urls.prepend(m_url); // the lab's own relay, from its settings
    for (const QString& url : std::as_const(urls))
        if (tunnel::RelayProfile::fromUrl(url))
            out.append({url, displayName(url)});
    return out;
}

void RelayController::edit(const QString& url) {
    const Result<tunnel::RelayProfile> current = tunnel::RelayProfile::fromUrl(url);
    auto* dialog = url.isEmpty() || !current ? new ui::RelayProfileDialog(&m_window)
                                             : new ui::RelayProfileDialog(*current, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // "Test connection" logs in as publishing would, and asks for a password or passphrase the same way.
    QPointer<ui::RelayProfileDialog> editor(dialog);
    dialog->setSecretProvider(m_tokenBridge.secretProvider(m_secretBridge.testProvider(dialog, [editor] {
        if (editor)
            editor->testConnection();
    })));
    connect(dialog, &ui::RelayProfileDialog::testLoginRefused, &m_secretBridge, &RelaySecretBridge::onTestLoginRefused);
    connect(dialog, &QObject::destroyed, &m_secretBridge, &RelaySecretBridge::endTest);
    connect(dialog, &QDialog::rejected, this, &RelayController::showChoices); // "Add a relay…" is not a choice
    connect(dialog, &ui::RelayProfileDialog::deleteRequested, this, [this, url] {
        QStringList relays = savedRelays();
        relays.removeAll(url);
        QSettings().setValue(QStringLiteral("relays"), relays);
        showChoices();
        if (url == m_url)
            Q_EMIT relayChosen(lanUrl()); // the caller asks before students' addresses move
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, url] {
        const QString saved = dialog->relayUrl();
        if (saved.isEmpty()) {
            showChoices();
            return;
        }
        QStringList relays = savedRelays();
        relays.removeAll(url);
        relays.removeAll(saved);
        if (saved != lanUrl())
            relays.prepend(saved);
        QSettings().setValue(QStringLiteral("relays"), relays);
        showChoices();
        Q_EMIT relayChosen(saved);
    });
    dialog->open(); // window-modal without a nested event loop
}

} // namespace labshare::app
