// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QStringList>

class QListWidget;

namespace labshare::ui {

// "Publish declared" for entries the lab restricts to named people: one list with a check box per
// entry (none ticked), since LabShare cannot check who connects yet and each would be open to anyone.
class OpenAnywayDialog : public QDialog {
    Q_OBJECT

public:
    // entries: (share name, who the lab allows), in the lab's order.
    OpenAnywayDialog(const QList<QPair<QString, QStringList>>& entries, const QString& whyNoGate,
                     QWidget* parent = nullptr);

    QStringList chosen() const; // the share names ticked, in the list's order
    QListWidget* list() const { return m_list; }

private:
    QListWidget* m_list = nullptr;
};

} // namespace labshare::ui
