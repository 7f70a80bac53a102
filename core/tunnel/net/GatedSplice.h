// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/Gatekeeper.h"
#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/bookkeeping/ShareCounters.h"
#include "tunnel/net/Socket.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace labshare::tunnel {

// A LAN client joined to the node through its share's gate. The client's bytes go to the gate until
// it has a verdict; the node is dialled only once the gate admits, so a refused or silent client
// never reaches it; from then on the bytes move through the gate's TLS session both ways. Each
// direction buffers at most kBufferCap. A client that has sent nothing `silentLimitMs` after it connected
// (`openedMs`, on the clock tick() is given) is closed and counted as refused: idle connections would
// otherwise hold LabShare's descriptors for nothing. Worker thread only; the owner answers the gate's sign-ins.
class GatedSplice {
public:
    static constexpr qsizetype kBufferCap = 256 * 1024;
    static constexpr int kSilentLimitMs = 30000;

    // `record` (share, the client's address) and `reporter`: see ConnectionTrace.
    GatedSplice(Socket client, std::unique_ptr<gate::Gatekeeper> gate, QString nodeHost, quint16 nodePort,
                ShareCounters& counters, qint64 openedMs, int silentLimitMs = kSilentLimitMs,
                ConnectionRecord record = {}, ConnectionTrace::Reporter reporter = {});
    ~GatedSplice();
    GatedSplice(const GatedSplice&) = delete;
    GatedSplice& operator=(const GatedSplice&) = delete;

    int clientFd() const { return m_client.fd(); }
    int nodeFd() const { return m_node.fd(); } // -1 until the gate has admitted the client
    short clientEvents() const;
    short nodeEvents() const;
    void onClientEvents(short revents);
    void onNodeEvents(short revents);
    void tick(qint64 nowMs);

    gate::Gatekeeper& gate() { return *m_gate; }
    // The gate's verdicts, taken from it as they come so that the connection's record knows who it was
    // even when the connection ends at once after a refusal.
    std::optional<gate::GateVerdict> takeVerdict();
    ConnectionTrace& trace() { return m_trace; }
    bool isFinished() const { return m_finished; }
    bool closedForSilence() const { return m_silent; }
    int connectError() const { return m_connectError; } // the node refused after the gate admitted

    // Moves what the gate has for either side; call after anything changed the gate (a sign-in answer).
    void pump();

private:
    void readClient();
    void readNode();
    bool flush(Socket& to, QByteArray& buffer);
    // Ends it; how: `how` for a refusal, silence or an unreachable node, else the side that closed first.
    void finish(ConnectionEnd how);
    void collectVerdict();

    Socket m_client;
    Socket m_node;
    std::unique_ptr<gate::Gatekeeper> m_gate;
    QString m_nodeHost;
    quint16 m_nodePort = 0;
    ConnectionTrace m_trace;
    ConnectionEnd m_firstClosed = ConnectionEnd::Open; // Student or Node
    QList<gate::GateVerdict> m_verdicts;
    bool m_refused = false; // the gate said no
    qint64 m_openedMs = 0;
    int m_silentLimitMs = kSilentLimitMs;
    bool m_heard = false; // the client has sent a byte
    bool m_silent = false;
    QByteArray m_toClient; // ciphertext (or the plain client's notice)
    QByteArray m_toNode;   // plaintext, once admitted
    bool m_nodeConnected = false;
    bool m_clientEof = false;
    bool m_nodeEof = false;
    bool m_nodeWriteShut = false;
    int m_connectError = 0;
    bool m_finished = false;
};

} // namespace labshare::tunnel
