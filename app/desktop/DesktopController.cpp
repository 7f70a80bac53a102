// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopController.h"
#include "DesktopLogging.h"
#include "MainWindow.h"
#include "ShareQuestions.h"
#include "presentation/PresentationView.h"
#include "share/ShareSheet.h"
#include "widgets/Question.h"
#include "widgets/SharesView.h"

#include <QInputDialog>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStatusBar>

#include <cstdio>
#include <cstdlib>

namespace labshare::app {

namespace {

constexpr int kQuitTimeoutMs = 5000; // a relay that does not let go by then is left to the process's exit

} // namespace

DesktopController::DesktopController(LogBuffer& log, share::DeadlineWatch::Clock clock, QObject* parent)
    : QObject(parent)
    , m_keychain(QStringLiteral(LABSHARE_APP_ID))
    , m_auth(m_keychain, m_network)
    , m_tokenBridge(m_auth)
    , m_window(std::make_unique<ui::MainWindow>(m_topologyModel, m_sharesModel, log, m_connectionsModel))
    , m_secretBridge(m_keychain, m_window.get())
    , m_account(std::make_unique<AccountController>(m_auth, m_tokenBridge, *m_window))
    , m_relays(std::make_unique<RelayController>(m_tokenBridge, m_secretBridge, *m_window))
    , m_gate(m_auth, m_keychain, m_network)
    , m_lab(std::make_unique<LabController>(*m_window, m_topologyModel, *m_relays, m_gate))
    , m_deadlines(std::make_unique<DeadlineController>(*m_window, m_tray, *m_lab, std::move(clock)))
    , m_connections(
          std::make_unique<ConnectionsController>(m_connectionsModel, m_sharesModel, *m_window, *m_relays, *m_lab))
    , m_nodeLogins(std::make_unique<NodeLoginController>(m_keychain, *m_window, *m_lab)) {
    ui::MainWindow* w = m_window.get();
    LabController* lab = m_lab.get();
    connect(w, &ui::MainWindow::openRequested, lab, &LabController::open);
    connect(w, &ui::MainWindow::relaySelected, this, &DesktopController::chooseRelay);
    connect(w, &ui::MainWindow::editRelayRequested, m_relays.get(), &RelayController::edit);
    connect(m_relays.get(), &RelayController::relayChosen, this, &DesktopController::chooseRelay);
    connect(m_account.get(), &AccountController::identityProviderChanged, &m_gate, &DesktopGate::providerChanged);
    // A relay coming or going changes every share at once, one report each: the views take them in one go, once
    // the reports already queued are in.
    m_sharesRefresh.setSingleShot(true);
    m_sharesRefresh.setInterval(0);
    connect(&m_sharesRefresh, &QTimer::timeout, this, &DesktopController::onSharesChanged);
    connect(lab, &LabController::sharesChanged, &m_sharesRefresh, qOverload<>(&QTimer::start));
    connect(lab, &LabController::windowNeeded, this, &DesktopController::showWindow);
    connect(w, &ui::MainWindow::publishDeclaredRequested, lab, &LabController::publishDeclared);
    connect(w, &ui::MainWindow::stopAllRequested, lab, &LabController::askToStopAll);
    connect(w, &ui::MainWindow::presentationRequested, this, &DesktopController::showPresentation);
    connect(w, &ui::MainWindow::shareUntilRequested, m_deadlines.get(), &DeadlineController::askForLab);
    connect(w->sharesView(), &ui::SharesView::untilRequested, m_deadlines.get(), &DeadlineController::askForShare);
    connect(&m_tray, &ui::TrayIcon::extendRequested, m_deadlines.get(), &DeadlineController::extend);
    connect(&m_tray, &ui::TrayIcon::messageClicked, this, &DesktopController::showWindow);
    connect(m_deadlines.get(), &DeadlineController::changed, this, &DesktopController::showEnds);
    connect(m_deadlines.get(), &DeadlineController::sharesEnding, m_connections.get(),
            &ConnectionsController::markExpired);
    connect(w, &ui::MainWindow::autoPublishToggled, this, [this](bool on) {
        if (share::LabSettings* settings = m_lab->settings())
            settings->setAutoPublish(on);
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
    w->sharesView()->setLoginUserProvider([this](const share::ShareRow& row) { return m_lab->loginUser(row); });
    connect(w->sharesView(), &ui::SharesView::stopRequested, lab,
            [lab](const QString& name) { lab->askToStop({name}); });
    connect(w->sharesView(), &ui::SharesView::loginUserChangeRequested, this, &DesktopController::editLoginUser);
    connect(w->sharesView(), &ui::SharesView::nodeLoginRequested, m_nodeLogins.get(), &NodeLoginController::edit);
    connect(w->sharesView(), &ui::SharesView::signOutRequested, this, [this](const QString& identity) {
        m_gate.signOut(identity);
        m_window->statusBar()->showMessage(
            identity.isEmpty() ? tr("Everyone signs in again at their next connection; open connections stay.")
                               : tr("%1 signs in again at their next connection; open connections stay.").arg(identity),
            8000);
    });

    // The table's uptimes and times left read the same clock as the deadlines.
    m_sharesModel.setClock([this] {
        return m_deadlines ? m_deadlines->watch().now().toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &DesktopController::showEnds); // and the table's uptimes
    connect(&m_clock, &QTimer::timeout, &m_connectionsModel, &ui::ConnectionsModel::refresh);
    m_clock.start();

    connect(&m_tray, &ui::TrayIcon::toggleRequested, lab, [lab](const QString& name, bool published) {
        if (!published)
            lab->askToStop({name});
    });
    connect(&m_tray, &ui::TrayIcon::stopAllRequested, lab, &LabController::askToStopAll);
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
    m_deadlines.reset(); // nothing ends on its own while the rest goes
    m_lab.reset();       // the session lets go of the engine first
    m_relays.reset();    // its engines' workers may still ask the sign-in for a token
}

void DesktopController::open(const QString& path) {
    m_lab->open(path);
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
    const bool sharing = !m_lab->rows().isEmpty();
    m_lab->stopSharing();
    if (sharing) {
        m_stopping = new QProgressDialog(tr("Stopping shares…"), QString(), 0, 0, m_window.get());
        m_stopping->setObjectName(QStringLiteral("stoppingProgressDialog"));
        m_stopping->setWindowTitle(tr("LabShare"));
        m_stopping->setCancelButton(nullptr);
        m_stopping->setMinimumDuration(0);
        m_stopping->show();
        m_window->statusBar()->showMessage(tr("Stopping shares…"));
        m_tray.setStopping();
    }
    qCInfo(lcDesktop) << "quitting: stopping every share";
    m_relays->stopAll(kQuitTimeoutMs, [this](bool clean) {
        if (!clean) {
            // A worker still runs and points into objects about to be destroyed: end here, as cleanly
            // as the rest already is (the relay drops the session with the process).
            qCWarning(lcDesktop) << "a relay did not stop in time; quitting anyway";
            std::fflush(nullptr);
            std::_Exit(0);
        }
        if (m_stopping)
            m_stopping->close();
        m_tray.hide();
        Q_EMIT finished(0);
    });
}

void DesktopController::chooseRelay(const QString& url) {
    if (m_quitting)
        return;
    if (url == m_relays->relayUrl()) {
        m_relays->showChoices();
        m_relays->askAgain();
        return;
    }
    const auto apply = [this, url] {
        const Result<bool> used = m_relays->use(url);
        if (!used) {
            m_window->showBanner(used.error().message.toHtmlEscaped(), true);
            return;
        }
        if (share::LabSettings* settings = m_lab->settings())
            settings->setRelayUrl(url); // only a relay that could be used is remembered for the lab
    };
    const QList<share::ShareRow> rows = m_lab->rows();
    if (rows.isEmpty()) {
        apply();
        return;
    }
    const QString from = m_relays->relayUrl();
    const quint64 generation = m_lab->generation();
    ui::ask(m_window.get(), ShareQuestions::switchRelay(rows, RelayController::displayName(url)),
            [this, apply, from, generation](bool yes) {
                if (yes && !m_quitting && from == m_relays->relayUrl() && generation == m_lab->generation())
                    apply();
                else
                    m_relays->showChoices(); // the selector goes back to the relay in use
            });
}

void DesktopController::onSharesChanged() {
    const QList<share::ShareRow> rows = m_lab->rows();
    m_sharesModel.setRows(rows);
    m_tray.setRows(rows);
    if (m_presentation)
        m_presentation->setRows(rows);
    showEnds();
    // Anything ticked keeps LabShare in the tray: a share reconnecting right now is still the user's.
    m_window->setKeepRunningInTray(!rows.isEmpty() && m_tray.isAvailable() && !m_quitting);
}

void DesktopController::showEnds() {
    if (!m_deadlines)
        return; // being destroyed
    const share::DeadlineWatch& watch = m_deadlines->watch();
    m_sharesModel.setEnds(watch.ends()); // refreshes every row's figures too
    m_tray.setEnding(watch.endingText(), watch.endingAt().isValid());
    if (m_presentation)
        m_presentation->setEnding(watch.untilText());
}

void DesktopController::editLoginUser(const share::ShareRow& row) {
    auto* dialog = new QInputDialog(m_window.get());
    dialog->setObjectName(QStringLiteral("loginUserInputDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Login user"));
    dialog->setLabelText(tr("User students log in to %1 as:").arg(row.node));
    dialog->setTextValue(m_lab->loginUser(row));
    const quint64 generation = m_lab->generation();
    const QString node = row.node;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, generation, node](const QString& user) {
        if (share::LabSettings* settings = m_lab->settings(); settings && generation == m_lab->generation())
            settings->setLoginUser(node, user.trimmed());
    });
    dialog->open();
}

void DesktopController::showPresentation() {
    const share::ShareSession* session = m_lab->session();
    if (!session)
        return;
    if (!m_presentation) {
        m_presentation = new ui::PresentationView;
        m_presentation->setAttribute(Qt::WA_DeleteOnClose);
        m_presentation->setAttribute(Qt::WA_QuitOnClose, false); // closing it never ends LabShare
    }
    m_presentation->setTitle(session->topology().name);
    for (const share::ShareRow& r : session->rows())
        m_presentation->setLoginUser(r.name, m_lab->loginUser(r));
    m_presentation->setRows(session->rows());
    m_presentation->setEnding(m_deadlines->watch().untilText());
    m_presentation->present();
}

share::ShareSheet DesktopController::shareSheet() const {
    share::ShareSheet sheet(m_lab->session()->topology().name, m_lab->rows());
    for (const share::ShareRow& r : m_lab->rows())
        sheet.setLoginUser(r.name, m_lab->loginUser(r));
    return sheet;
}

void DesktopController::showShareSheet() {
    if (!m_lab->session())
        return;
    const share::ShareSheet sheet = shareSheet();
    m_window->showShareSheet(sheet.toHtml(), sheet.toMarkdown());
}

void DesktopController::onExportShareSheet(const QString& path) {
    if (!m_lab->session())
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
