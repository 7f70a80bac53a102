// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "tunnel/bookkeeping/Backoff.h"
#include "tunnel/bookkeeping/BannerParser.h"
#include "tunnel/bookkeeping/ConnectionQuota.h"
#include "tunnel/bookkeeping/GateDesk.h"
#include "tunnel/bookkeeping/RelayBackend.h"
#include "tunnel/bookkeeping/RelayCommands.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/bookkeeping/ShareBook.h"
#include "tunnel/ssh/ForwardedConnection.h"
#include "tunnel/ssh/GlobalRequest.h"
#include "tunnel/ssh/OutputBacklog.h"
#include "tunnel/ssh/SshConnection.h"

#include <QSet>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace labshare::tunnel {

struct RelayWorkerOptions {
    HostKeyPolicy hostKeys = HostKeyPolicy::Refuse;
    SecretProvider secrets;
    int keepaliveIntervalMs = 3000;
    int keepaliveMisses = 3; // the relay is dead after this many intervals without a byte or an answer from it
    int healthIntervalMs = 1000;
    int probeIntervalMs = 10000;
    int silentGateMs = GatedSplice::kSilentLimitMs; // a gated share's client sends a byte by then, or goes
    QString installationId; // told to OpenSSH relays, whose relay kit then ends a stale session of ours (empty: not)
};

// The body of a relay session's worker thread: connect, log in, request every forward, join
// forwarded channels to nodes (through the gate for shares with an allow-list), keep the session alive, reconnect with
// back-off. A forwarded channel over a connection cap (ConnectionQuota: per share, per originator address as the
// relay states it, in all) is refused at once (an open failure: the relay closes the student's connection) and counted
// as refused. One libssh session, used only here.
// Nothing waits for the relay: a request to it (a forward, its cancel, a keepalive) is sent and its answer
// taken on a later turn of the poll loop (GlobalRequest), so commands are handled at once meanwhile.
class RelayWorker {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::RelayWorker)

public:
    RelayWorker(RelayProfile profile, RelayWorkerOptions options, RelayListener listener, RelayCommands& commands);
    ~RelayWorker();

    void run(); // returns after a Stop command, with every forward torn down

private:
    using Forward = TrackedShare;
    struct Link {
        std::unique_ptr<ForwardedConnection> connection;
        Forward* forward;
        ConnectionQuota::Slot slot; // empty for a gated connection: the gate holds its slot
    };
    enum class Outcome { Stopped, Lost };

    bool handleCommands(); // false once Stop arrived
    void waitForCommands(int timeoutMs);
    Outcome serve(SshConnection& connection);
    void openControlChannel();
    bool driveRequests(); // false when the session is gone
    std::optional<GlobalRequest::Request> nextRequest(qint64 now);
    bool answered(GlobalRequest::Answer answer); // false when the session is gone
    void listenAnswered(Forward& forward, bool accepted);
    void standInAnswered(Forward& forward, bool accepted);
    void cancelForward(Forward& forward);
    void release(quint16 port); // no share has it any more: cancel it on the relay
    static int onMessage(ssh_session session, ssh_message message, void* self);
    void accept(ssh_message message); // a forwarded-tcpip channel the relay opens: accepted or refused
    void join(ssh_message message, Forward& forward, ConnectionRecord record, ConnectionQuota::Slot slot);
    void joinThroughGate(ssh_message message, Forward& forward, const ConnectionRecord& record,
                         ConnectionQuota::Slot slot);
    void adoptArrivals();
    void readControlChannel();
    void logRelayText(const QByteArray& bytes);
    void tick(qint64 now);
    void checkRelayHeard(qint64 now);
    int pollOnce(int timeoutMs);
    void checkOutputDrained();
    void trimHeap(qint64 now, std::size_t ended); // `ended`: connections that ended on this turn of the loop
    void teardownSession();
    void update(Forward& forward) { m_book.update(forward, m_phase); }
    // Where students reach what an OpenSSH relay listens on.
    QString studentHost() const { return m_profile.publicHost.isEmpty() ? m_profile.host : m_profile.publicHost; }
    void updateAll() { m_book.updateAll(m_phase); }

    RelayProfile m_profile;
    RelayWorkerOptions m_options;
    RelayListener m_listener;
    RelayCommands& m_commands;
    QString m_trustedFingerprint;

    ShareBook m_book;
    std::vector<std::unique_ptr<Forward>>& m_forwards; // m_book's
    ConnectionQuota m_quota;                           // before the connections that hold its slots
    std::vector<Link> m_links;
    std::vector<Link> m_arrivals; // accepted inside an ssh_* call (onMessage); into m_links between polls
    GateDesk m_gates;
    // A gated connection is two legs: its channel joined to a socket pair (a Link, counted here, never
    // reported) and the pair's other end through the gate to the node (counted for the share).
    ShareCounters m_gateLegs;
    SessionPhase m_phase = SessionPhase::Idle;
    Backoff m_backoff{500, 3000}; // a relay that is back is reached within 3 s

    // Per session
    ssh_session m_session = nullptr;
    ssh_event m_event = nullptr;
    ssh_channel m_control = nullptr;
    std::unique_ptr<BannerParser> m_banner;
    std::deque<Forward*> m_awaitingBanner;
    QByteArray m_relayText;          // an OpenSSH relay's session command output: a partial line
    qsizetype m_relayTextLogged = 0; // bytes of it logged: a relay that keeps talking is not logged forever
    GlobalRequest m_request;
    qint64 m_requestSentMs = 0;
    qint64 m_servingSinceMs = 0;
    std::deque<quint16> m_cancels; // ports to give up, waiting for m_request
    QSet<quint16> m_released;      // ports given up: a connection the relay still forwards there goes nowhere
    bool m_activity = false;
    OutputBacklog m_output;
    std::size_t m_endedSinceTrim = 0; // connections ended since the heap was last given back
    qint64 m_lastEndedMs = 0;         // when one last did
    qint64 m_keepaliveSentMs = 0;
    qint64 m_lastRxMs = 0;     // when the relay last sent anything (answers to keepalives included)
    quint64 m_lastRxBytes = 0; // the session socket's received-bytes count then
    qint64 m_lastRxCheckMs = 0;
    QString m_sessionError;
};

} // namespace labshare::tunnel
