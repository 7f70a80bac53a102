// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"

#include <cstdio>

namespace labshare::app {

void printLine(const QString& text) {
    std::fputs(qUtf8Printable(text + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void printProblem(const QString& text) {
    std::fputs(qUtf8Printable(QStringLiteral("labshare: %1\n").arg(text)), stderr);
    std::fflush(stderr);
}

} // namespace labshare::app
