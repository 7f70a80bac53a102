// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopController.h"
#include "MainWindow.h"
#include "presentation/PresentationView.h"
#include "share/ShareName.h"
#include "share/ShareSheet.h"
#include "widgets/RelayProfileDialog.h"
#include "widgets/SharesView.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>

namespace labshare::app {

namespace {

const QString kLan = QStringLiteral("lan://");

QStringList savedRelays() {
    return QSettings().value(QStringLiteral("relays")).toStringList();
}

} // namespace

DesktopController::DesktopController(LogBuffer& log, QObject* parent)
    : QObject(parent)
    , m_keychain(QStringLiteral(LABSHARE_APP_ID))
    , m_auth(m_keychain, m_network)
    , m_tokenBridge(m_auth)
    , m_window(std::make_unique<ui::MainWindow>(m_topologyModel, m_sharesModel, log))
    , m_account(std::make_unique<AccountController>(m_auth, m_tokenBridge, *m_window)) {
    ui::MainWindow* w = m_window.get();
    connect(w, &ui::MainWindow::openRequested, this, &DesktopController::open);
    connect(w, &ui::MainWindow::relaySelected, this, [this](const QString& url) {
        if (m_settings)
            m_settings->setRelayUrl(url);
        useRelay(url);
    });
    connect(w, &ui::MainWindow::editRelayRequested, this, &DesktopController::onEditRelay);
    connect(w, &ui::MainWindow::publishDeclaredRequested, this, &DesktopController::publishDeclared);
    connect(w, &ui::MainWindow::stopAllRequested, this, [this] {
        if (m_session)
            m_session->unpublishAll();
    });
    connect(w, &ui::MainWindow::presentationRequested, this, &DesktopController::showPresentation);
    connect(w, &ui::MainWindow::autoPublishToggled, this, [this](bool on) {
        if (m_settings)
            m_settings->setAutoPublish(on);
    });
    connect(w, &ui::MainWindow::exportShareSheetRequested, this, &DesktopController::onExportShareSheet);
    connect(w, &ui::MainWindow::closedToTray, this, [this](bool firstTime) {
        m_tray.setWindowVisible(false);
        if (firstTime)
            m_tray.showMessage(tr("LabShare is still sharing"),
                               tr("Your shares stay up while the window is closed. Use the tray icon to show the "
                                  "window again, or Quit in its menu to stop every share."));
    });
    w->sharesView()->setLoginUserProvider([this](const share::ShareRow& row) { return loginUser(row); });
    connect(w->sharesView(), &ui::SharesView::stopRequested, this, [this](const QString& name) {
        if (m_session)
            m_session->unpublish(name);
    });
    connect(w->sharesView(), &ui::SharesView::loginUserChangeRequested, this, [this](const share::ShareRow& row) {
        bool ok = false;
        const QString user =
            QInputDialog::getText(m_window.get(), tr("Login user"), tr("User students log in to %1 as:").arg(row.node),
                                  QLineEdit::Normal, loginUser(row), &ok);
        if (ok && m_settings)
            m_settings->setLoginUser(row.node, user.trimmed());
    });

    connect(&m_topologyModel, &ui::TopologyModel::publishRequested, this, &DesktopController::onPublishRequested);
    connect(&m_topologyModel, &ui::TopologyModel::unpublishRequested, this, [this](const QString& name) {
        if (m_session)
            m_session->unpublish(name);
    });
    connect(&m_topologyModel, &ui::TopologyModel::addressOverrideChanged, this,
            [this](const QString& node, const QString& host) {
                if (!m_session || !m_settings)
                    return;
                m_settings->setAddressOverride(node, host);
                m_session->setTargetOverride(node, host);
                m_session->setTopology(m_session->topology()); // re-targets what is ticked on that node
            });

    connect(&m_watcher, &share::LabWatcher::loaded, this, &DesktopController::onLoaded);
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, &m_sharesModel, &ui::SharesModel::refresh);
    m_clock.start();

