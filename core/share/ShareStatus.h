// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ShareHealth.h"

#include <QCoreApplication>
#include <QString>

namespace labshare::share {

// How serious a share's state is: the one colour every view gives it. The ui turns a tone into a
// colour in one place (ui/models/ShareStateStyle); the tray icons are drawn in the same four colours.
enum class StatusTone {
    Good,    // students can connect
    Warning, // students cannot connect now; LabShare is on it (coming up, retrying, the node is silent)
    Bad,     // students cannot connect until the instructor acts
    Neutral, // nothing is shared
};

// The words for a share's state, for people: the shares table, the lab tree, the tray menu, its
// tooltip, notifications and the presentation view all say these and nothing else, so a share never
// reads "Up" in one place and "degraded" or "down" in another. (`shareStateName` is the untranslated
// machine word that `labshare up` prints.)
//
// A share is "Up" only when students can reach its node through it: a share whose node is known not to
// answer is Degraded, worded "Node not answering", never Up.
class ShareStatus {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareStatus)

public:
    ShareStatus() = delete;

    // "Waiting", "Connecting…", "Up", "Node not answering", "Reconnecting…", "Failed", "Stopped".
    static QString text(tunnel::ShareState state);
    static StatusTone tone(tunnel::ShareState state);
    // The more serious of two tones (Bad, then Warning, then Good, then Neutral).
    static StatusTone worse(StatusTone a, StatusTone b);
    // Where students reach a share, in every view's words: its public address, and while an earlier relay
    // session still holds the handed-out port, "host:40123 live · host:2222 reclaiming"; once that port is
    // back, "host:2222 · also host:40123" (the stand-in keeps working). Empty until there is an address.
    static QString addressesText(const tunnel::ShareHealth& health);
};

} // namespace labshare::share
