// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "topology/Topology.h"

#include <QMainWindow>

class QLabel;

namespace labshare::ui {

// Placeholder main window: a drop zone, then a summary of the loaded lab. The full topology view,
// shares table and tray are the desktop-app issue.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    void showTopology(const Result<topology::Topology>& loaded);

Q_SIGNALS:
    void openRequested(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void onOpenTriggered();

    QLabel* m_summaryLabel = nullptr;
};

} // namespace labshare::ui
