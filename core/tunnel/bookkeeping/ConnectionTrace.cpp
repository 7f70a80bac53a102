// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/ssh/ForwardedConnection.h"

#include <QDateTime>

namespace labshare::tunnel {

namespace {

qint64 systemClock() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

ConnectionTrace::ConnectionTrace(ShareCounters& counters, ConnectionRecord record, Reporter reporter, Clock clock)
    : m_counters(counters)
    , m_record(std::move(record))
    , m_reporter(std::move(reporter))
    , m_clock(clock ? clock : &systemClock) {
    ++m_counters.open;
    ++m_counters.total;
    m_record.id = ConnectionRecord::nextId();
    if (m_record.startedMs == 0)
        m_record.startedMs = m_clock();
    m_record.end = ConnectionEnd::Open;
    if (m_reporter)
        m_reporter(m_record);
}

ConnectionTrace::ConnectionTrace(ShareCounters& counters)
    : ConnectionTrace(counters, {}, {}) {}

ConnectionTrace::~ConnectionTrace() {
    end(m_endOnClose);
    --m_counters.open;
}

void ConnectionTrace::toNode(quint64 bytes) {
    m_counters.toNode += bytes;
    m_record.bytesToNode += bytes;
}

void ConnectionTrace::fromNode(quint64 bytes) {
    m_counters.fromNode += bytes;
    m_record.bytesFromNode += bytes;
}

void ConnectionTrace::countRefused() {
    ++m_counters.refused;
}

void ConnectionTrace::end(ConnectionEnd how) {
    if (hasEnded() || how == ConnectionEnd::Open)
        return;
    m_record.end = how;
    m_record.endedMs = m_clock();
    if (m_reporter)
        m_reporter(m_record);
}

} // namespace labshare::tunnel
