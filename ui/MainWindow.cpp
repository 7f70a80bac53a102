// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "MainMenus.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"
#include "widgets/AddPortDialog.h"
#include "widgets/ColumnFitter.h"
#include "widgets/ConnectionsPane.h"
#include "widgets/DiagnosticsPane.h"
#include "widgets/DropZone.h"
#include "widgets/ShareSheetDialog.h"
#include "widgets/SharesView.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace labshare::ui {

namespace {

// The desktop's icon where its theme has one, else the style's own.
QIcon themedIcon(const QWidget* widget, const char* name, QStyle::StandardPixmap fallback) {
    return QIcon::fromTheme(QLatin1String(name), widget->style()->standardIcon(fallback));
}

} // namespace

MainWindow::MainWindow(TopologyModel& topology, SharesModel& shares, LogBuffer& log, ConnectionsModel& connections,
                       QWidget* parent)
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
        // A copy: the action may clear or replace the banner, and with it m_bannerCallback.
        if (const std::function<void()> action = m_bannerCallback)
            action();
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
    new ColumnFitter(*m_tree, *m_tree->header()); // not ResizeToContents, which measures every row per change
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

    m_splitter = new QSplitter(Qt::Vertical, m_labPage);
    m_splitter->setObjectName(QStringLiteral("labSplitter"));
    m_splitter->addWidget(treeBox);
    m_splitter->addWidget(sharesBox);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setChildrenCollapsible(false);
    // The shares pane grows with its rows (the tree scrolls instead) when shares come and go; not on
    // health ticks, and a splitter the user dragged stays until the next share is added or removed.
    QAbstractItemModel* sharesModel = m_sharesView->table()->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(sharesModel, signal, this, &MainWindow::fitSharesPane, Qt::QueuedConnection);
    connect(sharesModel, &QAbstractItemModel::modelReset, this, &MainWindow::fitSharesPane, Qt::QueuedConnection);
    auto* labLayout = new QVBoxLayout(m_labPage);
    labLayout->addLayout(bannerRow);
    labLayout->addWidget(m_splitter);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pagesStackedWidget"));
    m_pages->addWidget(m_dropZone);
    m_pages->addWidget(m_labPage);
    setCentralWidget(m_pages);

    m_diagnostics = new DiagnosticsPane(log, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnostics);
    m_diagnostics->hide();
    m_connections = new ConnectionsPane(connections, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_connections);
    m_connections->hide();
    createActions();
    buildToolBar();
    buildMenus();
    setLabActionsEnabled(false);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createActions() {
    m_open = new QAction(themedIcon(this, "document-open", QStyle::SP_DialogOpenButton), tr("Open…"), this);
    m_open->setObjectName(QStringLiteral("openAction"));
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &MainWindow::onOpenTriggered);
    m_editRelay = new QAction(themedIcon(this, "document-edit", QStyle::SP_FileDialogDetailedView), tr("Edit…"), this);
    m_editRelay->setObjectName(QStringLiteral("editRelayAction"));
    m_editRelay->setToolTip(tr("Edit the selected relay"));
    connect(m_editRelay, &QAction::triggered, this,
            [this] { Q_EMIT editRelayRequested(m_relayCombo->currentData().toString()); });
    m_publishDeclared =
        new QAction(themedIcon(this, "media-playback-start", QStyle::SP_MediaPlay), tr("Publish declared"), this);
    m_publishDeclared->setObjectName(QStringLiteral("publishDeclaredAction"));
    m_publishDeclared->setToolTip(tr("Tick every port the lab file declares"));
    connect(m_publishDeclared, &QAction::triggered, this, &MainWindow::publishDeclaredRequested);
    m_stopAll = new QAction(themedIcon(this, "media-playback-stop", QStyle::SP_MediaStop), tr("Stop all"), this);
    m_stopAll->setObjectName(QStringLiteral("stopAllAction"));
    connect(m_stopAll, &QAction::triggered, this, &MainWindow::stopAllRequested);
    m_shareUntil = new QAction(themedIcon(this, "chronometer", QStyle::SP_BrowserReload), tr("Share until…"), this);
    m_shareUntil->setObjectName(QStringLiteral("shareUntilAction"));
    m_shareUntil->setToolTip(tr("Stop every share on its own at a time of day or after a while"));
    connect(m_shareUntil, &QAction::triggered, this, &MainWindow::shareUntilRequested);
    m_addPort = new QAction(themedIcon(this, "list-add", QStyle::SP_FileDialogNewFolder), tr("Add port…"), this);
    m_addPort->setObjectName(QStringLiteral("addPortAction"));
    m_addPort->setToolTip(tr("Offer another <type>/<port> on the selected node"));
    connect(m_addPort, &QAction::triggered, this, &MainWindow::onAddPortTriggered);
    m_present = new QAction(themedIcon(this, "video-display", QStyle::SP_ComputerIcon), tr("Present"), this);
    m_present->setObjectName(QStringLiteral("presentationAction"));
    m_present->setToolTip(tr("Big addresses and QR codes for the projector"));
    connect(m_present, &QAction::triggered, this, &MainWindow::presentationRequested);
    m_shareSheet = new QAction(themedIcon(this, "text-html", QStyle::SP_FileIcon), tr("Share sheet…"), this);
    m_shareSheet->setObjectName(QStringLiteral("exportShareSheetAction"));
    m_shareSheet->setToolTip(tr("The page to hand to students: preview, copy or save it"));
    connect(m_shareSheet, &QAction::triggered, this, &MainWindow::shareSheetRequested);
    m_autoPublish = new QAction(tr("Share on open"), this);
    m_autoPublish->setObjectName(QStringLiteral("autoPublishAction"));
    m_autoPublish->setCheckable(true);
    m_autoPublish->setToolTip(tr("Publish this lab's ticked ports again whenever it is opened"));
    connect(m_autoPublish, &QAction::toggled, this, &MainWindow::autoPublishToggled);
    m_quit = new QAction(themedIcon(this, "application-exit", QStyle::SP_DialogCloseButton), tr("Quit"), this);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    // Not qApp->quit(): ending the app means stopping the shares first, which is the controller's job.
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    QAction* diagnostics = m_diagnostics->toggleViewAction();
    diagnostics->setObjectName(QStringLiteral("diagnosticsAction"));
    diagnostics->setIcon(themedIcon(this, "utilities-log-viewer", QStyle::SP_FileDialogInfoView));
    QAction* connections = m_connections->toggleViewAction();
    connections->setObjectName(QStringLiteral("connectionsAction"));
    connections->setToolTip(tr("Who connected: every connection to the shares, with Export CSV"));
    connections->setIcon(themedIcon(this, "network-workgroup", QStyle::SP_FileDialogContentsView));
}

