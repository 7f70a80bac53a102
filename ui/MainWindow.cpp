// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "widgets/DiagnosticsPane.h"
#include "widgets/DropZone.h"
#include "widgets/SharesView.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace labshare::ui {

MainWindow::MainWindow(TopologyModel& topology, SharesModel& shares, LogBuffer& log, QWidget* parent)
    : QMainWindow(parent)
    , m_topologyModel(topology) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("LabShare"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/labshare.svg")));
    setAcceptDrops(true);
    resize(1200, 760);

    m_dropZone = new DropZone(this);
    connect(m_dropZone, &DropZone::openRequested, this, &MainWindow::onOpenTriggered);
    connect(m_dropZone, &DropZone::recentRequested, this, &MainWindow::openRequested);

    m_labPage = new QWidget(this);
    m_labPage->setObjectName(QStringLiteral("labPage"));
    m_banner = new QLabel(m_labPage);
    m_banner->setObjectName(QStringLiteral("bannerLabel"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    m_bannerAction = new QPushButton(m_labPage);
    m_bannerAction->setObjectName(QStringLiteral("bannerPushButton"));
    m_bannerAction->hide();
    connect(m_bannerAction, &QPushButton::clicked, this, [this] {
        if (m_bannerCallback)
            m_bannerCallback();
    });
    m_bannerClose = new QToolButton(m_labPage);
    m_bannerClose->setObjectName(QStringLiteral("bannerCloseToolButton"));
    m_bannerClose->setText(QStringLiteral("✕"));
    m_bannerClose->setToolTip(tr("Dismiss"));
    m_bannerClose->setAutoRaise(true);
    m_bannerClose->hide();
    connect(m_bannerClose, &QToolButton::clicked, this, &MainWindow::clearBanner);
    auto* bannerRow = new QHBoxLayout;
    bannerRow->addWidget(m_banner, 1);
    bannerRow->addWidget(m_bannerAction);
    bannerRow->addWidget(m_bannerClose);

    m_labLabel = new QLabel(m_labPage);
    m_labLabel->setObjectName(QStringLiteral("labTitleLabel"));
    m_tree = new QTreeView(m_labPage);
    m_tree->setObjectName(QStringLiteral("topologyTreeView"));
    m_tree->setModel(&m_topologyModel);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    connect(&m_topologyModel, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(&m_topologyModel, &QAbstractItemModel::rowsInserted, m_tree,
            [this](const QModelIndex& where) { m_tree->expand(where); });

    m_sharesView = new SharesView(shares, m_labPage);
    connect(m_sharesView, &SharesView::copied, this,
            [this](const QString& text) { statusBar()->showMessage(tr("Copied: %1").arg(text), 6000); });
    auto* sharesTitle = new QLabel(tr("<b>Shares</b> — what students can reach now"), m_labPage);
    auto* sharesBox = new QWidget(m_labPage);
    auto* sharesLayout = new QVBoxLayout(sharesBox);
    sharesLayout->setContentsMargins(0, 0, 0, 0);
    sharesLayout->addWidget(sharesTitle);
    sharesLayout->addWidget(m_sharesView);

    auto* treeBox = new QWidget(m_labPage);
    auto* treeLayout = new QVBoxLayout(treeBox);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_labLabel);
    treeLayout->addWidget(m_tree);

    auto* splitter = new QSplitter(Qt::Vertical, m_labPage);
    splitter->setObjectName(QStringLiteral("labSplitter"));
    splitter->addWidget(treeBox);
    splitter->addWidget(sharesBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* labLayout = new QVBoxLayout(m_labPage);
    labLayout->addLayout(bannerRow);
    labLayout->addWidget(splitter);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pagesStackedWidget"));
    m_pages->addWidget(m_dropZone);
    m_pages->addWidget(m_labPage);
    setCentralWidget(m_pages);

    auto* diagnostics = new DiagnosticsPane(log, this);
    addDockWidget(Qt::BottomDockWidgetArea, diagnostics);
    diagnostics->hide();
    buildToolBar();
    if (auto* toolbar = findChild<QToolBar*>())
        toolbar->addAction(diagnostics->toggleViewAction());
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAction* open = bar->addAction(tr("Open…"), this, &MainWindow::onOpenTriggered);
    open->setObjectName(QStringLiteral("openAction"));
    open->setShortcut(QKeySequence::Open);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Relay: "), bar));
    m_relayCombo = new QComboBox(bar);
    m_relayCombo->setObjectName(QStringLiteral("relayComboBox"));
    m_relayCombo->setMinimumContentsLength(24);
    connect(m_relayCombo, &QComboBox::activated, this, &MainWindow::onRelayActivated);
    bar->addWidget(m_relayCombo);
    QAction* editRelay = bar->addAction(tr("Edit…"), this,
                                        [this] { Q_EMIT editRelayRequested(m_relayCombo->currentData().toString()); });
    editRelay->setObjectName(QStringLiteral("editRelayAction"));
    bar->addSeparator();
    QAction* publishAll = bar->addAction(tr("Publish declared"), this, &MainWindow::publishDeclaredRequested);
    publishAll->setObjectName(QStringLiteral("publishDeclaredAction"));
    publishAll->setToolTip(tr("Tick every port the lab file declares"));
    QAction* stopAll = bar->addAction(tr("Stop all"), this, &MainWindow::stopAllRequested);
    stopAll->setObjectName(QStringLiteral("stopAllAction"));
    QAction* addPort = bar->addAction(tr("Add port…"), this, &MainWindow::onAddPortTriggered);
    addPort->setObjectName(QStringLiteral("addPortAction"));
    addPort->setToolTip(tr("Offer another <type>/<port> on the selected node"));
    bar->addSeparator();
    QAction* present = bar->addAction(tr("Present"), this, &MainWindow::presentationRequested);
    present->setObjectName(QStringLiteral("presentationAction"));
    present->setToolTip(tr("Big addresses and QR codes for the projector"));
    QAction* sheet = bar->addAction(tr("Share sheet…"), this, &MainWindow::onExportTriggered);
    sheet->setObjectName(QStringLiteral("exportShareSheetAction"));
    m_autoPublish = bar->addAction(tr("Share on open"));
    m_autoPublish->setObjectName(QStringLiteral("autoPublishAction"));
    m_autoPublish->setCheckable(true);
    m_autoPublish->setToolTip(tr("Publish this lab's ticked ports again whenever it is opened"));
    connect(m_autoPublish, &QAction::toggled, this, &MainWindow::autoPublishToggled);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_accountButton = new QToolButton(bar);
    m_accountButton->setObjectName(QStringLiteral("accountToolButton"));
    bar->addWidget(m_accountButton);
}

void MainWindow::showEmptyState(const QStringList& recentFiles) {
    m_dropZone->setRecentFiles(recentFiles);
    m_pages->setCurrentWidget(m_dropZone);
    setWindowTitle(tr("LabShare"));
}

void MainWindow::showLab(const QString& labName, const QString& file) {
    m_labLabel->setText(
        tr("<b>%1</b> — %2 · tick a port to publish it").arg(labName.toHtmlEscaped(), file.toHtmlEscaped()));
    m_pages->setCurrentWidget(m_labPage);
    m_dropZone->showMessage({});
    setWindowTitle(tr("%1 — LabShare").arg(labName));
}

void MainWindow::showBanner(const QString& text, bool isError, const QString& actionText,
                            std::function<void()> action) {
    if (m_pages->currentWidget() == m_dropZone) {
        m_dropZone->showMessage(text);
        return;
    }
    m_banner->setText(text);
    m_banner->setStyleSheet(isError
                                ? QStringLiteral("background:#fde7e9; color:#8c1d18; padding:8px; border-radius:6px;")
                                : QStringLiteral("background:#e8f0fe; color:#174ea6; padding:8px; border-radius:6px;"));
    m_banner->show();
    m_bannerClose->show();
    m_bannerIsError = isError;
    ++m_bannerSerial;
    m_bannerCallback = std::move(action);
    m_bannerAction->setText(actionText);
    m_bannerAction->setVisible(!actionText.isEmpty());
}

void MainWindow::clearBanner() {
    m_banner->hide();
    m_bannerAction->hide();
    m_bannerClose->hide();
    m_bannerCallback = nullptr;
    m_bannerIsError = false;
}

void MainWindow::clearErrorBanner() {
    if (m_bannerIsError)
        clearBanner();
}

void MainWindow::expireBanner(int ms) {
    QTimer::singleShot(ms, this, [this, serial = m_bannerSerial] {
        if (serial == m_bannerSerial)
            clearBanner();
    });
}

void MainWindow::setRelays(const QList<QPair<QString, QString>>& relays, const QString& current) {
    m_relayCombo->clear();
    for (const auto& [url, label] : relays)
        m_relayCombo->addItem(label, url);
    m_relayCombo->addItem(tr("Add a relay…"), QStringLiteral("new"));
    m_relayCombo->setCurrentIndex(std::max(0, m_relayCombo->findData(current)));
}

void MainWindow::setAutoPublish(bool on) {
    const QSignalBlocker quiet(m_autoPublish);
    m_autoPublish->setChecked(on);
}

void MainWindow::onRelayActivated(int index) {
    const QString url = m_relayCombo->itemData(index).toString();
    if (url == QLatin1String("new"))
        Q_EMIT editRelayRequested({});
    else
        Q_EMIT relaySelected(url);
}

void MainWindow::onOpenTriggered() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a containerlab topology"), QString(),
        tr("containerlab topologies (*.clab.yml *.clab.yaml);;YAML files (*.yml *.yaml);;All files (*)"));
    if (!path.isEmpty())
        Q_EMIT openRequested(path);
}

void MainWindow::onExportTriggered() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the share sheet"), QStringLiteral("share-sheet.html"),
                                     tr("Web page (*.html);;Markdown (*.md)"));
    if (!path.isEmpty())
        Q_EMIT exportShareSheetRequested(path);
}

