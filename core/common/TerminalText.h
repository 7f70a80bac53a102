// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare {

enum class LineBreaks { Keep, Escape };

// Text that came from outside (a topology's node names and the problems quoting them, a proxy's
// status line, a relay's banner, an identity provider's error description) made safe for a terminal:
// every character that would act on the terminal instead of showing is shown as an escape. C0
// controls, DEL and C1 controls become \xHH (ESC is \x1b, CR \x0d, BEL \x07); the bidirectional
// overrides, embeddings, isolates and marks and the line and paragraph separators become \uHHHH, so
// nothing can move the cursor, clear the screen, set the title or reorder what is shown. With
// LineBreaks::Keep, '\n' stays a line break (for text that is many lines of our own making).
QString escapeForTerminal(const QString& text, LineBreaks lineBreaks = LineBreaks::Escape);

// JSON text (as QJsonDocument writes it, which escapes only C0 controls) with DEL, the C1 controls and
// the characters above written as JSON's \uHHHH escapes: the same data for a JSON reader, nothing that
// acts on a terminal it is printed to.
QString escapeJsonForTerminal(const QString& json);

} // namespace labshare
