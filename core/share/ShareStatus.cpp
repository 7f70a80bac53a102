// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareStatus.h"

namespace labshare::share {

using tunnel::ShareState;

QString ShareStatus::text(ShareState state) {
    switch (state) {
    case ShareState::Idle:
        return tr("Waiting");
    case ShareState::Connecting:
        return tr("Connecting…");
    case ShareState::Up:
        return tr("Up");
    case ShareState::Degraded:
        return tr("Node not answering");
    case ShareState::Reconnecting:
        return tr("Reconnecting…");
    case ShareState::Failed:
        return tr("Failed");
    case ShareState::Stopped:
        return tr("Stopped");
    }
    return {};
}

QString ShareStatus::addressesText(const tunnel::ShareHealth& health) {
    const QString address = health.publicAddress();
    if (address.isEmpty())
        return {};
    if (health.reclaimingPort)
        return tr("%1 live · %2 reclaiming").arg(address, health.addressOf(health.reclaimingPort));
    if (health.alsoPort)
        return tr("%1 · also %2").arg(address, health.addressOf(health.alsoPort));
    return address;
}

StatusTone ShareStatus::tone(ShareState state) {
    switch (state) {
    case ShareState::Up:
        return StatusTone::Good;
    case ShareState::Idle: // ticked, not yet handed to a relay: nobody can connect yet
    case ShareState::Connecting:
    case ShareState::Degraded:
    case ShareState::Reconnecting:
        return StatusTone::Warning;
    case ShareState::Failed:
        return StatusTone::Bad;
    case ShareState::Stopped:
        break;
    }
    return StatusTone::Neutral;
}

StatusTone ShareStatus::worse(StatusTone a, StatusTone b) {
    const auto rank = [](StatusTone t) {
        switch (t) {
        case StatusTone::Neutral:
            return 0;
        case StatusTone::Good:
            return 1;
        case StatusTone::Warning:
            return 2;
        case StatusTone::Bad:
            return 3;
        }
        return 0;
    };
    return rank(a) >= rank(b) ? a : b;
}

} // namespace labshare::share