    connect(&m_tray, &ui::TrayIcon::toggleRequested, this, [this](const QString& name, bool published) {
        if (m_session && !published)
            m_session->unpublish(name);
    });
    connect(&m_tray, &ui::TrayIcon::stopAllRequested, w, &ui::MainWindow::stopAllRequested);
    connect(&m_tray, &ui::TrayIcon::showHideRequested, this, [this] {
        const bool show = !m_window->isVisible();
        m_window->setVisible(show);
        if (show) {
            m_window->raise();
            m_window->activateWindow();
        }
        m_tray.setWindowVisible(show);
    });
    connect(&m_tray, &ui::TrayIcon::quitRequested, qApp, &QApplication::quit);

    // Shares on a token relay need the user back when the sign-in runs out, window shown or not.
    connect(&m_auth, &auth::AuthSession::signInFailed, this, [this](const QString& message) {
        if (m_auth.state() == auth::AuthState::SignInRequired)
            m_tray.showMessage(tr("LabShare: sign in again"), message, QSystemTrayIcon::Warning);
    });
    w->setRelays(relayChoices(), kLan);
    w->showEmptyState(share::LabSettings::recentFiles());
    m_tray.show();
    m_tray.setWindowVisible(true);
}

DesktopController::~DesktopController() {
    if (m_session)
        m_session->setEngine(nullptr);
    if (m_engine)
        m_engine->shutdown();
}

void DesktopController::open(const QString& path) {
    if (!QFileInfo(path).isFile()) {
        m_window->showBanner(tr("Cannot open %1: there is no such file.").arg(path), true);
        return;
    }
    m_window->statusBar()->showMessage(tr("Opening %1…").arg(path), 3000);
    m_watcher.open(path);
}

void DesktopController::onLoaded(const Result<topology::Topology>& loaded, bool reload) {
    if (!loaded) {
        m_window->showBanner(loaded.error().message, true); // what was open stays open
        return;
    }
    const topology::Topology& lab = *loaded;
    m_window->statusBar()->showMessage(tr("%1: %n node(s)", nullptr, lab.nodes.size()).arg(lab.name), 5000);
    if (!lab.hasErrors() || !lab.nodes.isEmpty())
        share::LabSettings::addRecentFile(m_watcher.path());
    if (lab.nodes.isEmpty() && !reload) {
        m_window->showEmptyState(share::LabSettings::recentFiles());
        m_window->showBanner(
            lab.problems.isEmpty() ? tr("%1 has no nodes.").arg(lab.file) : lab.problems.constFirst().toString(), true);
        return;
    }
    if (reload && m_session) {
        m_session->setTopology(lab);
        m_topologyModel.setTopology(lab);
        showTicks();
        showProblems(lab, true);
        return;
    }
    startSession(lab);
    showProblems(lab, false);
}

void DesktopController::startSession(const topology::Topology& lab) {
    if (m_session)
        m_session->setEngine(nullptr);
    m_session = std::make_unique<share::ShareSession>(lab);
    m_settings.emplace(m_watcher.path());
    m_openedToAnyone.clear();
    m_topologyModel.setTopology(lab);
    const QHash<QString, QString> addresses = m_settings->addressOverrides();
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it) {
        m_session->setTargetOverride(it.key(), it.value());
        m_topologyModel.setAddressOverride(it.key(), it.value());
    }
    connect(m_session.get(), &share::ShareSession::tickedChanged, this, [this] {
        showTicks();
        m_settings->setTicked(m_session->tickedNames());
        onSharesChanged();
    });
    connect(m_session.get(), &share::ShareSession::shareChanged, this, [this](const share::ShareRow& row) {
        m_topologyModel.setShareState(row.name, row.health.state);
        if (row.health.target != tunnel::Reachability::Unknown)
            m_topologyModel.setReachability(row.node, row.health.target);
        onSharesChanged();
    });
    connect(m_session.get(), &share::ShareSession::healthUpdated, this, &DesktopController::onSharesChanged);
    m_window->showLab(lab.name, QFileInfo(lab.file).fileName());
    m_window->setAutoPublish(m_settings->autoPublish());
    const QString relay = m_settings->relayUrl().isEmpty() ? kLan : m_settings->relayUrl();
    useRelay(relay);
    m_window->setRelays(relayChoices(), relay);

    const QStringList before = m_settings->ticked();
    if (before.isEmpty())
        return;
    const auto republish = [this, before] {
        for (const topology::Node& node : m_session->topology().nodes)
            for (const topology::PublishSpec& spec : node.publish)
                if (before.contains(share::shareName(node.name, spec)))
                    onPublishRequested(node.name, spec);
        m_window->clearBanner();
    };
    if (m_settings->autoPublish())
        republish();
    else
        m_window->showBanner(tr("Last time you shared %n port(s) of this lab.", nullptr, before.size()), false,
                             tr("Share them again"), republish);
}

