// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace labshare::ui {

// The empty state: a large drop zone ("Drop a containerlab topology here"), an Open button and
// the recent labs. Drops are accepted by the whole window; this only shows where and how.
class DropZone : public QWidget {
    Q_OBJECT

public:
    explicit DropZone(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& files);
    void showMessage(const QString& message); // inline, e.g. "that is not a topology"

Q_SIGNALS:
    void openRequested();
    void recentRequested(const QString& path);

private:
    QLabel* m_messageLabel = nullptr;
    QListWidget* m_recentList = nullptr;
};

bool isTopologyFileName(const QString& path);

} // namespace labshare::ui