void MainWindow::onAddPortTriggered() {
    const QModelIndex current = m_tree->currentIndex();
    const QString node = current.data(TopologyModel::NodeNameRole).toString();
    if (node.isEmpty()) {
        statusBar()->showMessage(tr("Select a node first"), 5000);
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Add a port to %1").arg(node),
                                               tr("Port as <type>/<port>, e.g. tcp/8080 or http/3000:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    const Result<topology::PublishSpec> spec = topology::PublishSpec::parse(text);
    if (!spec) {
        showBanner(spec.error().message, true);
        return;
    }
    QList<topology::PublishSpec> ports = m_topologyModel.userPorts(node);
    ports.append(*spec);
    m_topologyModel.setUserPorts(node, ports);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && isTopologyFileName(url.toLocalFile())) {
            event->acceptProposedAction();
            Q_EMIT openRequested(url.toLocalFile());
            return;
        }
    }
    const QString name = event->mimeData()->urls().isEmpty() ? QString() : event->mimeData()->urls().first().fileName();
    showBanner(tr("%1 is not a containerlab topology: drop a .clab.yml or .clab.yaml file.")
                   .arg(name.isEmpty() ? tr("That") : name),
               true);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_keepRunningInTray) {
        event->accept();
        return;
    }
    event->ignore();
    hide();
    Q_EMIT closedToTray(!m_toldAboutTray);
    m_toldAboutTray = true;
}

} // namespace labshare::ui
