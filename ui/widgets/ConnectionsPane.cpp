// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ConnectionsPane.h"
#include "models/ConnectionsModel.h"
#include "widgets/ColumnFitter.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace labshare::ui {

ConnectionsPane::ConnectionsPane(ConnectionsModel& model, QWidget* parent)
    : QDockWidget(tr("Connections"), parent)
    , m_model(model) {
    setObjectName(QStringLiteral("connectionsDockWidget"));
    auto* body = new QWidget(this);
    m_share = new QComboBox(body);
    m_share->setObjectName(QStringLiteral("shareFilterComboBox"));
    m_share->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_share->addItem(tr("All shares"), QString());
    auto* shareLabel = new QLabel(tr("Share:"), body);
    shareLabel->setBuddy(m_share);
    auto* exportButton = new QPushButton(tr("Export CSV…"), body);
    exportButton->setObjectName(QStringLiteral("exportCsvPushButton"));
    exportButton->setToolTip(tr("Save the connections shown as a spreadsheet (CSV)"));
    auto* clear = new QPushButton(tr("Clear"), body);
    clear->setObjectName(QStringLiteral("clearConnectionsPushButton"));
    clear->setToolTip(tr("Forget this lab's connections, here and in its log file"));

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(ConnectionsModel::SortRole);
    m_proxy->setFilterKeyColumn(ConnectionsModel::ShareColumn);
    m_table = new QTableView(body);
    m_table->setObjectName(QStringLiteral("connectionsTableView"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ConnectionsModel::StartedColumn, Qt::DescendingOrder); // newest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    new ColumnFitter(*m_table, *m_table->horizontalHeader()); // not ResizeToContents: one entry per connection

    auto* bar = new QHBoxLayout;
    bar->addWidget(shareLabel);
    bar->addWidget(m_share);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    bar->addWidget(clear);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    setWidget(body);

    connect(&m_model, &ConnectionsModel::sharesChanged, this, &ConnectionsPane::onSharesChanged);
    connect(m_share, &QComboBox::currentIndexChanged, this,
            [this] { setShareFilter(m_share->currentData().toString()); });
    connect(exportButton, &QPushButton::clicked, this, &ConnectionsPane::onExport);
    connect(clear, &QPushButton::clicked, this, &ConnectionsPane::clearRequested);
    onSharesChanged();
}

void ConnectionsPane::setShareFilter(const QString& share) {
    const int at = m_share->findData(share);
    if (at >= 0 && at != m_share->currentIndex())
        m_share->setCurrentIndex(at); // comes back here
    // Exact: clab-r1-tcp-22 must not show clab-r1-tcp-2222 too.
    m_proxy->setFilterRegularExpression(
        share.isEmpty() ? QRegularExpression()
                        : QRegularExpression(QLatin1Char('^') + QRegularExpression::escape(share) + QLatin1Char('$')));
}

void ConnectionsPane::onSharesChanged() {
    const QString chosen = m_share->currentData().toString();
    QStringList wanted = m_model.shares();
    if (!chosen.isEmpty() && !wanted.contains(chosen))
        wanted << chosen; // stays chosen while its rows are gone (after Clear): the user picked it
    QStringList have;
    for (int i = 1; i < m_share->count(); ++i)
        have << m_share->itemData(i).toString();
    if (have == wanted)
        return;
    const QSignalBlocker quiet(m_share);
    while (m_share->count() > 1)
        m_share->removeItem(1);
    for (const QString& share : std::as_const(wanted))
        m_share->addItem(share, share);
    m_share->setCurrentIndex(std::max(0, m_share->findData(chosen)));
}

QList<tunnel::ConnectionRecord> ConnectionsPane::shownRecords() const {
    QList<tunnel::ConnectionRecord> out;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        out << m_model.recordAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return out;
}

void ConnectionsPane::onExport() {
    auto* dialog = new QFileDialog(this, tr("Export the connections"), QDir::homePath());
    dialog->setObjectName(QStringLiteral("exportCsvFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV (*.csv)")});
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("connections.csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &ConnectionsPane::exportRequested);
    dialog->open();
}

} // namespace labshare::ui
