// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountController.h"

#include "MainWindow.h"
#include "RelayTokenBridge.h"
#include "account/AccountMenu.h"
#include "account/IdentityProviderDialog.h"
#include "account/SignInDialog.h"

#include <QDesktopServices>
#include <QSettings>
#include <QToolButton>

namespace labshare::app {

AccountController::AccountController(auth::AuthSession& session, RelayTokenBridge& tokenBridge, ui::MainWindow& window,
                                     QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_window(window) {
    m_session.setBrowserOpener([](const QUrl& url) { return QDesktopServices::openUrl(url); });
    m_session.setConfig(auth::AuthConfig::load(QSettings()));
    m_menu = new ui::AccountMenu(m_session, m_window.accountButton());
    connect(m_menu, &ui::AccountMenu::signInRequested, this, &AccountController::signIn);
    connect(m_menu, &ui::AccountMenu::identityProviderRequested, this, [this] { editIdentityProvider(); });

    connect(&m_session, &auth::AuthSession::notice, this,
            [this](const QString& message) { m_window.showBanner(message, false); });
    connect(&m_session, &auth::AuthSession::signInFailed, this, &AccountController::showSignInProblem);
    connect(&m_session, &auth::AuthSession::signOutFinished, this, [this](const auth::SignOutOutcome& outcome) {
        m_window.showBanner(outcome.message(m_session.config().issuer), !outcome.revoked && outcome.hadTokens);
    });
    connect(&tokenBridge, &RelayTokenBridge::signInNeeded, this, &AccountController::showSignInProblem);
    connect(&m_session, &auth::AuthSession::stateChanged, this, [this](auth::AuthState state) {
        if (state == auth::AuthState::SignedIn && m_bannerAsksToSignIn)
            m_window.clearBanner();
        if (state == auth::AuthState::SignedIn)
            m_bannerAsksToSignIn = false;
    });
    m_session.restore();
}

ui::AccountMenu* AccountController::menu() const {
    return m_menu;
}

ui::SignInDialog* AccountController::signInDialog() const {
    return m_signInDialog;
}

ui::IdentityProviderDialog* AccountController::identityProviderDialog() const {
    return m_providerDialog;
}

void AccountController::signIn(auth::SignInMethod method) {
    if (!m_session.config().isComplete()) {
        editIdentityProvider([this, method] { signIn(method); });
        return;
    }
    if (!m_signInDialog) {
        m_signInDialog = new ui::SignInDialog(m_session, &m_window);
        m_signInDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_signInDialog->show();
    m_signInDialog->raise();
    m_signInDialog->activateWindow();
    m_signInDialog->start(method);
}

void AccountController::editIdentityProvider(std::function<void()> then) {
    if (m_providerDialog) {
        m_providerDialog->raise();
        m_providerDialog->activateWindow();
        return;
    }
    auto* dialog = new ui::IdentityProviderDialog(m_session.config(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_providerDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, then = std::move(then)] {
        const auth::AuthConfig config = dialog->config();
        QSettings settings;
        config.save(settings);
        m_session.setConfig(config);
        if (const std::optional<QByteArray> secret = dialog->clientSecretChange())
            m_session.setClientSecret(*secret);
        Q_EMIT identityProviderChanged();
        if (then)
            then();
        else
            m_session.restore(); // this provider may have a sign-in remembered from before
    });
    dialog->open(); // window-modal without a nested event loop
}

void AccountController::showSignInProblem(const QString& message) {
    if (m_signInDialog && m_signInDialog->isVisible())
        return; // the sign-in window shows it
    const bool again = m_session.state() == auth::AuthState::SignInRequired;
    m_window.showBanner(message, true, again ? tr("Sign in again…") : tr("Sign in…"),
                        [this] { signIn(auth::SignInMethod::Device); });
    m_bannerAsksToSignIn = true;
}

} // namespace labshare::app
