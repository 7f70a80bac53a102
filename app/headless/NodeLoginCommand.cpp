// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeLoginCommand.h"
#include "CommandLine.h"
#include "Console.h"
#include "secrets/KeychainStore.h"
#include "share/NodeLoginKeychain.h"
#include "share/ShareSession.h"
#include "topology/TopologyLoader.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace labshare::app {

namespace {

// Gives this file's messages their tr() and translation context.
class NodeLoginCommand {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::NodeLoginCommand)
};

// Runs one keychain call and waits for its answer.
QString waitFor(const std::function<void(share::NodeLoginWritten)>& call) {
    QString problem;
    bool finished = false;
    QEventLoop wait;
    call([&](const QString& answer) {
        problem = answer;
        finished = true;
        wait.quit();
    });
    if (!finished)
        wait.exec();
    return problem;
}

} // namespace

int runNodeLogin(const Invocation& inv) {
    const Result<topology::Topology> lab = topology::TopologyLoader::load(inv.file);
    if (!lab) {
        printProblem(lab.error().message);
        return 1;
    }
    if (!lab->node(inv.node)) {
        printProblem(NodeLoginCommand::tr("%1 has no node '%2'").arg(inv.file, inv.node));
        return 2;
    }
    secrets::KeychainStore keychain(QStringLiteral(LABSHARE_APP_ID));
    if (inv.forget) {
        const QString problem = waitFor([&](share::NodeLoginWritten done) {
            share::forgetNodeLogin(keychain, lab->file, inv.node, std::move(done));
        });
        if (!problem.isEmpty()) {
            printProblem(problem);
            return 1;
        }
        printLine(NodeLoginCommand::tr("Students log in to %1's browser terminals themselves.").arg(inv.node));
        return 0;
    }
    terminal::NodeLogin login;
    login.user = inv.loginUser;
    if (inv.keyFile.isEmpty()) {
        std::optional<secrets::SecretBytes> password =
            readSecretLine(NodeLoginCommand::tr("Password of %1 on %2: ").arg(inv.loginUser, inv.node));
        if (password)
            login.secret = std::move(*password);
    } else {
        Result<secrets::SecretBytes> key = terminal::NodeLogin::readKeyFile(inv.keyFile);
        if (!key) {
            printProblem(key.error().message);
            return key.error().code == ErrorCode::FileUnreadable ? 1 : 2;
        }
        login.secret = std::move(*key);
    }
    if (Result<bool> ok = terminal::NodeLogin::check(login.user, login.secret); !ok) {
        printProblem(ok.error().message);
        return 2;
    }
    const QString problem = waitFor([&](share::NodeLoginWritten done) {
        share::writeNodeLogin(keychain, lab->file, inv.node, login, std::move(done));
    });
    if (!problem.isEmpty()) {
        printProblem(problem);
        return 1;
    }
    printLine(NodeLoginCommand::tr("Browser terminals on %1 log students in as %2 (kept in the keychain).")
                  .arg(inv.node, login.user));
    return 0;
}

void loadNodeLogins(share::ShareSession& session, const QStringList& nodes) {
    if (nodes.isEmpty())
        return;
    secrets::KeychainStore keychain(QStringLiteral(LABSHARE_APP_ID));
    int pending = int(nodes.size());
    QEventLoop wait;
    for (const QString& node : nodes) {
        share::readNodeLogin(
            keychain, session.topology().file, node,
            [&, node](std::shared_ptr<const terminal::NodeLogin> login, const QString& problem) {
                if (!problem.isEmpty())
                    printProblem(problem);
                if (login) {
                    printProblem(
                        NodeLoginCommand::tr("browser terminals on %1 log students in as %2").arg(node, login->user));
                    session.setNodeLogin(node, std::move(login));
                }
                if (--pending == 0)
                    wait.quit();
            });
    }
    if (pending > 0)
        wait.exec();
}

} // namespace labshare::app
