// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveBlock.h"
#include "common/TerminalText.h"

#include <QStringList>
#include <QtGlobal>

#include <algorithm>

#include <mutex>
#include <sys/ioctl.h>
#include <unistd.h>

namespace labshare::app {

namespace {

// Output comes from the GUI thread (the table, problems) and from workers (log messages, a prompt).
std::recursive_mutex g_lock;
LiveBlock* g_live = nullptr;
QtMessageHandler g_previousHandler = nullptr;

bool isTerminal(std::FILE* stream) {
    return ::isatty(::fileno(stream)) == 1;
}

int columnsOf(std::FILE* stream) {
    winsize size{};
    return ::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

// Qt's log messages go above the block too, formatted as Qt's own handler would.
void routeMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QString line = escapeForTerminal(qFormatLogMessage(type, context, message), LineBreaks::Keep);
    LiveBlock::write(stderr, (line + QLatin1Char('\n')).toLocal8Bit());
}

} // namespace

LiveBlock::LiveBlock(std::FILE* out)
    : m_out(out)
    , m_terminal(isTerminal(out)) {
    const std::lock_guard lock(g_lock);
    Q_ASSERT(!g_live);
    g_live = this;
    if (m_terminal)
        g_previousHandler = qInstallMessageHandler(routeMessage);
}

LiveBlock::~LiveBlock() {
    const std::lock_guard lock(g_lock);
    if (m_terminal)
        qInstallMessageHandler(g_previousHandler);
    g_live = nullptr;
}

void LiveBlock::show(const QString& text) {
    const std::lock_guard lock(g_lock);
    m_text = text.toUtf8();
    if (m_holds > 0)
        return;
    lift();
    draw();
}

void LiveBlock::write(std::FILE* stream, const QByteArray& text) {
    const std::lock_guard lock(g_lock);
    LiveBlock* live = g_live;
    // The same stream, or another one on a terminal while the block is on one: they share the screen.
    const bool above =
        live && live->m_holds == 0 && (stream == live->m_out || (live->m_terminal && isTerminal(stream)));
    if (above) {
        live->lift();
        std::fflush(live->m_out);
    }
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stream);
    std::fflush(stream);
    if (above)
        live->draw();
}

LiveBlock::Hold::Hold() {
    const std::lock_guard lock(g_lock);
    if (g_live && g_live->m_holds++ == 0) {
        g_live->lift();
        std::fflush(g_live->m_out);
    }
}

LiveBlock::Hold::~Hold() {
    const std::lock_guard lock(g_lock);
    if (g_live && --g_live->m_holds == 0)
        g_live->draw();
}

QByteArray LiveBlock::erase(int rows) {
    if (rows <= 0)
        return {};
    // Back to the first column (a ^C echo may have moved the cursor), up over the block, clear to the end.
    return "\r\x1b[" + QByteArray::number(rows) + "A\x1b[J";
}

int LiveBlock::rows(const QString& text, int columns) {
    int count = 0;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) // the part after the last '\n' is not a row yet
        count += columns > 0 ? std::max(1, static_cast<int>((lines.at(i).size() + columns - 1) / columns)) : 1;
    return count;
}

void LiveBlock::lift() {
    const QByteArray bytes = erase(m_rows);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_out);
    m_rows = 0;
}

void LiveBlock::draw() {
    std::fwrite(m_text.constData(), 1, static_cast<size_t>(m_text.size()), m_out);
    std::fflush(m_out);
    m_rows = rows(QString::fromUtf8(m_text), m_terminal ? columnsOf(m_out) : 0);
}

} // namespace labshare::app
