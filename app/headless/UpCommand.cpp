// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpCommand.h"
#include "Console.h"
#include "HeadlessAuth.h"
#include "LiveBlock.h"
#include "NodeLoginCommand.h"
#include "RelayTokenBridge.h"
#include "SignalWatcher.h"
#include "UpDeadline.h"
#include "UpGate.h"
#include "UpReport.h"
#include "common/LogBuffer.h"
#include "common/TerminalText.h"
#include "share/ConnectionJournal.h"
#include "share/ShareName.h"
#include "share/ShareSession.h"
#include "topology/TopologyLoader.h"
#include "tunnel/TunnelEngine.h"
#include "tunnel/lan/LanAddress.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace labshare::app {

using topology::PublishSpec;

namespace {

// Gives this file's messages their tr() and translation context.
class UpCommand {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::UpCommand)
};

// Headless secrets: asked on the terminal without echo; none when there is no terminal.
std::optional<secrets::SecretBytes> askOnTerminal(tunnel::SecretKind kind, const QString& what) {
    if (kind == tunnel::SecretKind::Token || !::isatty(STDIN_FILENO))
        return std::nullopt;
    const LiveBlock::Hold hold; // the live table stays off the screen while the prompt waits
    const QString prompt = kind == tunnel::SecretKind::KeyPassphrase ? UpCommand::tr("Passphrase for %1: ")
                                                                     : UpCommand::tr("Password for %1: ");
    return readSecretLine(prompt.arg(escapeForTerminal(what)));
}

struct Selection {
    QString node;
    PublishSpec spec;
};

// What to publish: every effective entry, or the --only picks (a node, or one TYPE/PORT of it,
// declared or not). Entries that name allowed users go through the gate; when there is none
// (`noGate` says why), they stay out unless --open-anyway: an open share must be a decision.
Result<QList<Selection>> select(const topology::Topology& lab, const Invocation& inv, bool gated,
                                const QString& noGate) {
    QList<Selection> out;
    const auto add = [&](const QString& node, const PublishSpec& spec) {
        if (!spec.isOpen() && !inv.openAnyway && !gated) {
            printProblem(UpCommand::tr("%1 is meant only for %2; it is left out: %3. Add --open-anyway to publish "
                                       "it open to anyone.")
                             .arg(share::shareName(node, spec), spec.allowed.join(QStringLiteral(", ")), noGate));
            return;
        }
        out.append({node, spec});
    };
    if (inv.only.isEmpty()) {
        for (const topology::Node& node : lab.nodes)
            for (const PublishSpec& spec : node.publish)
                add(node.name, spec);
        return out;
    }
    for (const QString& pick : inv.only) {
        const QString nodeName = pick.section(QLatin1Char(':'), 0, 0);
        const topology::Node* node = lab.node(nodeName);
        if (!node)
            return makeError(ErrorCode::BadInput,
                             UpCommand::tr("--only %1: the lab has no node '%2'").arg(pick, nodeName));
        if (!pick.contains(QLatin1Char(':'))) {
            for (const PublishSpec& spec : node->publish)
                add(nodeName, spec);
            continue;
        }
        Result<PublishSpec> wanted = PublishSpec::parse(pick.section(QLatin1Char(':'), 1));
        if (!wanted)
            return makeError(ErrorCode::BadInput, UpCommand::tr("--only %1: %2").arg(pick, wanted.error().message));
        const auto declared = std::find_if(node->publish.cbegin(), node->publish.cend(), [&](const PublishSpec& s) {
            return s.type == wanted->type && s.port == wanted->port;
        });
        add(nodeName, declared != node->publish.cend() ? *declared : *wanted);
    }
    return out;
}

// The gate for entries that name people, or why there is none.
Result<std::unique_ptr<UpGate>> gateFor(const Invocation& inv) {
    const Result<auth::AuthConfig> provider = identityProvider(inv.issuer, inv.clientId);
    if (!provider)
        return makeError(ErrorCode::BadInput, UpCommand::tr("the gate needs your identity provider to sign students "
                                                            "in, and %1")
                                                  .arg(provider.error().message));
    return UpGate::prepare(*provider);
}

// A relay with auth=token needs the sign-in `labshare login` remembered: picked up from the keychain
// (and refreshed) before the relay is dialled.
Result<bool> restoreSignIn(HeadlessAuth& headless) {
    auth::AuthSession& session = headless.session();
    QEventLoop wait; // before the verb's own event loop starts: nothing else runs yet
    QObject::connect(&session, &auth::AuthSession::stateChanged, &wait, [&wait](auth::AuthState state) {
        if (state != auth::AuthState::Restoring)
            wait.quit();
    });
    session.restore();
    if (session.state() == auth::AuthState::Restoring)
        wait.exec();
    if (session.state() != auth::AuthState::SignedIn)
        return makeError(ErrorCode::AuthFailed,
                         UpCommand::tr("this relay admits signed-in users and you are not signed in at %1: run "
                                       "`labshare login` first")
                             .arg(session.config().issuer.toString()));
    return true;
}

} // namespace

