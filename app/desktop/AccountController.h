// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthSession.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace labshare::ui {
class AccountMenu;
class IdentityProviderDialog;
class MainWindow;
class SignInDialog;
} // namespace labshare::ui

namespace labshare::app {

class RelayTokenBridge;

// The desktop app's sign-in: the account button's menu, the sign-in and identity provider windows,
// and what the session and the relays' token logins have to tell the user, in the window's banner.
// The identity provider comes from the settings; a sign-in remembered in the keychain is picked up
// at start.
class AccountController : public QObject {
    Q_OBJECT

public:
    AccountController(auth::AuthSession& session, RelayTokenBridge& tokenBridge, ui::MainWindow& window,
                      QObject* parent = nullptr);

    // Asks for the identity provider first when none is set.
    void signIn(auth::SignInMethod method);
    void editIdentityProvider(std::function<void()> then = {});

    ui::AccountMenu* menu() const;
    ui::SignInDialog* signInDialog() const; // the open one, if any
    ui::IdentityProviderDialog* identityProviderDialog() const;

Q_SIGNALS:
    void identityProviderChanged(); // the user saved the Identity provider window

private:
    void showSignInProblem(const QString& message);

    auth::AuthSession& m_session;
    ui::MainWindow& m_window;
    QPointer<ui::AccountMenu> m_menu;
    QPointer<ui::SignInDialog> m_signInDialog;
    QPointer<ui::IdentityProviderDialog> m_providerDialog;
    bool m_bannerAsksToSignIn = false;
};

} // namespace labshare::app
