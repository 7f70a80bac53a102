// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "GateKey.h"
#include "GateTunnel.h"
#include "SignalWatcher.h"
#include "secrets/KeychainStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSettings>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace labshare::app {

namespace {

// Gives this file's messages their tr() and translation context.
class ConnectCommand {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::ConnectCommand)
};

// Waits for one keychain answer (before the verb's own event loop starts: nothing else runs yet).
secrets::SecretBytes readTicket(secrets::SecretStore& store, const QString& fingerprint) {
    if (fingerprint.isEmpty())
        return {};
    secrets::SecretBytes ticket;
    QEventLoop wait;
    store.read(gateTicketKey(fingerprint), [&](const secrets::SecretReply& reply) {
        if (reply.status == secrets::SecretStatus::Ok)
            ticket = reply.secret.copy();
        wait.quit();
    });
    wait.exec();
    return ticket;
}

void writeAll(int fd, const QByteArray& bytes) {
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

} // namespace

int runConnect(const Invocation& inv) {
    const QString host = inv.file.section(QLatin1Char(':'), 0, -2);
    bool portOk = false;
    const int port = inv.file.section(QLatin1Char(':'), -1).toInt(&portOk);
    if (host.isEmpty() || !portOk || port < 1 || port > 65535) {
        printProblem(
            ConnectCommand::tr("labshare connect: give the share's address as HOST:PORT (got %1)").arg(inv.file));
        return 2;
    }
    QSettings settings;
    QString pin = inv.fingerprint;
    if (pin.isEmpty())
        pin = settings.value(knownGateKey(inv.file)).toString();
    if (pin.isEmpty() && !inv.acceptNew) {
        printProblem(ConnectCommand::tr(
                         "labshare connect: the gate at %1 is not known yet: give --fingerprint SHA256:… from the "
                         "instructor's handout (or --accept-new to trust the key it shows)")
                         .arg(inv.file));
        return 2;
    }
    secrets::KeychainStore store(QStringLiteral(LABSHARE_APP_ID));
    // Updated as the gate answers, so later connections (--listen) use the ticket and the key it gave.
    GateTunnel::Options options{host, quint16(port), pin, readTicket(store, pin)};
    int exitCode = 0;
    const auto keep = [&](GateTunnel* tunnel) {
        QObject::connect(tunnel, &GateTunnel::ticketRefused, qApp, [&] {
            options.ticket.clear();
            store.remove(gateTicketKey(options.pin), [](const secrets::SecretReply&) {});
        });
        QObject::connect(tunnel, &GateTunnel::admitted, qApp,
                         [&, tunnel](const QString& identity, const QString& fingerprint) {
                             if (settings.value(knownGateKey(inv.file)).toString() != fingerprint)
                                 settings.setValue(knownGateKey(inv.file), fingerprint);
                             options.pin = fingerprint;
                             const secrets::SecretBytes& ticket = tunnel->newTicket();
                             if (ticket.isEmpty())
                                 return; // the ticket the helper offered let it in
                             options.ticket = ticket.copy();
                             store.write(gateTicketKey(fingerprint), ticket.view(), [](const secrets::SecretReply&) {});
                             printProblem(ConnectCommand::tr("admitted as %1").arg(identity));
                         });
    };

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [] { QCoreApplication::exit(130); });
    if (!inv.listen.isEmpty()) {
        QTcpServer server;
        const QHostAddress address(inv.listen.section(QLatin1Char(':'), 0, -2));
        if (address.isNull() || !server.listen(address, quint16(inv.listen.section(QLatin1Char(':'), -1).toUInt()))) {
            printProblem(
                ConnectCommand::tr("labshare connect: cannot listen on %1: %2").arg(inv.listen, server.errorString()));
            return 2;
        }
        printProblem(
            ConnectCommand::tr("carrying every connection to %1 through the gate at %2").arg(inv.listen, inv.file));
        QObject::connect(&server, &QTcpServer::newConnection, qApp, [&] {
            while (QTcpSocket* local = server.nextPendingConnection()) {
                local->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                auto* tunnel = new GateTunnel(options, [local](const QByteArray& bytes) {
                    if (bytes.isEmpty())
                        local->disconnectFromHost();
                    else
                        local->write(bytes);
                });
                keep(tunnel);
                QObject::connect(local, &QTcpSocket::readyRead, tunnel,
                                 [tunnel, local] { tunnel->fromStudent(local->readAll()); });
                QObject::connect(local, &QTcpSocket::disconnected, tunnel, &GateTunnel::studentClosed);
                QObject::connect(tunnel, &GateTunnel::finished, local, [local, tunnel](int, const QString& problem) {
                    if (!problem.isEmpty())
                        printProblem(problem);
                    local->disconnectFromHost();
                    local->deleteLater();
                    tunnel->deleteLater();
                });
                tunnel->start();
            }
        });
        return QCoreApplication::exec();
    }

    ::fcntl(STDIN_FILENO, F_SETFL, ::fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
    GateTunnel tunnel(options, [](const QByteArray& bytes) {
        if (bytes.isEmpty())
            ::close(STDOUT_FILENO);
        else
            writeAll(STDOUT_FILENO, bytes);
    });
    keep(&tunnel);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, qApp, [&] {
        char chunk[65536];
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n > 0) {
            tunnel.fromStudent(QByteArray(chunk, n));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            input.setEnabled(false);
            tunnel.studentClosed();
        }
    });
    QObject::connect(&tunnel, &GateTunnel::finished, qApp, [&](int code, const QString& problem) {
        if (!problem.isEmpty())
            printProblem(problem);
        exitCode = code;
        QCoreApplication::exit(code);
    });
    tunnel.start();
    const int rc = QCoreApplication::exec();
    return exitCode != 0 ? exitCode : rc;
}

} // namespace labshare::app
