// SPDX-License-Identifier: GPL-3.0-or-later
#include "account/AccountMenu.h"

#include "account/ClockText.h"

#include <QLabel>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QWidgetAction>

namespace labshare::ui {

using auth::AuthState;
using auth::SignInMethod;

namespace {

const QString kMenuArrow = QStringLiteral(" ▾");

QString paragraph(const QString& text, const QString& style = {}) {
    return style.isEmpty() ? QStringLiteral("<p>%1</p>").arg(text)
                           : QStringLiteral("<p style=\"%1\">%2</p>").arg(style, text);
}

} // namespace

AccountMenu::AccountMenu(auth::AuthSession& session, QToolButton* button)
    : QMenu(button)
    , m_session(session)
    , m_button(button) {
    setObjectName(QStringLiteral("accountMenu"));
    m_headerLabel = new QLabel(this);
    m_headerLabel->setObjectName(QStringLiteral("accountHeaderLabel"));
    m_headerLabel->setTextFormat(Qt::RichText);
    m_headerLabel->setContentsMargins(12, 8, 12, 8);
    m_headerLabel->setMinimumWidth(280);
    m_header = new QWidgetAction(this);
    m_header->setObjectName(QStringLiteral("accountHeaderAction"));
    m_header->setDefaultWidget(m_headerLabel);
    addAction(m_header);
    addSeparator();

    m_signInAgain = addAction(tr("Sign in again…"), this, [this] { Q_EMIT signInRequested(SignInMethod::Device); });
    m_signInAgain->setObjectName(QStringLiteral("signInAgainAction"));
    QFont bold = m_signInAgain->font();
    bold.setBold(true);
    m_signInAgain->setFont(bold);
    m_signIn = addAction(tr("Sign in…"), this, [this] { Q_EMIT signInRequested(SignInMethod::Device); });
    m_signIn->setObjectName(QStringLiteral("signInAction"));
    m_signIn->setToolTip(tr("Shows a code to enter on any browser, e.g. your phone's"));
    m_browserSignIn = addAction(tr("Sign in with this computer's browser…"), this,
                                [this] { Q_EMIT signInRequested(SignInMethod::Browser); });
    m_browserSignIn->setObjectName(QStringLiteral("browserSignInAction"));
    m_cancelSignIn = addAction(tr("Cancel the sign-in"), this, [this] { m_session.cancelSignIn(); });
    m_cancelSignIn->setObjectName(QStringLiteral("cancelSignInAction"));
    m_providerSeparator = addSeparator();
    m_identityProvider = addAction(tr("Identity provider…"), this, &AccountMenu::identityProviderRequested);
    m_identityProvider->setObjectName(QStringLiteral("identityProviderAction"));
    m_signOut = addAction(tr("Sign out"), this, [this] { m_session.signOut(); });
    m_signOut->setObjectName(QStringLiteral("signOutAction"));

    connect(&m_session, &auth::AuthSession::stateChanged, this, &AccountMenu::refresh);
    connect(&m_session, &auth::AuthSession::accountChanged, this, &AccountMenu::refresh);
    // The session tells of no identity provider change that leaves the state as it was.
    connect(this, &QMenu::aboutToShow, this, &AccountMenu::refresh);
    if (m_button) {
        m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(m_button, &QToolButton::clicked, this, &AccountMenu::showBelowButton);
    }
    refresh();
}

QString AccountMenu::headerText() const {
    return QTextDocumentFragment::fromHtml(m_headerLabel->text()).toPlainText();
}

void AccountMenu::refresh() {
    const AuthState state = m_session.state();
    const auth::Account& account = m_session.account();
    const QString who = account.identity.displayName();
    const QString provider = providerName();
    QString header;
    QString buttonText;
    QString toolTip;
    switch (state) {
    case AuthState::SignedOut:
        header = paragraph(tr("<b>Not signed in</b>")) +
                 paragraph(provider.isEmpty() ? tr("No identity provider is set yet.")
                                              : tr("Identity provider: %1").arg(provider.toHtmlEscaped()),
                           QStringLiteral("color:#5f6368"));
        buttonText = tr("Not signed in");
        toolTip =
            tr("Signing in is only needed for relays that admit signed-in users; the LAN relay needs no account.");
        break;
    case AuthState::Restoring:
        header = who.isEmpty() ? paragraph(tr("Checking the remembered sign-in at %1…").arg(provider.toHtmlEscaped()))
                               : paragraph(tr("Checking the remembered sign-in of %1 at %2…")
                                               .arg(who.toHtmlEscaped(), provider.toHtmlEscaped()));
        buttonText = tr("Signing in…");
        toolTip = tr("Reading the remembered sign-in from the keychain");
        break;
    case AuthState::SigningIn:
        header = paragraph(tr("Signing in at %1…").arg(provider.toHtmlEscaped()));
        buttonText = tr("Signing in…");
        toolTip = tr("A sign-in is in progress");
        break;
    case AuthState::SignedIn: {
        const QString expiry = clockText(account.accessExpiresAt);
        header = paragraph(QStringLiteral("<b>%1</b>").arg(who.toHtmlEscaped())) +
                 paragraph(tr("Signed in at %1 until %2").arg(provider.toHtmlEscaped(), expiry),
                           QStringLiteral("color:#5f6368"));
        if (account.identity.emailVerification == auth::EmailVerification::Unverified)
            header += paragraph(tr("The identity provider has not verified this e-mail address;<br>relays and "
                                   "shares that admit people by e-mail refuse it."),
                                QStringLiteral("color:#8c1d18"));
        if (!account.remembered && !account.saving)
            header += paragraph(tr("Not remembered: no keychain. The sign-in lasts until LabShare quits."),
                                QStringLiteral("color:#8c1d18"));
        buttonText = account.identity.name.isEmpty() ? who : account.identity.name;
        toolTip = tr("Signed in as %1; the token is valid until %2 and renewed automatically")
                      .arg(account.identity.describe(), expiry);
        break;
    }
    case AuthState::SignInRequired:
        header =
            paragraph(tr("<b>Sign in again</b>"), QStringLiteral("color:#8c1d18")) +
            paragraph(who.isEmpty()
                          ? tr("Your sign-in at %1 has ended.").arg(provider.toHtmlEscaped())
                          : tr("The sign-in of %1 at %2 has ended.").arg(who.toHtmlEscaped(), provider.toHtmlEscaped()),
                      QStringLiteral("color:#5f6368"));
        buttonText = tr("Sign in again");
        toolTip = tr("Relays that admit signed-in users refuse LabShare until you sign in again");
        break;
    }
    m_headerLabel->setText(header);

    const bool signedOut = state == AuthState::SignedOut;
    const bool required = state == AuthState::SignInRequired;
    m_signInAgain->setVisible(required);
    m_signIn->setVisible(signedOut);
    m_browserSignIn->setVisible(signedOut || required);
    m_cancelSignIn->setVisible(state == AuthState::SigningIn);
    m_providerSeparator->setVisible(signedOut || required || state == AuthState::SignedIn);
    m_identityProvider->setVisible(signedOut || required);
    m_signOut->setVisible(state == AuthState::SignedIn || required);
    setDefaultAction(required ? m_signInAgain : signedOut ? m_signIn : nullptr);

    if (!m_button)
        return;
    m_button->setText(buttonText + kMenuArrow);
    m_button->setToolTip(toolTip);
    // Worded and coloured like the error banner: relays that need a token stop until the user acts.
    m_button->setStyleSheet(required ? QStringLiteral("QToolButton { color:#8c1d18; font-weight:bold; }") : QString());
}

void AccountMenu::showBelowButton() {
    if (!m_button)
        return;
    const QSize size = sizeHint();
    // Right-aligned with the button, which sits at the toolbar's right end.
    popup(m_button->mapToGlobal(QPoint(m_button->width() - size.width(), m_button->height())));
}

QString AccountMenu::providerName() const {
    const QUrl issuer = m_session.config().issuer;
    if (issuer.isEmpty())
        return {};
    return issuer.port() > 0 ? QStringLiteral("%1:%2").arg(issuer.host()).arg(issuer.port()) : issuer.host();
}

} // namespace labshare::ui
