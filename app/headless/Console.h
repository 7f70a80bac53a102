// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QString>

#include <optional>

namespace labshare::app {

// What the headless verbs print. Each line goes out at once, so a script (or a test) reading the
// output sees it while the verb still runs; on a terminal where `labshare up` shows its live table, above
// the table (LiveBlock). Texts quote outside input (node names, relays' and providers' words), so every
// control character but '\n' is shown escaped (escapeForTerminal), never sent to the terminal as is.
void printLine(const QString& text);    // stdout
void printProblem(const QString& text); // stderr, as "labshare: TEXT"
// Whether stderr is a terminal that can show a QR code (UTF-8, not TERM=dumb); then printQrCode() does.
bool stderrShowsQrCodes();
void printQrCode(const QString& text); // stderr, nothing when it cannot show one
// One line from stdin, without its newline. On a terminal `prompt` goes to stderr first and what is typed is not
// echoed; from a pipe the line is read as it comes. Nothing at the end of the input.
std::optional<secrets::SecretBytes> readSecretLine(const QString& prompt);

// From now on Qt's log messages reach stderr with their control characters escaped too (they may quote
// a relay's banner or a node's name). Called once, first thing in main().
void escapeLogMessages();

} // namespace labshare::app
