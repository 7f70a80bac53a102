// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopController.h"
#include "DesktopLogging.h"
#include "MainWindow.h"
#include "ShareQuestions.h"
#include "presentation/PresentationView.h"
#include "share/ShareCommands.h"
#include "share/ShareName.h"
#include "share/ShareSheet.h"
#include "topology/KindAliases.h"
#include "widgets/OpenAnywayDialog.h"
#include "widgets/Question.h"
#include "widgets/SharesView.h"

#include <QFileInfo>
#include <QInputDialog>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStatusBar>
#include <QTreeView>

namespace labshare::app {

namespace {

constexpr int kQuitTimeoutMs = 5000; // a relay that does not let go by then is left to the process's exit
constexpr int kUndoMs = 10000;

} // namespace

DesktopController::DesktopController(LogBuffer& log, QObject* parent)
    : QObject(parent)
    , m_keychain(QStringLiteral(LABSHARE_APP_ID))
    , m_auth(m_keychain, m_network)
    , m_tokenBridge(m_auth)
    , m_window(std::make_unique<ui::MainWindow>(m_topologyModel, m_sharesModel, log))
    , m_account(std::make_unique<AccountController>(m_auth, m_tokenBridge, *m_window))
    , m_relays(std::make_unique<RelayController>(m_tokenBridge, *m_window)) {
    ui::MainWindow* w = m_window.get();
    connect(w, &ui::MainWindow::openRequested, this, &DesktopController::open);
    connect(w, &ui::MainWindow::relaySelected, this, &DesktopController::chooseRelay);
    connect(w, &ui::MainWindow::editRelayRequested, m_relays.get(), &RelayController::edit);
    connect(m_relays.get(), &RelayController::relayChosen, this, &DesktopController::chooseRelay);
    connect(m_relays.get(), &RelayController::engineChanged, this, [this](tunnel::TunnelEngine* engine) {
        if (m_session)
            m_session->setEngine(engine);
    });
    connect(w, &ui::MainWindow::publishDeclaredRequested, this, &DesktopController::publishDeclared);
    connect(w, &ui::MainWindow::stopAllRequested, this, &DesktopController::stopAll);
    connect(w, &ui::MainWindow::presentationRequested, this, &DesktopController::showPresentation);
    connect(w, &ui::MainWindow::autoPublishToggled, this, [this](bool on) {
        if (m_settings)
            m_settings->setAutoPublish(on);
    });
    connect(w, &ui::MainWindow::shareSheetRequested, this, &DesktopController::showShareSheet);
    connect(w, &ui::MainWindow::exportShareSheetRequested, this, &DesktopController::onExportShareSheet);
    connect(w, &ui::MainWindow::quitRequested, this, &DesktopController::quit);
    connect(w, &ui::MainWindow::closedToTray, this, [this](bool firstTime) {
        m_tray.setWindowVisible(false);
        if (firstTime)
            m_tray.showMessage(tr("LabShare is still sharing"),
                               tr("Your shares stay up while the window is closed. Use the tray icon to show the "
                                  "window again, or Quit in its menu to stop every share."));
    });
    w->sharesView()->setLoginUserProvider([this](const share::ShareRow& row) { return loginUser(row); });
    connect(w->sharesView(), &ui::SharesView::stopRequested, this, [this](const QString& name) { askToStop({name}); });
    connect(w->sharesView(), &ui::SharesView::loginUserChangeRequested, this, &DesktopController::editLoginUser);

    connect(&m_topologyModel, &ui::TopologyModel::publishRequested, this, &DesktopController::onPublishRequested);
    connect(&m_topologyModel, &ui::TopologyModel::unpublishRequested, this, &DesktopController::onUnpublishRequested);
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
        if (!published)
            askToStop({name});
    });
    connect(&m_tray, &ui::TrayIcon::stopAllRequested, this, &DesktopController::stopAll);
    connect(&m_tray, &ui::TrayIcon::showHideRequested, this, [this] {
        if (m_window->isVisible()) {
            m_window->hide();
            m_tray.setWindowVisible(false);
        } else {
            showWindow();
        }
    });
    connect(&m_tray, &ui::TrayIcon::quitRequested, this, &DesktopController::quit);

    // Shares on a token relay need the user back when the sign-in runs out, window shown or not.
    connect(&m_auth, &auth::AuthSession::signInFailed, this, [this](const QString& message) {
        if (m_auth.state() == auth::AuthState::SignInRequired)
            m_tray.showMessage(tr("LabShare: sign in again"), message, QSystemTrayIcon::Warning);
    });
    m_relays->showChoices();
    w->showEmptyState(share::LabSettings::recentFiles());
    m_tray.show();
    m_tray.setWindowVisible(true);
}

