// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace labshare::tunnel {

// How many connections one relay backend holds at once: per share, per source address (where the relay
// knows it: every LAN client, the forwarded-tcpip originator on SSH relays) and in all. One source that
// opens connections without end would otherwise use up LabShare's file descriptors, and every later
// student would be dropped. Worker thread only.
class ConnectionQuota {
public:
    static constexpr int kPerShare = 512; // no classroom comes near these
    static constexpr int kPerSource = 64;
    // Descriptors kept for everything but connections: Qt, the relay session, listeners, probes, logs.
    static constexpr quint64 kReservedFiles = 256;

    struct Caps {
        int perShare = kPerShare;
        int perSource = kPerSource;
        int total = kPerShare;
    };
    // The caps for a process allowed `openFiles` descriptors when each connection holds `filesPerConnection`:
    // in all, as many as leave kReservedFiles free; per share and per source the defaults, or that if fewer.
    static Caps capsFor(quint64 openFiles, int filesPerConnection);

    // A held place for one connection; moving it moves the place, destroying it frees it. The quota must
    // outlive its slots.
    class Slot {
    public:
        Slot() = default;
        Slot(Slot&& other) noexcept;
        Slot& operator=(Slot&& other) noexcept;
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        ~Slot() { release(); }
        bool isHeld() const { return m_quota != nullptr; }

    private:
        friend class ConnectionQuota;
        Slot(ConnectionQuota* quota, const void* share, QString source);
        void release();

        ConnectionQuota* m_quota = nullptr;
        const void* m_share = nullptr;
        QString m_source;
    };

    explicit ConnectionQuota(Caps caps);

    const Caps& caps() const { return m_caps; }
    // A place for a connection to `share` from `source` (empty: unknown, so only the share's cap and the
    // total apply), or an empty slot when a cap is reached: then the connection is to be closed at once.
    Slot take(const void* share, const QString& source);
    int openTo(const void* share) const { return m_byShare.value(share); }
    int openFrom(const QString& source) const { return m_bySource.value(source); }
    int open() const { return m_total; }

private:
    Caps m_caps;
    QHash<const void*, int> m_byShare;
    QHash<QString, int> m_bySource;
    int m_total = 0;
};

} // namespace labshare::tunnel
