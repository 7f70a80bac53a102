// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "GateKey.h"
#include "HeadlessAuth.h"
#include "SignalWatcher.h"
#include "secrets/KeychainStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProcess>
#include <QSettings>

namespace labshare::app {

namespace {

// Gives this file's messages their tr() and translation context.
class AuthCommand {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::AuthCommand)
};

QString expiry(const auth::Account& account) {
    return account.accessExpiresAt.isValid() ? account.accessExpiresAt.toLocalTime().toString(QStringLiteral("HH:mm"))
                                             : AuthCommand::tr("unknown (the identity provider could not be reached)");
}

bool openWithXdgOpen(const QUrl& url) {
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
}

int exitOnSignal() {
    SignalWatcher* watcher = new SignalWatcher(qApp);
    QObject::connect(watcher, &SignalWatcher::terminationRequested, qApp, [] { QCoreApplication::exit(130); });
    return QCoreApplication::exec();
}

} // namespace

int runLogin(const Invocation& inv) {
    Result<auth::AuthConfig> config = identityProvider(inv.issuer, inv.clientId);
    if (!config) {
        printProblem(config.error().message);
        return 2;
    }
    if (inv.redirectPort >= 0)
        config->redirectPort = inv.redirectPort;
    if (!inv.scope.isEmpty())
        config->scope = inv.scope;
    if (inv.clientSecretGiven)
        config->clientSecretInKeychain = !inv.clientSecret.isEmpty();
    HeadlessAuth headless(*config);
    auth::AuthSession& session = headless.session();
    session.setBrowserOpener(inv.noBrowser ? auth::BrowserOpener() : auth::BrowserOpener(openWithXdgOpen));
    if (inv.clientSecretGiven)
        session.setClientSecret(inv.clientSecret.toUtf8());
    if (inv.signInTimeout > 0)
        session.setBrowserTimeout(inv.signInTimeout);
    bool signingIn = false;
    bool alreadySignedIn = false;
    bool rotatedTokenLost = false; // restoring, the keychain refused the rotated refresh token
    const QString issuer = config->issuer.toString();
    const auto signIn = [&] {
        signingIn = true;
        session.signIn(inv.browser ? auth::SignInMethod::Browser : auth::SignInMethod::Device);
    };

    QObject::connect(&session, &auth::AuthSession::stateChanged, qApp, [&](auth::AuthState state) {
        if (state == auth::AuthState::SignedIn && !signingIn) {
            QSettings settings;
            config->save(settings); // a new redirect port or client secret is kept
            printLine(
                AuthCommand::tr(
                    "Already signed in as %1 at %2 (remembered in the keychain); the access token expires at %3.\n"
                    "Run `labshare logout` first to sign in as someone else.")
                    .arg(session.account().identity.describe(), issuer, expiry(session.account())));
            alreadySignedIn = true;
            if (!session.account().saving) // else a rotated refresh token is on its way to the keychain
                QCoreApplication::exit(rotatedTokenLost ? 1 : 0);
        } else if (state == auth::AuthState::SignedOut && !signingIn) {
            signIn();
        } else if (state == auth::AuthState::SignedIn) {
            printLine(AuthCommand::tr("Signed in as %1 at %2; the access token expires at %3.")
                          .arg(session.account().identity.describe(), issuer, expiry(session.account())));
        }
    });
    QObject::connect(&session, &auth::AuthSession::refreshTokenStored, qApp, [&](bool remembered) {
        if (alreadySignedIn) {
            if (!session.account().saving)
                QCoreApplication::exit(remembered ? 0 : 1);
            return;
        }
        if (!signingIn) { // a restore's rotated token, stored before its user is known: SignedIn ends it
            rotatedTokenLost = !remembered;
            return;
        }
        if (!remembered) {
            printProblem(AuthCommand::tr(
                "the sign-in could not be saved, so other LabShare runs will not see it; start the keychain "
                "service (e.g. gnome-keyring) and run `labshare login` again"));
            QCoreApplication::exit(1);
            return;
        }
        QSettings settings;
        config->save(settings); // the issuer is remembered once a sign-in with it worked
        printLine(AuthCommand::tr("The sign-in is remembered in the keychain; `labshare logout` removes it."));
        QCoreApplication::exit(0);
    });
    QObject::connect(&session, &auth::AuthSession::deviceCodeReady, qApp, [&](const auth::DeviceCode& code) {
        printLine(AuthCommand::tr("To sign in, open %1 in a browser on any device and enter the code\n\n    %2\n")
                      .arg(code.verificationUri.toString(), code.userCode));
        if (code.verificationUriComplete.isValid() && !code.verificationUriComplete.isEmpty())
            printLine(AuthCommand::tr("or open %1").arg(code.verificationUriComplete.toString()));
        printLine(AuthCommand::tr("Waiting for you to confirm (the code expires at %1)…")
                      .arg(code.expiresAt.toLocalTime().toString(QStringLiteral("HH:mm"))));
    });
    QObject::connect(
        &session, &auth::AuthSession::browserLinkReady, qApp,
        [&](const QUrl& url, bool opened, const QDateTime& deadline) {
            const QString until = deadline.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
            if (opened)
                printLine(AuthCommand::tr("Your browser shows the sign-in page; waiting for you to sign in (until %1)…")
                              .arg(until));
            else
                printLine(AuthCommand::tr("Open this link in a browser on this computer to sign in:\n\n%1\n\nWaiting "
                                          "for you to sign in (until %2)…")
                              .arg(url.toString(QUrl::FullyEncoded), until));
        });
    QObject::connect(&session, &auth::AuthSession::signInFailed, qApp, [&](const QString& message) {
        if (!signingIn) { // the remembered sign-in no longer works: say why, and sign in anew
            printProblem(message);
            signIn();
            return;
        }
        printProblem(AuthCommand::tr("sign-in failed: %1").arg(message));
        QCoreApplication::exit(1);
    });
    QObject::connect(&session, &auth::AuthSession::notice, qApp, [](const QString& message) { printProblem(message); });

    session.restore();
    return exitOnSignal();
}

