// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QWidget>

#include <functional>

class QTableView;

namespace labshare::ui {

class SharesModel;

// The live shares table: one row per share with its state, address and figures, a Copy button
// that puts the share's main command on the clipboard (ssh command, URL, …), and a context menu
// with every command, the QR code and Stop.
class SharesView : public QWidget {
    Q_OBJECT

public:
    SharesView(SharesModel& model, QWidget* parent = nullptr);

    // The login user for a share's node: the kind's default unless the user changed it.
    void setLoginUserProvider(std::function<QString(const share::ShareRow&)> provider);
    QTableView* table() const { return m_table; }
    // Copies `command` of share `name` to the clipboard; returns the text copied.
    QString copy(const QString& name, int command);

Q_SIGNALS:
    void stopRequested(const QString& shareName);
    void loginUserChangeRequested(const share::ShareRow& row);
    void copied(const QString& text);

private:
    void onContextMenu(const QPoint& position);
    void addCopyButtons(int first, int last);
    void showQrCode(const share::ShareRow& row);
    QString loginUser(const share::ShareRow& row) const;

    SharesModel& m_model;
    QTableView* m_table = nullptr;
    std::function<QString(const share::ShareRow&)> m_loginUser;
};

} // namespace labshare::ui
