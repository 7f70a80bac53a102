// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <algorithm>

// What a terminal `columns` wide shows after receiving `bytes`, scrollback included: printable text, '\r',
// '\n', cursor up (ESC [ n A) and erase to the end of the screen (ESC [ J); other sequences are dropped.
// Enough to see what `labshare up` leaves on a screen.
inline QStringList renderTerminal(const QByteArray& bytes, int columns) {
    QStringList screen{QString()};
    qsizetype row = 0, column = 0;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\r')) {
            column = 0;
        } else if (c == QLatin1Char('\n')) {
            ++row;
            column = 0;
            if (row == screen.size())
                screen.append(QString());
        } else if (c == QChar(0x1b) && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('[')) {
            qsizetype end = i + 2;
            while (end < text.size() && !text.at(end).isLetter())
                ++end;
            const QString parameter = text.mid(i + 2, end - i - 2);
            const QChar command = end < text.size() ? text.at(end) : QChar();
            if (command == QLatin1Char('A')) {
                row = std::max<qsizetype>(0, row - std::max(1, parameter.toInt()));
            } else if (command == QLatin1Char('J') && parameter.isEmpty()) {
                screen[row].truncate(column);
                screen.resize(row + 1);
            }
            i = end;
        } else if (c.isPrint()) {
            if (columns > 0 && column == columns) { // wrap
                ++row;
                column = 0;
                if (row == screen.size())
                    screen.append(QString());
            }
            QString& line = screen[row];
            if (line.size() < column)
                line = line.leftJustified(column);
            if (column < line.size())
                line[column] = c;
            else
                line.append(c);
            ++column;
        }
    }
    while (!screen.isEmpty() && screen.constLast().isEmpty())
        screen.removeLast();
    return screen;
}
