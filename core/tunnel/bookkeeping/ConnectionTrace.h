// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <functional>

namespace labshare::tunnel {

struct ShareCounters;

// The bookkeeping of one forwarded connection on its relay's worker thread: counted into its share's
// figures (open, total, bytes each way) and, when it has a reporter, reported as a ConnectionRecord when
// it opens and once when it ends. The first end() decides how it ended; a trace destroyed before any
// ends as Stopped (its share or LabShare stopped), or as what closeAll() said. A trace without a
// reporter counts only (the inner leg of a gated SSH connection, whose gate leg is the one reported).
class ConnectionTrace {
public:
    using Reporter = std::function<void(const ConnectionRecord&)>;
    using Clock = qint64 (*)();

    // `record`: share, peer and start filled in (start 0: now); the id is given here.
    ConnectionTrace(ShareCounters& counters, ConnectionRecord record, Reporter reporter, Clock clock = nullptr);
    ConnectionTrace(ShareCounters& counters); // counts only
    ~ConnectionTrace();
    ConnectionTrace(const ConnectionTrace&) = delete;
    ConnectionTrace& operator=(const ConnectionTrace&) = delete;

    void toNode(quint64 bytes);
    void fromNode(quint64 bytes);
    void countRefused(); // in the share's figures: closed by LabShare's limits
    void setIdentity(const QString& identity) { m_record.identity = identity; }
    void end(ConnectionEnd how); // the first call counts
    // How it ends if it is destroyed before end() (RelayLost when the session went away under it).
    void setEndOnClose(ConnectionEnd how) { m_endOnClose = how; }
    bool hasEnded() const { return !m_record.isOpen(); }
    const ConnectionRecord& record() const { return m_record; }

private:
    ShareCounters& m_counters;
    ConnectionRecord m_record;
    Reporter m_reporter;
    Clock m_clock;
    ConnectionEnd m_endOnClose = ConnectionEnd::Stopped;
};

} // namespace labshare::tunnel
