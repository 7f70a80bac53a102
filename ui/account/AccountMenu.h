// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthSession.h"

#include <QMenu>
#include <QPointer>
#include <QToolButton>

class QLabel;
class QWidgetAction;

namespace labshare::ui {

// The account button's menu and text, following the sign-in session: who is signed in and until
// when their token is valid, or how to sign in (the device flow first, the browser on this
// computer as an option) and which identity provider to use. Signing out and cancelling go
// straight to the session; starting a sign-in or choosing the provider opens a window, which is
// the controller's job, asked for through the signals.
class AccountMenu : public QMenu {
    Q_OBJECT

public:
    // Pops up below `button` when it is clicked (popup(), never a nested event loop) and keeps the
    // button's text and tool tip current.
    AccountMenu(auth::AuthSession& session, QToolButton* button);

    QToolButton* button() const { return m_button; }
    // What the menu's header says (who, token expiry, whether it is remembered), as plain text.
    QString headerText() const;

Q_SIGNALS:
    void signInRequested(labshare::auth::SignInMethod method);
    void identityProviderRequested();

private:
    void refresh();
    void showBelowButton();
    QString providerName() const;

    auth::AuthSession& m_session;
    QPointer<QToolButton> m_button;
    QWidgetAction* m_header = nullptr;
    QLabel* m_headerLabel = nullptr;
    QAction* m_signInAgain = nullptr;
    QAction* m_signIn = nullptr;
    QAction* m_browserSignIn = nullptr;
    QAction* m_cancelSignIn = nullptr;
    QAction* m_providerSeparator = nullptr;
    QAction* m_identityProvider = nullptr;
    QAction* m_signOut = nullptr;
};

} // namespace labshare::ui
