// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ColumnFitter.h"

#include <QAbstractItemView>
#include <QHeaderView>

namespace labshare::ui {

ColumnFitter::ColumnFitter(QAbstractItemView& view, QHeaderView& header, int intervalMs)
    : QObject(&view)
    , m_view(view)
    , m_header(header) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ColumnFitter::fitNow);
    QAbstractItemModel* model = view.model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFitter::onModelChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ColumnFitter::onModelChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::onModelChanged);
    connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFitter::onModelChanged);
    connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFitter::onModelChanged);
    connect(&header, &QHeaderView::sectionCountChanged, this, &ColumnFitter::onModelChanged);
    fitNow();
}

void ColumnFitter::onModelChanged() {
    if (!m_timer.isActive())
        m_timer.start(); // from the first change: a steady stream of changes still refits every interval
}

void ColumnFitter::fitNow() {
    for (int section = 0; section < m_header.count(); ++section) {
        if (m_header.sectionResizeMode(section) == QHeaderView::Stretch || m_header.isSectionHidden(section))
            continue;
        m_header.setSectionResizeMode(section, QHeaderView::Interactive);
        const int width = qMax(m_view.sizeHintForColumn(section), m_header.sectionSizeHint(section));
        if (width != m_header.sectionSize(section))
            m_header.resizeSection(section, width);
    }
}

} // namespace labshare::ui