DesktopController::~DesktopController() {
    if (m_session)
        m_session->setEngine(nullptr);
    m_relays.reset(); // its engines' workers may still ask the sign-in for a token
}

void DesktopController::open(const QString& path) {
    const QFileInfo file(path);
    if (!file.isFile()) {
        m_window->showBanner(tr("Cannot open %1: there is no such file.").arg(path), true);
        return;
    }
    if (m_session && file.absoluteFilePath() == m_watcher.path())
        return; // open already, and reloaded whenever it changes
    const QList<share::ShareRow> rows = m_session ? m_session->rows() : QList<share::ShareRow>();
    const QString absolute = file.absoluteFilePath();
    const auto load = [this, absolute] {
        m_window->statusBar()->showMessage(tr("Opening %1…").arg(absolute), 3000);
        m_watcher.load(absolute);
    };
    if (rows.isEmpty()) {
        load();
        return;
    }
    const quint64 generation = m_labGeneration;
    ui::ask(m_window.get(), ShareQuestions::openOtherLab(rows, file.fileName()), [this, generation, load](bool yes) {
        if (yes && generation == m_labGeneration)
            load(); // the shares stop only once the new lab has loaded
    });
}

void DesktopController::bringForward(const QString& file) {
    showWindow();
    if (!file.isEmpty())
        open(file);
}

void DesktopController::showWindow() {
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    m_tray.setWindowVisible(true);
}

void DesktopController::quit() {
    if (m_quitting)
        return;
    m_quitting = true;
    m_clock.stop();
    m_window->setKeepRunningInTray(false);
    if (m_session && !m_session->rows().isEmpty()) {
        m_stopping = new QProgressDialog(tr("Stopping shares…"), QString(), 0, 0, m_window.get());
        m_stopping->setObjectName(QStringLiteral("stoppingProgressDialog"));
        m_stopping->setWindowTitle(tr("LabShare"));
        m_stopping->setCancelButton(nullptr);
        m_stopping->setMinimumDuration(0);
        m_stopping->show();
        m_window->statusBar()->showMessage(tr("Stopping shares…"));
    }
    qCInfo(lcDesktop) << "quitting: stopping every share";
    m_relays->stopAll(kQuitTimeoutMs, [this](bool clean) {
        if (!clean)
            qCWarning(lcDesktop) << "a relay did not stop in time; quitting anyway";
        if (m_stopping)
            m_stopping->close();
        m_tray.hide();
        Q_EMIT finished(0);
    });
}

void DesktopController::onLoaded(const QString& path, const Result<topology::Topology>& loaded, bool reload) {
    if (m_quitting)
        return;
    if (!reload) {
        openLoaded(path, loaded);
        return;
    }
    if (!m_session || path != m_watcher.path())
        return;
    if (!loaded || loaded->nodes.isEmpty()) {
        // Mid-edit, most likely: what students reach stays as it is until the file is whole again.
        const QString why = !loaded                      ? loaded.error().message
                            : loaded->problems.isEmpty() ? tr("%1 has no nodes.").arg(loaded->file)
                                                         : loaded->problems.constFirst().toString();
        m_window->showBanner(tr("%1<br>LabShare keeps the last good version of the lab and its shares until the file "
                                "is fixed.")
                                 .arg(why.toHtmlEscaped()),
                             true);
        return;
    }
    applyReload(*loaded);
}

void DesktopController::openLoaded(const QString& path, const Result<topology::Topology>& loaded) {
    if (!loaded || loaded->nodes.isEmpty()) {
        const QString why = !loaded                      ? loaded.error().message
                            : loaded->problems.isEmpty() ? tr("%1 has no nodes.").arg(loaded->file)
                                                         : loaded->problems.constFirst().toString();
        if (!m_session) {
            m_window->showEmptyState(share::LabSettings::recentFiles());
            m_window->showBanner(why, true);
            return;
        }
        m_window->showBanner(tr("Cannot open %1: %2<br>%3 stays open, with its shares.")
                                 .arg(QFileInfo(path).fileName().toHtmlEscaped(), why.toHtmlEscaped(),
                                      m_session->topology().name.toHtmlEscaped()),
                             true);
        return;
    }
    share::LabSettings::addRecentFile(path);
    m_watcher.watch(path);
    startSession(*loaded);
    showProblems(*loaded, false);
    m_window->statusBar()->showMessage(tr("%1: %n node(s)", nullptr, loaded->nodes.size()).arg(loaded->name), 5000);
}

