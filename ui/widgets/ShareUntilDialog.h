// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareDeadline.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace labshare::ui {

// "Share until…": one field that takes a clock time ("17:00") or a duration ("90m", "1h30m"), a line that
// says when that is ("Every share stops at 17:00 (1 h 30 min left)") or what is wrong with it, and No end
// when a deadline is set. Opened with open(); the answer is a signal. "Now" comes from the caller's clock.
class ShareUntilDialog : public QDialog {
    Q_OBJECT

public:
    // `subject`: "every share of classroom", "clab-leaf1-tcp-22". `text`: what the field starts with.
    ShareUntilDialog(const QString& subject, const QString& text, bool hasDeadline, std::function<QDateTime()> clock,
                     QWidget* parent = nullptr);

    QLineEdit* field() const { return m_field; }

Q_SIGNALS:
    // `text` is what the user typed (a clock time or a duration), `deadline` what it means now.
    void deadlineChosen(const labshare::share::ShareDeadline& deadline, const QString& text);
    void deadlineCleared(); // No end

private:
    std::optional<share::ShareDeadline> preview();
    void onAccepted();

    std::function<QDateTime()> m_clock;
    QLineEdit* m_field = nullptr;
    QLabel* m_preview = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace labshare::ui
