// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"
#include "LiveBlock.h"

#include "qr/QrCode.h"

#include <QByteArray>

#include <cstdio>
#include <langinfo.h>
#include <unistd.h>

namespace labshare::app {

void printLine(const QString& text) {
    LiveBlock::write(stdout, (text + QLatin1Char('\n')).toUtf8());
}

void printProblem(const QString& text) {
    LiveBlock::write(stderr, QStringLiteral("labshare: %1\n").arg(text).toUtf8());
}

bool stderrShowsQrCodes() {
    if (::isatty(STDERR_FILENO) != 1 || qEnvironmentVariable("TERM").isEmpty() ||
        qEnvironmentVariable("TERM") == QLatin1String("dumb"))
        return false;
    return QByteArray(::nl_langinfo(CODESET)) == "UTF-8"; // QCoreApplication took the locale from the environment
}

void printQrCode(const QString& text) {
    if (stderrShowsQrCodes())
        LiveBlock::write(stderr, ui::QrCode::encode(text).toTerminalText().toUtf8());
}

} // namespace labshare::app