void DesktopController::showProblems(const topology::Topology& lab, bool reload) {
    QStringList lines;
    for (const topology::Problem& p : lab.problems)
        if (p.severity == topology::Severity::Error)
            lines << p.toString().toHtmlEscaped();
    if (!lines.isEmpty())
        m_window->showBanner(
            tr("<b>%n problem(s) in the lab file</b> — the rest of the lab is loaded:<br>", nullptr, lines.size()) +
                lines.mid(0, 5).join(QStringLiteral("<br>")),
            true);
    else if (reload)
        m_window->showBanner(tr("Reloaded %1; what was ticked stays ticked.").arg(QFileInfo(lab.file).fileName()),
                             false);
    else
        m_window->clearBanner();
}

void DesktopController::useRelay(const QString& url) {
    const Result<tunnel::RelayProfile> profile = tunnel::RelayProfile::fromUrl(url);
    if (!profile) {
        m_window->showBanner(profile.error().message, true);
        return;
    }
    if (m_session)
        m_session->setEngine(nullptr);
    if (m_engine)
        m_engine->shutdown(); // closing the session frees every listener on the relay at once
    m_relayUrl = url;
    tunnel::TunnelEngine::Options options;
    options.secrets = m_tokenBridge.secretProvider(); // relays with auth=token log in as the signed-in user
    m_engine = std::make_unique<tunnel::TunnelEngine>(*profile, options);
    m_tokenBridge.attach(m_engine.get());
    connect(m_engine.get(), &tunnel::TunnelEngine::hostKeyUnknown, this, &DesktopController::onHostKeyUnknown);
    if (m_session)
        m_session->setEngine(m_engine.get());
}

void DesktopController::onPublishRequested(const QString& node, const topology::PublishSpec& spec) {
    if (!m_session)
        return;
    const QString name = share::shareName(node, spec);
    if (!spec.isOpen() && !m_openedToAnyone.contains(name)) {
        // The check of who connects does not exist yet: publishing means open to anyone. Ask, once per share.
        const auto answer = QMessageBox::question(
            m_window.get(), tr("Open %1 to anyone?").arg(name),
            tr("The lab says %1 is only for: %2.\n\nLabShare cannot check who connects yet, so anyone who has the "
               "address will be able to reach it. Publish it open to anyone?")
                .arg(name, spec.allowed.join(QStringLiteral(", "))),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            showTicks(); // the check box goes back
            return;
        }
        m_openedToAnyone.insert(name);
    }
    const Result<QString> published = m_session->publish(node, spec);
    if (!published) {
        m_window->showBanner(published.error().message, true);
        showTicks();
    }
}

void DesktopController::showTicks() {
    const QStringList names = m_session->tickedNames();
    m_topologyModel.setTicked(QSet<QString>(names.cbegin(), names.cend()));
}

void DesktopController::publishDeclared() {
    if (!m_session)
        return;
    for (const topology::Node& node : m_session->topology().nodes)
        for (const topology::PublishSpec& spec : node.publish)
            if (!m_session->isTicked(share::shareName(node.name, spec)))
                onPublishRequested(node.name, spec);
}

