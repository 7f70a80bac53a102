// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"
#include "LiveBlock.h"

#include "common/TerminalText.h"
#include "qr/QrCode.h"

#include <QByteArray>

#include <cstdio>
#include <langinfo.h>
#include <string.h> // explicit_bzero
#include <termios.h>
#include <unistd.h>

namespace labshare::app {

void printLine(const QString& text) {
    LiveBlock::write(stdout, (escapeForTerminal(text, LineBreaks::Keep) + QLatin1Char('\n')).toUtf8());
}

void printProblem(const QString& text) {
    LiveBlock::write(stderr, QStringLiteral("labshare: %1\n").arg(escapeForTerminal(text, LineBreaks::Keep)).toUtf8());
}

namespace {

QtMessageHandler g_nextHandler = nullptr;

void escapedMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QString safe = escapeForTerminal(message, LineBreaks::Keep);
    if (g_nextHandler)
        g_nextHandler(type, context, safe);
    else
        std::fprintf(stderr, "%s\n", qUtf8Printable(qFormatLogMessage(type, context, safe)));
}

} // namespace

void escapeLogMessages() {
    g_nextHandler = qInstallMessageHandler(escapedMessage);
}

bool stderrShowsQrCodes() {
    if (::isatty(STDERR_FILENO) != 1 || qEnvironmentVariable("TERM").isEmpty() ||
        qEnvironmentVariable("TERM") == QLatin1String("dumb"))
        return false;
    return QByteArray(::nl_langinfo(CODESET)) == "UTF-8"; // QCoreApplication took the locale from the environment
}

void printQrCode(const QString& text) {
    if (stderrShowsQrCodes())
        LiveBlock::write(stderr, qr::QrCode::encode(text).toTerminalText().toUtf8());
}

std::optional<secrets::SecretBytes> readSecretLine(const QString& prompt) {
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios old{};
    if (terminal) {
        std::fputs(qUtf8Printable(prompt), stderr);
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char buffer[4096] = {};
    const bool ok = std::fgets(buffer, sizeof(buffer), stdin) != nullptr;
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fputc('\n', stderr);
    }
    QByteArrayView typed(buffer);
    if (typed.endsWith('\n'))
        typed.chop(1);
    secrets::SecretBytes secret(typed);
    ::explicit_bzero(buffer, sizeof(buffer));
    if (!ok)
        return std::nullopt;
    return secret;
}

} // namespace labshare::app