int runUp(const Invocation& inv) {
    // The table and the JSON lines say what happens; the log's info lines are for the window's
    // diagnostics pane (QT_LOGGING_RULES still turns them on).
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("labshare.*.info=false"));
    // libssh's chatter ("socket_callback_connected: …", a missing /etc/ssh/ssh_known_hosts) is kept in the log
    // ring; only -v puts it on stderr.
    LogBuffer::install().setRingOnly(QByteArrayLiteral("labshare.core.libssh"), !inv.verbose);
    const Result<tunnel::RelayProfile> relay = tunnel::RelayProfile::fromUrl(inv.relay);
    if (!relay) {
        printProblem(relay.error().message);
        return 2;
    }
    std::optional<share::ShareDeadline> classEnd; // --for counts from now, before anything is published
    if (!inv.endFor.isEmpty() || !inv.endAt.isEmpty()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const Result<share::ShareDeadline> end = inv.endFor.isEmpty() ? share::ShareDeadline::at(inv.endAt, now)
                                                                      : share::ShareDeadline::after(inv.endFor, now);
        if (!end) {
            printProblem((inv.endFor.isEmpty() ? QStringLiteral("--until: ") : QStringLiteral("--for: ")) +
                         end.error().message);
            return 2;
        }
        classEnd = *end;
    }
    if (relay->isLan()) {
        if (const Result<QString> address = tunnel::LanAddress::choose(*relay); !address) {
            printProblem(address.error().message);
            return 2;
        }
        const QString alternative = relay->host.isEmpty()
                                        ? tunnel::LanAddress::publicAlternative(QNetworkInterface::allAddresses())
                                        : QString();
        if (!alternative.isEmpty()) {
            tunnel::RelayProfile named;
            named.host = alternative;
            printProblem(UpCommand::tr("this machine has no private network address, so lan:// listens on 127.0.0.1 "
                                       "only; %1 is public, and shares there are open to the internet: to use it, "
                                       "name it with --relay %2")
                             .arg(alternative, named.toUrl()));
        }
    }
    const Result<topology::Topology> lab = topology::TopologyLoader::load(inv.file);
    if (!lab) {
        printProblem(lab.error().message);
        return 1;
    }
    for (const topology::Problem& p : lab->problems)
        std::fprintf(stderr, "%s\n", qUtf8Printable(escapeForTerminal(p.toString(), LineBreaks::Keep)));
    std::unique_ptr<UpGate> gate;
    QString noGate;
    const bool wantsGate = !inv.openAnyway && std::any_of(lab->nodes.cbegin(), lab->nodes.cend(), [](const auto& n) {
        return std::any_of(n.publish.cbegin(), n.publish.cend(), [](const PublishSpec& s) { return !s.isOpen(); });
    });
    if (wantsGate) {
        Result<std::unique_ptr<UpGate>> prepared = gateFor(inv);
        if (prepared)
            gate = std::move(*prepared);
        else
            noGate = prepared.error().message;
    }
    const Result<QList<Selection>> selection = select(*lab, inv, gate != nullptr, noGate);
    if (!selection) {
        printProblem(selection.error().message);
        return 2;
    }

    std::optional<HeadlessAuth> signIn;
    std::optional<RelayTokenBridge> tokens;
    if (relay->auth == tunnel::RelayAuth::Token) {
        const Result<auth::AuthConfig> provider = identityProvider();
        if (!provider) {
            printProblem(UpCommand::tr("%1 (this relay admits signed-in users: run `labshare login`)")
                             .arg(provider.error().message));
            return 2;
        }
        signIn.emplace(*provider);
        if (const Result<bool> restored = restoreSignIn(*signIn); !restored) {
            printProblem(restored.error().message);
            return 1;
        }
        tokens.emplace(signIn->session());
    }

    tunnel::TunnelEngine::Options options;
    options.hostKeys = inv.acceptNewHostKey ? tunnel::HostKeyPolicy::AcceptNew : tunnel::HostKeyPolicy::Refuse;
    options.secrets = tokens ? tokens->secretProvider(askOnTerminal) : tunnel::SecretProvider(askOnTerminal);
    tunnel::TunnelEngine engine(*relay, options);
    if (gate)
        gate->attach(engine); // before the first share is asked for
    share::ShareSession session(*lab);
    if (gate)
        session.setGate(gate->fingerprint());
    session.setEngine(&engine);
    for (const QString& t : inv.targets)
        session.setTargetOverride(t.section(QLatin1Char('='), 0, 0), t.section(QLatin1Char('='), 1));
    if (inv.allowLocalTargets)
        session.allowAllLocalTargets();

    UpReport report(UpReport::formFor(inv.json, stdout), stdout);
    if (gate) {
        QObject::connect(&engine, &tunnel::TunnelEngine::gateVerdict, qApp,
                         [&report](const gate::GateVerdict& verdict) { report.access(verdict); });
        printProblem(UpCommand::tr("shares for named people go through LabShare's gate, key %1; students connect "
                                   "with `labshare connect HOST:PORT --fingerprint %1`")
                         .arg(gate->fingerprint()));
    }
    // Every connection that ends goes to the lab's log file and, with --json, out as an event. Connections
    // LabShare closes because the class is over ended by expiry, not by a user's stop.
    share::ConnectionJournal journal(share::ConnectionJournal::fileFor(inv.file));
    bool journalFailed = false;
    tunnel::ConnectionEnd stopsAre = tunnel::ConnectionEnd::Stopped;
    QObject::connect(
        &engine, &tunnel::TunnelEngine::connectionsChanged, qApp, [&](QList<tunnel::ConnectionRecord> records) {
            for (tunnel::ConnectionRecord& record : records)
                if (record.end == tunnel::ConnectionEnd::Stopped)
                    record.end = stopsAre;
            report.connections(records);
            if (const Result<bool> written = journal.append(records); !written && !std::exchange(journalFailed, true))
                printProblem(written.error().message);
        });
    int exitCode = 0;
    bool everConnected = relay->isLan();
    const auto fail = [&](const QString& message) {
        printProblem(message);
        exitCode = 1;
        QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
    };
    // A token relay that refuses the login is answered by the sign-in (a refresh, then a retry);
    // only when that gives up does `up` fail.
    bool loginBeingRetried = false;
    if (tokens) {
        tokens->attach(&engine);
        QObject::connect(&engine, &tunnel::TunnelEngine::loginRefused, qApp, [&] { loginBeingRetried = true; });
        QObject::connect(&*tokens, &RelayTokenBridge::signInNeeded, qApp,
                         [&](const QString& message) { fail(UpCommand::tr("%1: run `labshare login`").arg(message)); });
        QObject::connect(&signIn->session(), &auth::AuthSession::signInFailed, qApp,
                         [&](const QString& message) { fail(UpCommand::tr("%1 Run `labshare login`.").arg(message)); });
        QObject::connect(&signIn->session(), &auth::AuthSession::accessTokenChanged, qApp,
                         [&] { loginBeingRetried = false; });
    }
    QObject::connect(&session, &share::ShareSession::shareChanged, &session, [&](const share::ShareRow& row) {
        report.shareChanged(row, session.rows());
        everConnected |= row.health.relayConnected;
        if (row.health.state == tunnel::ShareState::Failed) {
            if (!tokens) {
                fail(row.name + QStringLiteral(": ") + row.health.lastError);
                return;
            }
            // The engine reports a refused login right after the row; give that report time to land.
            const QString message = row.name + QStringLiteral(": ") + row.health.lastError;
            QTimer::singleShot(500, qApp, [&, message] {
                if (!loginBeingRetried)
                    fail(message);
            });
        }
        // A relay that cannot be reached at all is an error to report, not to wait out; once it has
        // been reached, LabShare keeps reconnecting for as long as it runs.
        else if (row.health.state == tunnel::ShareState::Reconnecting && !everConnected && exitCode == 0)
            fail(UpCommand::tr("cannot reach the relay: %1").arg(row.health.lastError));
    });
    QObject::connect(&session, &share::ShareSession::healthUpdated, &session,
                     [&](const QList<share::ShareRow>& rows) { report.healthUpdated(rows); });

    QStringList terminalNodes;
    for (const Selection& s : *selection)
        if (s.spec.type == topology::PublishType::Term && !terminalNodes.contains(s.node))
            terminalNodes << s.node;
    loadNodeLogins(session, terminalNodes);

    int published = 0;
    for (const Selection& s : *selection) {
        const Result<QString> name = session.publish(s.node, s.spec);
        if (name)
            ++published;
        else if (name.error().code == ErrorCode::NoAddress)
            printProblem(UpCommand::tr("%1; give one with --target %2=HOST").arg(name.error().message, s.node));
        else if (name.error().code == ErrorCode::LocalTarget)
            printProblem(UpCommand::tr("%1; left out (publish it with --allow-local-targets for the whole lab, or "
                                       "--target %2=HOST)")
                             .arg(name.error().message, s.node));
        else
            printProblem(name.error().message);
    }
    if (published == 0) {
        printProblem(UpCommand::tr("nothing to publish in %1").arg(inv.file));
        return 2;
    }

    std::optional<UpDeadline> deadline;
    if (classEnd) {
        deadline.emplace(*classEnd);
        QObject::connect(&*deadline, &UpDeadline::warning, qApp,
                         [&report](const QDateTime& end, qint64 left) { report.classEnding(end, left); });
        QObject::connect(&*deadline, &UpDeadline::ended, qApp, [&report](const QDateTime& end) {
            report.classEnded(end);
            QCoreApplication::exit(0);
        });
        printProblem(UpCommand::tr("every share stops %1 (%2)")
                         .arg(classEnd->untilText(), classEnd->leftText(QDateTime::currentDateTimeUtc())));
        deadline->start();
    }
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [] { QCoreApplication::exit(0); });
    const int rc = QCoreApplication::exec();
    if (classEnd && classEnd->phase(QDateTime::currentDateTimeUtc()) == share::ShareDeadline::Phase::Ended)
        stopsAre = tunnel::ConnectionEnd::Expired;
    // Tear down, then let the last "stopped" reports through before exiting.
    engine.shutdown();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    return exitCode != 0 ? exitCode : rc;
}

} // namespace labshare::app
