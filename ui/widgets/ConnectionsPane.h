// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QDockWidget>

class QComboBox;
class QSortFilterProxyModel;
class QTableView;

namespace labshare::ui {

class ConnectionsModel;

// Who connected: the connections of this session (ConnectionsModel) in a sortable table, narrowed to one
// share if wanted. Export CSV… saves what is shown (the file dialog opens without a nested event loop;
// exportRequested carries the path), Clear asks the controller to forget this lab's connections.
class ConnectionsPane : public QDockWidget {
    Q_OBJECT

public:
    ConnectionsPane(ConnectionsModel& model, QWidget* parent = nullptr);

    // The rows shown, in the order shown (filter and sort applied).
    QList<tunnel::ConnectionRecord> shownRecords() const;
    void setShareFilter(const QString& share); // empty: every share
    QTableView* tableView() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }

Q_SIGNALS:
    void exportRequested(const QString& path);
    void clearRequested();

private:
    void onSharesChanged();
    void onExport();

    ConnectionsModel& m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QComboBox* m_share = nullptr;
    QTableView* m_table = nullptr;
};

} // namespace labshare::ui