void DesktopController::applyReload(const topology::Topology& lab) {
    m_session->setTopology(lab);
    m_topologyModel.setTopology(lab);
    showTicks();
    const QStringList orphans = m_session->orphans();
    if (orphans.isEmpty()) {
        showProblems(lab, true);
        return;
    }
    m_window->showBanner(
        tr("%1 no longer has the node(s) of %n share(s); they keep running, so students' addresses stay, until you "
           "stop them:<br>%2",
           nullptr, orphans.size())
            .arg(QFileInfo(lab.file).fileName().toHtmlEscaped(),
                 ShareQuestions::addressList(rowsNamed(orphans))
                     .toHtmlEscaped()
                     .replace(QLatin1Char('\n'), QStringLiteral("<br>"))),
        false, tr("Stop them…"), [this, orphans] { askToStop(orphans); });
}

void DesktopController::startSession(const topology::Topology& lab) {
    ++m_labGeneration;
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
    m_relays->use(m_settings->relayUrl().isEmpty() ? RelayController::lanUrl() : m_settings->relayUrl());
    onSharesChanged(); // the last lab's shares are gone from every view

    const QStringList before = m_settings->ticked();
    if (before.isEmpty())
        return;
    const quint64 generation = m_labGeneration;
    const auto republish = [this, before, generation] {
        if (generation != m_labGeneration)
            return;
        m_window->clearBanner();
        // What was shared last time, as it was: an entry open despite its list was agreed to then.
        for (const topology::Node& node : m_session->topology().nodes)
            for (const topology::PublishSpec& spec : node.publish)
                if (const QString name = share::shareName(node.name, spec); before.contains(name)) {
                    m_openedToAnyone.insert(name);
                    publish(node.name, spec);
                }
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

void DesktopController::chooseRelay(const QString& url) {
    if (url == m_relays->relayUrl()) {
        m_relays->showChoices();
        return;
    }
    const auto apply = [this, url] {
        if (m_settings)
            m_settings->setRelayUrl(url);
        m_relays->use(url);
    };
    const QList<share::ShareRow> rows = m_session ? m_session->rows() : QList<share::ShareRow>();
    if (rows.isEmpty()) {
        apply();
        return;
    }
    const QString from = m_relays->relayUrl();
    const quint64 generation = m_labGeneration;
    ui::ask(m_window.get(), ShareQuestions::switchRelay(rows, RelayController::displayName(url)),
            [this, apply, from, generation](bool yes) {
                if (yes && from == m_relays->relayUrl() && generation == m_labGeneration)
                    apply();
                else
                    m_relays->showChoices(); // the selector goes back to the relay in use
            });
}

void DesktopController::onPublishRequested(const QString& node, const topology::PublishSpec& spec) {
    if (!m_session)
        return;
    const QString name = share::shareName(node, spec);
    if (spec.isOpen() || m_openedToAnyone.contains(name)) {
        publish(node, spec);
        return;
    }
    // The check of who connects does not exist yet: publishing means open to anyone. Ask, once per share.
    const quint64 generation = m_labGeneration;
    ui::ask(m_window.get(), ShareQuestions::openToAnyone(name, spec.allowed),
            [this, generation, node, spec, name](bool yes) {
                if (generation != m_labGeneration)
                    return;
                if (!yes) {
                    showTicks(); // the check box goes back
                    return;
                }
                m_openedToAnyone.insert(name);
                publish(node, spec);
            });
}

void DesktopController::publish(const QString& node, const topology::PublishSpec& spec) {
    const Result<QString> published = m_session->publish(node, spec);
    if (published) {
        m_window->clearErrorBanner(); // an earlier failure is history now
        return;
    }
    showTicks();
    if (published.error().code == ErrorCode::NoAddress)
        m_window->showBanner(published.error().message + tr(". Type the address LabShare reaches it at."), true,
                             tr("Set address…"), [this, node] { editAddress(node); });
    else
        m_window->showBanner(published.error().message, true);
}

void DesktopController::editAddress(const QString& node) {
    const QModelIndex cell = m_topologyModel.nodeIndex(node, ui::TopologyModel::AddressColumn);
    if (!cell.isValid())
        return;
    m_window->clearBanner();
    m_window->topologyView()->scrollTo(cell);
    m_window->topologyView()->setCurrentIndex(cell);
    m_window->topologyView()->edit(cell);
}

void DesktopController::onUnpublishRequested(const QString& name) {
    const share::ShareRow* row = m_session ? m_session->row(name) : nullptr;
    if (!row)
        return;
    const share::ShareRow stopped = *row;
    m_session->unpublish(name);
    // Unticking is deliberate, so it stops at once; the undo brings the same address back (the relay
    // is asked for the port the share had).
    const quint64 generation = m_labGeneration;
    const QString address = share::ShareCommands::hostPort(stopped);
    m_window->showBanner(address.isEmpty() ? tr("Stopped %1.").arg(name)
                                           : tr("Stopped %1: students can no longer reach %2.").arg(name, address),
                         false, tr("Undo"), [this, generation, stopped] {
                             m_window->clearBanner();
                             if (generation == m_labGeneration)
                                 publish(stopped.node, stopped.spec);
                         });
    m_window->expireBanner(kUndoMs);
}

void DesktopController::askToStop(const QStringList& names) {
    const QList<share::ShareRow> rows = rowsNamed(names);
    if (rows.isEmpty())
        return;
    showWindow(); // from the tray: the question needs the window
    const quint64 generation = m_labGeneration;
    const ui::Question question =
        rows.size() == 1 ? ShareQuestions::stopOne(rows.constFirst()) : ShareQuestions::stopAll(rows);
    ui::ask(m_window.get(), question, [this, generation, names](bool yes) {
        if (generation != m_labGeneration || !m_session)
            return;
        if (yes)
            for (const QString& name : names)
                m_session->unpublish(name);
        else
            m_tray.setRows(m_session->rows()); // a tray entry unticked to ask is ticked again
    });
}

void DesktopController::stopAll() {
    if (m_session)
        askToStop(m_session->tickedNames());
}

QList<share::ShareRow> DesktopController::rowsNamed(const QStringList& names) const {
    QList<share::ShareRow> out;
    if (m_session)
        for (const QString& name : names)
            if (const share::ShareRow* r = m_session->row(name))
                out << *r;
    return out;
}

void DesktopController::showTicks() {
    const QStringList names = m_session->tickedNames();
    m_topologyModel.setTicked(QSet<QString>(names.cbegin(), names.cend()));
}

void DesktopController::publishDeclared() {
    if (!m_session)
        return;
    QList<QPair<QString, QStringList>> restricted;
    for (const topology::Node& node : m_session->topology().nodes)
        for (const topology::PublishSpec& spec : node.publish) {
            const QString name = share::shareName(node.name, spec);
            if (!spec.isOpen() && !m_session->isTicked(name) && !m_openedToAnyone.contains(name))
                restricted.append({name, spec.allowed});
        }
    const quint64 generation = m_labGeneration;
    const auto publishAll = [this, generation] {
        if (generation != m_labGeneration)
            return;
        for (const topology::Node& node : m_session->topology().nodes)
            for (const topology::PublishSpec& spec : node.publish) {
                const QString name = share::shareName(node.name, spec);
                if (!m_session->isTicked(name) && (spec.isOpen() || m_openedToAnyone.contains(name)))
                    publish(node.name, spec);
            }
    };
    if (restricted.isEmpty()) {
        publishAll();
        return;
    }
    // One question for every restricted entry, not one per node.
    auto* dialog = new ui::OpenAnywayDialog(restricted, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, generation, publishAll] {
        if (generation != m_labGeneration)
            return;
        const QStringList chosen = dialog->chosen();
        m_openedToAnyone.unite(QSet<QString>(chosen.cbegin(), chosen.cend()));
        publishAll();
    });
    dialog->open();
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
    m_window->setKeepRunningInTray(anyUp && m_tray.isAvailable() && !m_quitting);
}

void DesktopController::editLoginUser(const share::ShareRow& row) {
    auto* dialog = new QInputDialog(m_window.get());
    dialog->setObjectName(QStringLiteral("loginUserInputDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Login user"));
    dialog->setLabelText(tr("User students log in to %1 as:").arg(row.node));
    dialog->setTextValue(loginUser(row));
    const quint64 generation = m_labGeneration;
    const QString node = row.node;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, generation, node](const QString& user) {
        if (generation == m_labGeneration && m_settings)
            m_settings->setLoginUser(node, user.trimmed());
    });
    dialog->open();
}

QString DesktopController::loginUser(const share::ShareRow& row) const {
    const QString chosen = m_settings ? m_settings->loginUser(row.node) : QString();
    return chosen.isEmpty() ? topology::defaultLoginUser(row.kind) : chosen;
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

share::ShareSheet DesktopController::shareSheet() const {
    share::ShareSheet sheet(m_session->topology().name, m_session->rows());
    for (const share::ShareRow& r : m_session->rows())
        sheet.setLoginUser(r.name, loginUser(r));
    return sheet;
}

void DesktopController::showShareSheet() {
    if (!m_session)
        return;
    const share::ShareSheet sheet = shareSheet();
    m_window->showShareSheet(sheet.toHtml(), sheet.toMarkdown());
}

void DesktopController::onExportShareSheet(const QString& path) {
    if (!m_session)
        return;
    const share::ShareSheet sheet = shareSheet();
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