int runLogout() {
    {
        // A student's tickets from `labshare connect` go too (before the verb's event loop starts).
        secrets::KeychainStore store(QStringLiteral(LABSHARE_APP_ID));
        QEventLoop wait;
        bool finished = false;
        forgetGateTickets(store, [&](int forgotten) {
            if (forgotten == 1)
                printLine(AuthCommand::tr("Forgot the ticket for shares for named people."));
            else if (forgotten > 1)
                printLine(AuthCommand::tr("Forgot %1 tickets for shares for named people.").arg(forgotten));
            finished = true;
            wait.quit();
        });
        if (!finished)
            wait.exec();
    }
    const Result<auth::AuthConfig> config = identityProvider();
    if (!config) {
        printLine(AuthCommand::tr("Not signed in."));
        return 0;
    }
    HeadlessAuth headless(*config);
    auth::AuthSession& session = headless.session();
    const QString issuer = config->issuer.toString();
    QObject::connect(&session, &auth::AuthSession::stateChanged, qApp, [&](auth::AuthState state) {
        if (state == auth::AuthState::Restoring)
            return;
        QObject::disconnect(&session, &auth::AuthSession::stateChanged, qApp, nullptr);
        if (state == auth::AuthState::SignedOut) {
            printLine(AuthCommand::tr("Not signed in at %1.").arg(issuer));
            QCoreApplication::exit(0);
            return;
        }
        session.signOut();
    });
    QObject::connect(&session, &auth::AuthSession::signOutFinished, qApp, [&](const auth::SignOutOutcome& outcome) {
        printLine(outcome.message(config->issuer));
        QCoreApplication::exit(0);
    });
    QObject::connect(&session, &auth::AuthSession::notice, qApp, [](const QString& message) { printProblem(message); });
    session.restore();
    return exitOnSignal();
}

} // namespace labshare::app
