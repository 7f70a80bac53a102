// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/SharesView.h"
#include "models/SharesModel.h"
#include "qr/QrPicture.h"
#include "share/ShareCommands.h"
#include "topology/KindAliases.h"
#include "widgets/ColumnFitter.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace labshare::ui {

using share::ShareCommand;
using share::ShareCommands;
using share::ShareRow;

namespace {

// The shares model plus one trailing column that holds each row's Copy button.
class WithCopyColumn : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    int columnCount(const QModelIndex& parent) const override {
        return parent.isValid() ? 0 : sourceModel()->columnCount() + 1;
    }
    QModelIndex index(int row, int column, const QModelIndex& parent) const override {
        if (column == sourceModel()->columnCount() && !parent.isValid() && row >= 0 && row < rowCount(parent))
            return createIndex(row, column);
        return QIdentityProxyModel::index(row, column, parent);
    }
    QModelIndex mapToSource(const QModelIndex& proxy) const override {
        if (proxy.isValid() && proxy.column() == sourceModel()->columnCount())
            return sourceModel()->index(proxy.row(), 0);
        return QIdentityProxyModel::mapToSource(proxy);
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (index.column() == sourceModel()->columnCount())
            return role == Qt::DisplayRole ? QVariant() : QIdentityProxyModel::data(index, role);
        return QIdentityProxyModel::data(index, role);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
        if (orientation == Qt::Horizontal && section == sourceModel()->columnCount())
            return role == Qt::DisplayRole ? QVariant(QString()) : QVariant();
        return QIdentityProxyModel::headerData(section, orientation, role);
    }
};

} // namespace

SharesView::SharesView(SharesModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model) {
    setObjectName(QStringLiteral("sharesView"));
    auto* proxy = new WithCopyColumn(this);
    proxy->setSourceModel(&m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sharesTableView"));
    m_table->setModel(proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    new ColumnFitter(*m_table, *m_table->horizontalHeader()); // not ResizeToContents: see ColumnFitter
    m_table->setAlternatingRowColors(true);
    // QAbstractItemView's own Ctrl+C copies the current cell's text (the share's name); students need the command.
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::customContextMenuRequested, this, &SharesView::onContextMenu);
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { copy(index.data(SharesModel::ShareNameRole).toString(), -1); });
    connect(proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { addCopyButtons(first, last); });
    connect(proxy, &QAbstractItemModel::modelReset, this, [this, proxy] { addCopyButtons(0, proxy->rowCount() - 1); });
    // The size hint follows the row count (layouts cache it until told).
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, this, &QWidget::updateGeometry);
    connect(proxy, &QAbstractItemModel::modelReset, this, &QWidget::updateGeometry);
    addCopyButtons(0, proxy->rowCount() - 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
}

bool SharesView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            copy(current.data(SharesModel::ShareNameRole).toString(), -1);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QSize SharesView::sizeHint() const {
    const int rows = std::max(3, m_table->model()->rowCount());
    const int height = m_table->horizontalHeader()->sizeHint().height() +
                       rows * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth() +
                       m_table->horizontalScrollBar()->sizeHint().height(); // room for one, should columns not fit
    return {QWidget::sizeHint().width(), height};
}

void SharesView::setLoginUserProvider(std::function<QString(const ShareRow&)> provider) {
    m_loginUser = std::move(provider);
}

QString SharesView::loginUser(const ShareRow& row) const {
    return m_loginUser ? m_loginUser(row) : topology::defaultLoginUser(row.kind);
}

void SharesView::addCopyButtons(int first, int last) {
    const int column = m_model.columnCount();
    for (int row = first; row <= last; ++row) {
        auto* button = new QToolButton(m_table);
        button->setObjectName(QStringLiteral("copyToolButton"));
        button->setText(tr("Copy"));
        button->setToolTip(tr("Copy the command or link to hand out"));
        button->setAutoRaise(true);
        const QModelIndex index = m_table->model()->index(row, column);
        connect(button, &QToolButton::clicked, this, [this, index = QPersistentModelIndex(index)] {
            copy(index.data(SharesModel::ShareNameRole).toString(), -1);
        });
        m_table->setIndexWidget(index, button);
    }
}

QString SharesView::copy(const QString& name, int command) {
    const int row = m_model.rowFor(name);
    if (row < 0)
        return {};
    const ShareRow share = m_model.rows().at(row);
    const QString text = command < 0 ? ShareCommands::primaryCommand(share, loginUser(share))
                                     : ShareCommands::text(share, static_cast<ShareCommand>(command), loginUser(share));
    if (text.isEmpty())
        return {};
    QApplication::clipboard()->setText(text);
    Q_EMIT copied(text);
    return text;
}

void SharesView::onContextMenu(const QPoint& position) {
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const ShareRow share = index.data(SharesModel::ShareRowRole).value<ShareRow>();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("shareContextMenu"));
    for (ShareCommand c : ShareCommands::availableCommands(share))
        menu.addAction(ShareCommands::copyLabel(c), this, [this, share, c] { copy(share.name, static_cast<int>(c)); });
    menu.addSeparator();
    menu.addAction(tr("Show QR code"), this, [this, share] { showQrCode(share); });
    if (ShareCommands::isSshPort(share))
        menu.addAction(tr("Login user (%1)…").arg(loginUser(share)), this,
                       [this, share] { Q_EMIT loginUserChangeRequested(share); });
    if (const QString watch = share::terminalLink(share, terminal::TerminalRole::Watcher); !watch.isEmpty()) {
        menu.addAction(tr("Open my own terminal (the watch link mirrors it)"), this,
                       [mine = share::terminalLink(share, terminal::TerminalRole::Presenter)] {
                           QDesktopServices::openUrl(QUrl(mine));
                       })
            ->setObjectName(QStringLiteral("presentTerminalAction"));
        menu.addAction(tr("Copy watch link (read-only)"), this,
                       [this, watch] {
                           QApplication::clipboard()->setText(watch);
                           Q_EMIT copied(watch);
                       })
            ->setObjectName(QStringLiteral("copyWatchLinkAction"));
    }
    if (share.spec.type == topology::PublishType::Term)
        menu.addAction(share.terminalUser.isEmpty() ? tr("Students log in as…")
                                                    : tr("Students log in as %1…").arg(share.terminalUser),
                       this, [this, share] { Q_EMIT nodeLoginRequested(share); })
            ->setObjectName(QStringLiteral("nodeLoginAction"));
    if (share.isGated()) {
        menu.addSeparator();
        for (const QString& identity : share.visitors.connectedNow())
            menu.addAction(tr("Sign %1 out").arg(identity), this,
                           [this, identity] { Q_EMIT signOutRequested(identity); });
        menu.addAction(tr("Sign everyone out"), this, [this] { Q_EMIT signOutRequested({}); });
    }
    menu.addSeparator();
    menu.addAction(tr("Share until…"), this, [this, share] { Q_EMIT untilRequested(share.name); })
        ->setObjectName(QStringLiteral("shareUntilAction"));
    menu.addAction(tr("Stop sharing"), this, [this, share] { Q_EMIT stopRequested(share.name); });
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void SharesView::showQrCode(const ShareRow& share) {
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("qrDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(share.name);
    const QString payload = ShareCommands::qrPayload(share, loginUser(share));
    auto* image = new QLabel(dialog);
    image->setPixmap(QPixmap::fromImage(qrImage(qr::QrCode::encode(payload), 10)));
    auto* text = new QLabel(payload, dialog);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setAlignment(Qt::AlignCenter);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(image, 0, Qt::AlignCenter);
    layout->addWidget(text);
    dialog->show();
}

} // namespace labshare::ui
