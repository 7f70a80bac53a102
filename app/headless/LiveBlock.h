// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>

namespace labshare::app {

// Text kept at the bottom of a terminal and redrawn in place (the table of `labshare up`): each show()
// replaces what the previous one drew. Whatever else the process prints meanwhile (problems, Qt log
// messages, a password prompt) goes above it: write() takes the block away, prints, and draws it again, so
// nothing is overwritten. At most one block lives at a time; it leaves its last text on the screen.
class LiveBlock {
public:
    explicit LiveBlock(std::FILE* out);
    ~LiveBlock();
    LiveBlock(const LiveBlock&) = delete;
    LiveBlock& operator=(const LiveBlock&) = delete;

    void show(const QString& text); // lines, each ending in '\n'

    // Writes `text` to `stream` at once; on the terminal of a live block, above the block.
    static void write(std::FILE* stream, const QByteArray& text);

    // While a Hold lives the block is off the screen (a prompt reads from the terminal); then it is back.
    class Hold {
    public:
        Hold();
        ~Hold();
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
    };

    // What takes away `rows` rows just drawn, the cursor at the start of the row below them.
    static QByteArray erase(int rows);
    // The rows `text` fills on a terminal `columns` wide (0: lines never wrap).
    static int rows(const QString& text, int columns);

private:
    void lift(); // the callers hold the lock
    void draw();

    std::FILE* m_out;
    bool m_terminal;
    QByteArray m_text;
    int m_rows = 0; // on the screen now
    int m_holds = 0;
};

} // namespace labshare::app
