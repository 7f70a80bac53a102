// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QJsonObject>

#include <cstdio>

namespace labshare::app {

// What `labshare up` prints: with --json one object per line ({"event":"share",…} on every change,
// {"event":"health",…} per share each tick); otherwise the table of shares, again on every change.
class UpReport {
public:
    UpReport(bool json, std::FILE* out)
        : m_json(json)
        , m_out(out) {}

    void shareChanged(const share::ShareRow& row, const QList<share::ShareRow>& all);
    void healthUpdated(const QList<share::ShareRow>& rows);

    static QJsonObject shareEvent(const share::ShareRow& row);
    static QJsonObject healthEvent(const share::ShareRow& row);
    static QString table(const QList<share::ShareRow>& rows);

private:
    void writeLine(const QJsonObject& object);

    bool m_json;
    std::FILE* m_out;
    QString m_lastTable; // the table is printed again only when what it shows changed
};

} // namespace labshare::app