void DesktopController::onSharesChanged() {
    const QList<share::ShareRow> rows = m_session ? m_session->rows() : QList<share::ShareRow>();
    m_sharesModel.setRows(rows);
    m_tray.setRows(rows);
    if (m_presentation)
        m_presentation->setRows(rows);
    const bool anyUp = std::any_of(rows.cbegin(), rows.cend(), [](const share::ShareRow& r) {
        return r.health.state == tunnel::ShareState::Up || r.health.state == tunnel::ShareState::Degraded;
    });
    m_window->setKeepRunningInTray(anyUp && m_tray.isAvailable());
}

void DesktopController::onHostKeyUnknown(const QString& fingerprint) {
    const auto answer = QMessageBox::question(
        m_window.get(), tr("Trust this relay?"),
        tr("LabShare has not connected to %1 before. Its host key fingerprint is\n\n%2\n\nCompare it with the one "
           "the relay's operator gave you. Trust this relay and remember its key?")
            .arg(m_engine ? m_engine->relay().displayName() : QString(), fingerprint),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes && m_engine)
        m_engine->trustHostKey(fingerprint);
}

void DesktopController::onEditRelay(const QString& url) {
    const Result<tunnel::RelayProfile> current =
        tunnel::RelayProfile::fromUrl(url.isEmpty() || url == kLan ? QStringLiteral("ssh://relay.example.org") : url);
    ui::RelayProfileDialog dialog(current ? *current : tunnel::RelayProfile{}, m_window.get());
    if (dialog.exec() != QDialog::Accepted || dialog.relayUrl().isEmpty()) {
        m_window->setRelays(relayChoices(), m_relayUrl);
        return;
    }
    QStringList relays = savedRelays();
    relays.removeAll(url);
    relays.removeAll(dialog.relayUrl());
    if (dialog.relayUrl() != kLan)
        relays.prepend(dialog.relayUrl());
    QSettings().setValue(QStringLiteral("relays"), relays);
    m_window->setRelays(relayChoices(), dialog.relayUrl());
    if (m_settings)
        m_settings->setRelayUrl(dialog.relayUrl());
    useRelay(dialog.relayUrl());
}

QList<QPair<QString, QString>> DesktopController::relayChoices() const {
    QList<QPair<QString, QString>> out{{kLan, tr("LAN — this machine, no account")}};
    QStringList urls = savedRelays();
    if (!m_relayUrl.isEmpty() && m_relayUrl != kLan && !urls.contains(m_relayUrl))
        urls.prepend(m_relayUrl); // the lab's own relay, from its settings
    for (const QString& url : std::as_const(urls))
        if (const Result<tunnel::RelayProfile> p = tunnel::RelayProfile::fromUrl(url))
            out.append({url, p->displayName()});
    return out;
}

QString DesktopController::loginUser(const share::ShareRow& row) const {
    const QString chosen = m_settings ? m_settings->loginUser(row.node) : QString();
    return chosen.isEmpty() ? share::defaultLoginUser(row.kind) : chosen;
}

void DesktopController::showPresentation() {
    if (!m_session)
        return;
    if (!m_presentation) {
        m_presentation = new ui::PresentationView;
        m_presentation->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_presentation->setTitle(m_session->topology().name);
    for (const share::ShareRow& r : m_session->rows())
        m_presentation->setLoginUser(r.name, loginUser(r));
    m_presentation->setRows(m_session->rows());
    m_presentation->present();
}

void DesktopController::onExportShareSheet(const QString& path) {
    if (!m_session)
        return;
    share::ShareSheet sheet(m_session->topology().name, m_session->rows());
    for (const share::ShareRow& r : m_session->rows())
        sheet.setLoginUser(r.name, loginUser(r));
    const bool markdown = path.endsWith(QLatin1String(".md")) || path.endsWith(QLatin1String(".markdown"));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write((markdown ? sheet.toMarkdown() : sheet.toHtml()).toUtf8()) < 0 ||
        !out.commit()) {
        m_window->showBanner(tr("Cannot write %1: %2").arg(path, out.errorString()), true);
        return;
    }
    m_window->statusBar()->showMessage(tr("Share sheet saved to %1").arg(path), 8000);
}

} // namespace labshare::app
