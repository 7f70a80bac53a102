// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"
#include "share/ShareStatus.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace labshare::ui {

// The tray icon's one state for all shares of the open lab: the most serious status tone among them
// (share::ShareStatus::tone), so the icon has the colour of the worst dot in the shares table.
enum class TrayState {
    Idle,         // nothing shared (Neutral)
    AllUp,        // every share is up (Good)
    SomeDegraded, // some share is not up and LabShare is on it: coming up, retrying, node silent (Warning)
    Failed,       // some share failed and needs the instructor (Bad)
};

// A desktop notification the tray should raise.
struct TrayNotification {
    enum class Kind { WentDown, CameBack, Moved, StandIn, Reclaimed };
    Kind kind = Kind::WentDown;
    QStringList shares; // names, in row order
    QString title;
    QString message;
};

// Health to tray icon, tooltip and notifications: pure rules, kept apart from QSystemTrayIcon so
// they can be tested without a display. Qt Core only. Every state is worded by share::ShareStatus,
// as in the shares table: a share never reads "Up" here and otherwise there.
//
// aggregate(), over the rows whose state is not Stopped: the worst tone (Bad, Warning, Good); no rows → Idle.
//
// Notifications: a share "goes down" when it was Up and is now anything else but Stopped, or when it
// fails before it was ever up; it "comes back" when it reaches Up after it went down. A reconnect
// passes Reconnecting → Connecting → Up, so the shares that went down are remembered between updates
// (`down`, with the address students had). A share that comes back at another address (a new relay,
// a port the relay gave away) has "moved": that notification says the new address, never "again". One that comes back
// on a stand-in while an earlier relay session still holds its port says where it is served meanwhile (StandIn), and
// once that port is back, that the students' address works again (Reclaimed). Shares that are
// stopped or removed are the user's doing: no notification, and they are forgotten. Several shares changing in one
// update raise one notification per kind, not one each (a relay restart would otherwise flood the desktop).
class TrayHealth {
    Q_DECLARE_TR_FUNCTIONS(labshare::ui::TrayHealth)

public:
    static TrayState aggregate(const QList<share::ShareRow>& rows);
    // The tone a tray state shows (its icon's colour).
    static share::StatusTone tone(TrayState state);
    // "3 shares: Up"; "3 shares: 1 Node not answering · 2 Up", then one line per share that is not up,
    // "clab-r1-tcp-22: Node not answering — connection refused"; "Nothing shared".
    static QString toolTip(const QList<share::ShareRow>& rows);
    // The first line of toolTip(): "3 shares: 1 Reconnecting… · 2 Up".
    static QString summary(const QList<share::ShareRow>& rows);
    static QList<TrayNotification> notifications(const QList<share::ShareRow>& previous,
                                                 const QList<share::ShareRow>& current, QHash<QString, QString>& down);

    // The stateful form: compares with the rows of the last call.
    QList<TrayNotification> update(const QList<share::ShareRow>& rows);

private:
    QList<share::ShareRow> m_last;
    QHash<QString, QString> m_down; // share name → the address students had when it went down
};

} // namespace labshare::ui
