// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

// Every regular file below `dir` (recursively, hidden ones included, symbolic links not followed)
// whose bytes contain any of `needles`: how a test proves a secret never reached a file. A file that
// cannot be read is listed too, with the reason, since it might hold one.
[[nodiscard]] QStringList filesContaining(const QString& dir, const QList<QByteArray>& needles);

} // namespace labshare::testsupport