void MainWindow::buildMenus() {
    auto* menus = new MainMenus(menuBar(),
                                {m_open, m_shareSheet, m_autoPublish, m_shareUntil, m_quit, m_present,
                                 m_diagnostics->toggleViewAction(), m_connections->toggleViewAction()},
                                this);
    connect(menus, &MainMenus::recentRequested, this, &MainWindow::openRequested);
    // The account button sits at the right of the menu bar, where a crowded toolbar cannot push it into
    // its overflow menu. A global menu bar (macOS, some Linux desktops) has no corner: the toolbar's end then.
    if (menuBar()->isNativeMenuBar()) {
        if (auto* bar = findChild<QToolBar*>(QStringLiteral("mainToolBar")))
            bar->addWidget(m_accountButton);
    } else {
        menuBar()->setCornerWidget(m_accountButton, Qt::TopRightCorner);
    }
}

void MainWindow::fitSharesPane() {
    const int total = m_splitter->height();
    if (total <= 0)
        return;
    // The pane's title and the table with all its rows (SharesView's size hint); at most 60 % of the
    // height, so the lab stays in view.
    const int wanted = std::min(m_splitter->widget(1)->sizeHint().height(), total * 3 / 5);
    m_splitter->setSizes({total - wanted, wanted});
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    fitSharesPane();
}

void MainWindow::setLabActionsEnabled(bool enabled) {
    for (QAction* action :
         {m_publishDeclared, m_stopAll, m_shareUntil, m_addPort, m_present, m_shareSheet, m_autoPublish})
        action->setEnabled(enabled);
}

