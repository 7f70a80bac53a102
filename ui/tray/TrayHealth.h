// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace labshare::ui {

// The tray icon's one state for all shares of the open lab.
enum class TrayState {
    Idle,         // nothing shared
    AllUp,        // every share is up
    SomeDegraded, // at least one share is not up, but not everything is broken
    Failed,       // a share failed, or no share is up and at least one of them broke
};

// A desktop notification the tray should raise.
struct TrayNotification {
    enum class Kind { WentDown, CameBack };
    Kind kind = Kind::WentDown;
    QStringList shares; // names, in row order
    QString title;
    QString message;
};

// Health to tray icon, tooltip and notifications: pure rules, kept apart from QSystemTrayIcon so
// they can be tested without a display. Qt Core only.
//
// aggregate(), over the rows whose state is not Stopped:
//   - no rows                                              → Idle
//   - any row Failed                                       → Failed
//   - every row Up                                         → AllUp
//   - no row Up, and some row Degraded or Reconnecting     → Failed (nothing works and something broke)
//   - otherwise                                            → SomeDegraded: some up and some not,
//     or everything still coming up for the first time (Idle/Connecting: amber, not red)
// Degraded counts as not up: the relay holds the port but the node does not answer.
//
// Notifications: a share "goes down" when it was Up and is now Degraded, Reconnecting, Connecting
// or Failed, or when it fails before it was ever up; it "comes back" when it reaches Up after it
// went down. A reconnect passes Reconnecting → Connecting → Up, so the shares that went down are
// remembered between updates (`down`). Shares that are stopped or removed are the user's doing:
// no notification, and they are forgotten. Several shares changing in one update raise one
// notification per kind, not one each (a relay restart would otherwise flood the desktop).
class TrayHealth {
    Q_DECLARE_TR_FUNCTIONS(labshare::ui::TrayHealth)

public:
    static TrayState aggregate(const QList<share::ShareRow>& rows);
    // "3 shares up"; "1 of 3 degraded: clab-r1-tcp-22 — relay stopped answering"; several problems
    // one per line after the count; "Nothing shared".
    static QString toolTip(const QList<share::ShareRow>& rows);
    static QList<TrayNotification> notifications(const QList<share::ShareRow>& previous,
                                                 const QList<share::ShareRow>& current, QSet<QString>& down);

    // The stateful form: compares with the rows of the last call.
    QList<TrayNotification> update(const QList<share::ShareRow>& rows);

private:
    QList<share::ShareRow> m_last;
    QSet<QString> m_down;
};

} // namespace labshare::ui
