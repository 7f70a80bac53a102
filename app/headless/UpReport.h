// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LiveBlock.h"
#include "share/ShareSession.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>

#include <cstdio>
#include <memory>

namespace labshare::gate {
struct GateVerdict;
}
namespace labshare::tunnel {
struct ConnectionRecord;
}

namespace labshare::app {

// What `labshare up` prints: with --json one object per line ({"event":"share",…} on every change,
// {"event":"health",…} per share each tick, {"event":"connection",…} as each connection ends); otherwise the table of
// shares on every change that alters it: on a terminal redrawn in place, into a pipe or file printed again below the
// last one.
class UpReport {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::UpReport)

public:
    enum class Form { Lines, Terminal, Json };

    UpReport(Form form, std::FILE* out);
    // Json when asked; Terminal when `out` is a terminal that can move its cursor (not TERM=dumb); else Lines.
    static Form formFor(bool json, std::FILE* out);

    void shareChanged(const share::ShareRow& row, const QList<share::ShareRow>& all);
    void healthUpdated(const QList<share::ShareRow>& rows);
    // Gated shares: the key students pin (in every gated share's event) and each verdict of the gate.
    void access(const gate::GateVerdict& verdict);
    // Forwarded connections opened or ended: with --json, {"event":"connection",…} (ConnectionRecord::toJson()'s
    // fields) for each that ended.
    void connections(const QList<tunnel::ConnectionRecord>& records);
    static QJsonObject connectionEvent(const tunnel::ConnectionRecord& record);
    // --for / --until: the warning five minutes before the class ends, and its end.
    void classEnding(const QDateTime& end, qint64 secondsLeft);
    void classEnded(const QDateTime& end);

    static QJsonObject shareEvent(const share::ShareRow& row);
    static QJsonObject healthEvent(const share::ShareRow& row);
    static QString table(const QList<share::ShareRow>& rows);

private:
    void writeLine(const QJsonObject& object);
    void putLine(const QJsonObject& object); // without flushing

    Form m_form;
    std::FILE* m_out;
    std::unique_ptr<LiveBlock> m_live;        // Terminal
    QString m_lastTable;                      // the table is printed again only when what it shows changed
    QHash<QString, QString> m_toldWatchLinks; // term shares: the watch link last printed, by share
};

} // namespace labshare::app
