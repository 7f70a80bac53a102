// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ConnectionQuota.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace labshare::tunnel {

ConnectionQuota::Caps ConnectionQuota::capsFor(quint64 openFiles, int filesPerConnection) {
    const quint64 usable = openFiles > kReservedFiles ? openFiles - kReservedFiles : 0;
    const quint64 connections = usable / quint64(std::max(1, filesPerConnection));
    Caps caps;
    caps.total = int(std::clamp<quint64>(connections, 1, quint64(std::numeric_limits<int>::max())));
    caps.perShare = std::min(kPerShare, caps.total);
    caps.perSource = std::min(kPerSource, caps.perShare);
    return caps;
}

ConnectionQuota::Slot::Slot(ConnectionQuota* quota, const void* share, QString source)
    : m_quota(quota)
    , m_share(share)
    , m_source(std::move(source)) {}

ConnectionQuota::Slot::Slot(Slot&& other) noexcept
    : m_quota(std::exchange(other.m_quota, nullptr))
    , m_share(other.m_share)
    , m_source(std::move(other.m_source)) {}

ConnectionQuota::Slot& ConnectionQuota::Slot::operator=(Slot&& other) noexcept {
    if (this != &other) {
        release();
        m_quota = std::exchange(other.m_quota, nullptr);
        m_share = other.m_share;
        m_source = std::move(other.m_source);
    }
    return *this;
}

void ConnectionQuota::Slot::release() {
    if (!m_quota)
        return;
    ConnectionQuota& q = *std::exchange(m_quota, nullptr);
    --q.m_total;
    if (--q.m_byShare[m_share] <= 0)
        q.m_byShare.remove(m_share);
    if (!m_source.isEmpty() && --q.m_bySource[m_source] <= 0)
        q.m_bySource.remove(m_source);
}

ConnectionQuota::ConnectionQuota(Caps caps)
    : m_caps(caps) {}

ConnectionQuota::Slot ConnectionQuota::take(const void* share, const QString& source) {
    if (m_total >= m_caps.total || openTo(share) >= m_caps.perShare ||
        (!source.isEmpty() && openFrom(source) >= m_caps.perSource))
        return {};
    ++m_total;
    ++m_byShare[share];
    if (!source.isEmpty())
        ++m_bySource[source];
    return Slot(this, share, source);
}

} // namespace labshare::tunnel