QString MainWindow::dialogFolder() const {
    // The open lab's folder; before any lab, the last lab's; else home.
    QString file = m_pages->currentWidget() == m_labPage ? m_topologyModel.file() : QString();
    if (file.isEmpty()) {
        const QStringList recent = share::LabSettings::recentFiles();
        file = recent.isEmpty() ? QString() : recent.first();
    }
    const QFileInfo info(file);
    return !file.isEmpty() && info.absoluteDir().exists() ? info.absolutePath() : QDir::homePath();
}

void MainWindow::showShareSheet(const QString& html, const QString& markdown) {
    if (!m_sheetDialog) {
        m_sheetDialog = new ShareSheetDialog(this);
        connect(m_sheetDialog, &ShareSheetDialog::saveRequested, this, &MainWindow::exportShareSheetRequested);
        connect(m_sheetDialog, &ShareSheetDialog::copied, this,
                [this] { statusBar()->showMessage(tr("Share sheet copied"), 6000); });
    }
    m_sheetDialog->setSaveFolder(dialogFolder());
    m_sheetDialog->setSheet(html, markdown);
    m_sheetDialog->show();
    m_sheetDialog->raise();
    m_sheetDialog->activateWindow();
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_open);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Relay: "), bar));
    m_relayCombo = new QComboBox(bar);
    m_relayCombo->setObjectName(QStringLiteral("relayComboBox"));
    m_relayCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_relayCombo->setMinimumContentsLength(16);
    connect(m_relayCombo, &QComboBox::activated, this, &MainWindow::onRelayActivated);
    bar->addWidget(m_relayCombo);
    bar->addAction(m_editRelay);
    bar->addSeparator();
    bar->addAction(m_publishDeclared);
    bar->addAction(m_stopAll);
    bar->addAction(m_shareUntil);
    bar->addAction(m_addPort);
    bar->addSeparator();
    bar->addAction(m_present);
    bar->addAction(m_shareSheet);
    bar->addAction(m_connections->toggleViewAction());
    bar->addAction(m_diagnostics->toggleViewAction());
    m_accountButton = new QToolButton(this);
    m_accountButton->setObjectName(QStringLiteral("accountToolButton"));
}

void MainWindow::showEmptyState(const QStringList& recentFiles) {
    m_dropZone->setRecentFiles(recentFiles);
    m_pages->setCurrentWidget(m_dropZone);
    setLabActionsEnabled(false);
    setWindowTitle(tr("LabShare"));
}

void MainWindow::showLab(const QString& labName, const QString& file) {
    m_labLabel->setText(
        tr("<b>%1</b> — %2 · tick a port to publish it").arg(labName.toHtmlEscaped(), file.toHtmlEscaped()));
    m_pages->setCurrentWidget(m_labPage);
    setLabActionsEnabled(true);
    QMetaObject::invokeMethod(this, &MainWindow::fitSharesPane, Qt::QueuedConnection); // once laid out
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
    auto* dialog = new QFileDialog(this, tr("Open a containerlab topology"), dialogFolder());
    dialog->setObjectName(QStringLiteral("openFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters(
        {tr("containerlab topologies (*.clab.yml *.clab.yaml)"), tr("YAML files (*.yml *.yaml)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openRequested);
    dialog->open();
}

void MainWindow::onAddPortTriggered() {
    const QModelIndex current = m_tree->currentIndex();
    const QString node = current.data(TopologyModel::NodeNameRole).toString();
    if (node.isEmpty()) {
        statusBar()->showMessage(tr("Select a node first, then Add port…"), 5000);
        return;
    }
    const QModelIndex nodeIndex = m_topologyModel.nodeIndex(node);
    QList<topology::PublishSpec> offered;
    for (int row = 0; row < m_topologyModel.rowCount(nodeIndex); ++row)
        offered << m_topologyModel.index(row, TopologyModel::NameColumn, nodeIndex)
                       .data(TopologyModel::PublishSpecRole)
                       .value<topology::PublishSpec>();
    auto* dialog = new AddPortDialog(node, offered, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddPortDialog::portChosen, this,
            [this](const QString& chosenNode, const topology::PublishSpec& spec) {
                QList<topology::PublishSpec> ports = m_topologyModel.userPorts(chosenNode);
                ports.append(spec);
                m_topologyModel.setUserPorts(chosenNode, ports);
            });
    dialog->open();
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
