// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>

class QPlainTextEdit;

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {

// The app's log (the ring buffer every labshare.* category writes into), for when a share will
// not come up. Secrets never reach the log.
class DiagnosticsPane : public QDockWidget {
    Q_OBJECT

public:
    DiagnosticsPane(LogBuffer& log, QWidget* parent = nullptr);

private:
    QPlainTextEdit* m_text = nullptr;
};

} // namespace labshare::ui
