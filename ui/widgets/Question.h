// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace labshare::ui {

// A decision the user makes before LabShare stops shares or moves students' addresses.
struct Question {
    QString title;
    QString text;       // what will happen, plainly ("3 students' addresses will change.")
    QString details;    // the list it concerns (addresses, share names), shown under the text
    QString acceptText; // the button that does it, named after what it does ("Switch relay")
    QString rejectText; // empty: "Cancel"
};

// Asks `question` window-modally without a nested event loop: returns at once, and `decided` runs
// with the answer when the user gives one (Cancel is the default button, Escape rejects). The
// caller checks in `decided` that the question still applies. The box deletes itself.
QMessageBox* ask(QWidget* parent, const Question& question, std::function<void(bool accepted)> decided);

} // namespace labshare::ui
