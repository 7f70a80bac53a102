// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateClient.h"

#include <QObject>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace labshare::app {

// One connection through a gated share for `labshare connect`: TCP to the share's public address,
// the helper's side of the gate's exchange in it, and the plaintext side (stdin/stdout or a local
// socket) given as two functions. Ends with finished(exit code) once both sides are done.
class GateTunnel : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString host;
        quint16 port = 0;
        QString pin; // "SHA256:…"; empty: accept the gate's key (and say which it was)
        secrets::SecretBytes ticket;

        Options copy() const { return {host, port, pin, ticket.copy()}; }
    };
    using Writer = std::function<void(const QByteArray& bytes)>; // to the student's program; empty: EOF

    GateTunnel(const Options& options, Writer writer, QObject* parent = nullptr);

    void start();
    void fromStudent(const QByteArray& bytes); // the student's program wrote this
    void studentClosed();                      // … and then closed its side
    // After admitted(): the ticket the gate gave for next time; empty when the one offered let the student in.
    const secrets::SecretBytes& newTicket() const { return m_client->newTicket(); }

Q_SIGNALS:
    void signInShown();
    void admitted(const QString& identity, const QString& fingerprint);
    void ticketRefused(); // forget the stored ticket
    void finished(int exitCode, const QString& problem);

private:
    void onGateBytes();
    void flush();
    void end(int exitCode, const QString& problem);

    Options m_options;
    Writer m_writer;
    QTcpSocket m_socket;
    std::unique_ptr<gate::GateClient> m_client;
    QByteArray m_pending; // from the student before admission
    bool m_studentClosed = false;
    bool m_announced = false;
    bool m_done = false;
};

} // namespace labshare::app
