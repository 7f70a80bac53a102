// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

class QAbstractItemView;
class QHeaderView;

namespace labshare::ui {

// Keeps a view's columns fitted to their contents, as QHeaderView::ResizeToContents does, but at most once
// per `intervalMs` after the model changed. ResizeToContents measures every row of a column again for every
// changed cell: 50 shares whose figures change each health tick made that tens of thousands of text layouts
// per tick on the GUI thread. Columns in Stretch mode are left to stretch.
class ColumnFitter : public QObject {
    Q_OBJECT

public:
    // Sets every section of `header` that is not Stretch to Interactive and fits it from now on.
    ColumnFitter(QAbstractItemView& view, QHeaderView& header, int intervalMs = 500);

    void fitNow();

private:
    void onModelChanged();

    QAbstractItemView& m_view;
    QHeaderView& m_header;
    QTimer m_timer;
};

} // namespace labshare::ui
