// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateEvents.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace labshare::share {

// Who came to a gated share's gate while it was published: who is connected now (with how many
// connections each) and who was turned away (how often each), from the gate's verdicts. Only
// people the identity provider named count: a client that never signed in (a port scanner,
// LabShare's own reachability probe, a bare `ssh`) is not a visitor.
class ShareVisitors {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareVisitors)

public:
    void record(const gate::GateVerdict& verdict);
    bool isEmpty() const { return m_connected.isEmpty() && m_refused.isEmpty(); }
    QStringList connectedNow() const { return m_connected.keys(); }
    int timesRefused(const QString& identity) const { return m_refused.value(identity); }
    // "alice@example.org, kate@example.edu connected · bob@example.test refused 3×"; empty: nobody yet.
    QString text() const;

    bool operator==(const ShareVisitors& other) const = default;

private:
    QMap<QString, int> m_connected; // identity -> open connections
    QMap<QString, int> m_refused;   // identity -> times
};

} // namespace labshare::share
