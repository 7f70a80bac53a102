// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QStringList>

class QComboBox;
class QPlainTextEdit;

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {

// The app's log (the ring buffer every labshare.* category writes into), for when a share will
// not come up: lines from a chosen level up (debug, info — the default — or warning), and Copy for
// what is shown. Secrets never reach the log.
class DiagnosticsPane : public QDockWidget {
    Q_OBJECT

public:
    DiagnosticsPane(LogBuffer& log, QWidget* parent = nullptr);

    QString shownText() const;

private:
    void onLineAdded(const QString& line);
    void refill();
    bool passes(const QString& line) const;

    QComboBox* m_level = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QStringList m_lines; // every line, whatever the filter
};

} // namespace labshare::ui
