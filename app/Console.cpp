// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"
#include "LiveBlock.h"

#include <cstdio>

namespace labshare::app {

void printLine(const QString& text) {
    LiveBlock::write(stdout, (text + QLatin1Char('\n')).toUtf8());
}

void printProblem(const QString& text) {
    LiveBlock::write(stderr, QStringLiteral("labshare: %1\n").arg(text).toUtf8());
}

} // namespace labshare::app
