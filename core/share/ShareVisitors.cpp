// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareVisitors.h"

#include <QStringList>

namespace labshare::share {

void ShareVisitors::record(const gate::GateVerdict& verdict) {
    if (verdict.identity.isEmpty())
        return;
    switch (verdict.kind) {
    case gate::GateVerdict::Kind::Admitted:
        ++m_connected[verdict.identity];
        break;
    case gate::GateVerdict::Kind::Ended:
        if (const auto it = m_connected.find(verdict.identity); it != m_connected.end() && --*it <= 0)
            m_connected.erase(it);
        break;
    case gate::GateVerdict::Kind::Refused:
        ++m_refused[verdict.identity];
        break;
    }
}

QString ShareVisitors::text() const {
    QStringList parts;
    if (!m_connected.isEmpty())
        parts << tr("%1 connected").arg(m_connected.keys().join(QStringLiteral(", ")));
    for (auto it = m_refused.cbegin(); it != m_refused.cend(); ++it)
        parts << (it.value() == 1 ? tr("%1 refused").arg(it.key())
                                  : tr("%1 refused %2×").arg(it.key()).arg(it.value()));
    return parts.join(QStringLiteral(" · "));
}

} // namespace labshare::share
