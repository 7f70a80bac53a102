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
// with every command, the QR code, Share until… and Stop. Ctrl+C on a row copies what its Copy button copies.
class SharesView : public QWidget {
    Q_OBJECT

public:
    SharesView(SharesModel& model, QWidget* parent = nullptr);

    // The login user for a share's node: the kind's default unless the user changed it.
    void setLoginUserProvider(std::function<QString(const share::ShareRow&)> provider);
    QTableView* table() const { return m_table; }
    // Tall enough for the header and every row (at least three), so no share hides below the fold.
    QSize sizeHint() const override;
    // Copies `command` of share `name` to the clipboard; returns the text copied.
    QString copy(const QString& name, int command);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    void stopRequested(const QString& shareName);
    void untilRequested(const QString& shareName); // "Share until…": when this share stops on its own
    void loginUserChangeRequested(const share::ShareRow& row);
    void nodeLoginRequested(const share::ShareRow& row); // a browser terminal's "Students log in as…"
    // A gated share's menu: the gate forgets `identity`'s tickets (empty: everyone's).
    void signOutRequested(const QString& identity);
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
