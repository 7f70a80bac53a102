// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "common/LogBuffer.h"
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"
#include "share/ShareCommands.h"
#include "topology/TopologyLoader.h"
#include "widgets/AddPortDialog.h"
#include "widgets/DropZone.h"
#include "widgets/ShareSheetDialog.h"
#include "widgets/SharesView.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace labshare;

namespace {

share::ShareRow upRow() {
    share::ShareRow row;
    row.name = QStringLiteral("clab-leaf1-tcp-22");
    row.node = QStringLiteral("leaf1");
    row.kind = QStringLiteral("nokia_srlinux");
    row.spec = *topology::PublishSpec::parse(QStringLiteral("tcp/22"));
    row.target = QStringLiteral("172.31.0.11");
    row.health.name = row.name;
    row.health.node = row.node;
    row.health.state = tunnel::ShareState::Up;
    row.health.publicHost = QStringLiteral("relay.example.org");
    row.health.publicPort = 40123;
    row.url = share::shareUrl(row);
    return row;
}

// What a file manager sends when a file is dropped on the window.
void drop(QWidget* target, const QUrl& url) {
    QMimeData data;
    data.setUrls({url});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
}

// The sample lab the README starts with.
const QString kClassroom = QStringLiteral(LABSHARE_TEST_DATA "/../../resources/samples/classroom.clab.yml");

topology::Topology loadLab(const QString& path) {
    topology::LoadOptions offline;
    offline.environment = QProcessEnvironment();
    offline.inspect = [](const QString&) {
        return std::optional<QByteArray>();
    };
    const Result<topology::Topology> lab = topology::TopologyLoader::load(path, offline);
    if (!lab)
        qFatal("cannot load %s", qPrintable(path));
    return *lab;
}

// One Up row per port of the lab, as the share session would report them once all are ticked.
QList<share::ShareRow> rowsFor(const ui::TopologyModel& model, int count) {
    QList<share::ShareRow> rows;
    for (int n = 0; n < model.rowCount() && rows.size() < count; ++n) {
        const QModelIndex node = model.index(n, 0);
        for (int p = 0; p < model.rowCount(node) && rows.size() < count; ++p) {
            const QModelIndex port = model.index(p, 0, node);
            share::ShareRow row = upRow();
            row.node = node.data(ui::TopologyModel::NodeNameRole).toString();
            row.kind = node.data(ui::TopologyModel::KindRole).toString();
            row.name = port.data(ui::TopologyModel::ShareNameRole).toString();
            row.spec = port.data(ui::TopologyModel::PublishSpecRole).value<topology::PublishSpec>();
            row.health.name = row.name;
            row.health.node = row.node;
            row.health.publicPort = quint16(40100 + rows.size());
            row.url = share::shareUrl(row);
            rows << row;
        }
    }
    return rows;
}

template <typename T> T* visibleChild(QWidget* parent, const QString& name) {
    for (T* child : parent->findChildren<T*>(name))
        if (child->isVisible())
            return child;
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void cleanup() {
        m_window.reset();
        QSettings().clear();
    }
    void init() {
        m_topology = std::make_unique<ui::TopologyModel>();
        m_shares = std::make_unique<ui::SharesModel>();
        m_connections = std::make_unique<ui::ConnectionsModel>();
        m_window = std::make_unique<ui::MainWindow>(*m_topology, *m_shares, LogBuffer::install(), *m_connections);
        m_window->showEmptyState({});
    }

    void droppedTopologyOpens() {
        QSignalSpy opened(m_window.get(), &ui::MainWindow::openRequested);
        drop(m_window.get(), QUrl::fromLocalFile(QStringLiteral("/labs/classroom.clab.yml")));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("/labs/classroom.clab.yml"));
    }

    void droppedOtherFileSaysSoInline() {
        QSignalSpy opened(m_window.get(), &ui::MainWindow::openRequested);
        drop(m_window.get(), QUrl::fromLocalFile(QStringLiteral("/home/me/holiday.jpg")));
        QCOMPARE(opened.count(), 0);
        auto* message = m_window->findChild<QLabel*>(QStringLiteral("dropMessageLabel"));
        QVERIFY(message);
        QVERIFY2(message->text().contains(QStringLiteral("holiday.jpg is not a containerlab topology")),
                 qPrintable(message->text()));
    }

    void copyButtonPutsTheExactCommandOnTheClipboard() {
        m_window->showLab(QStringLiteral("classroom"), QStringLiteral("classroom.clab.yml"));
        m_shares->setRows({upRow()});
        auto* button = m_window->sharesView()->table()->findChild<QToolButton*>(QStringLiteral("copyToolButton"));
        QVERIFY(button);
        QApplication::clipboard()->clear();
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ssh -p 40123 admin@relay.example.org"));
        QCOMPARE(QApplication::clipboard()->text(), share::ShareCommands::primaryCommand(upRow()));
    }

    void copyUsesTheLoginUserTheInstructorChose() {
        m_window->showLab(QStringLiteral("classroom"), QStringLiteral("classroom.clab.yml"));
        m_shares->setRows({upRow()});
        m_window->sharesView()->setLoginUserProvider([](const share::ShareRow&) { return QStringLiteral("student"); });
        const QString copied = m_window->sharesView()->copy(upRow().name, -1);
        QCOMPARE(copied, QStringLiteral("ssh -p 40123 student@relay.example.org"));
        QCOMPARE(QApplication::clipboard()->text(), copied);
    }

    void bannerShowsErrorsOnTheLabPage() {
        m_window->showLab(QStringLiteral("classroom"), QStringLiteral("classroom.clab.yml"));
        bool acted = false;
        m_window->showBanner(QStringLiteral("lab.clab.yml:4:33: error: port 0"), true, QStringLiteral("Fix"),
                             [&acted] { acted = true; });
        auto* banner = m_window->findChild<QLabel*>(QStringLiteral("bannerLabel"));
        QVERIFY(banner && banner->isVisibleTo(m_window.get()));
        QVERIFY(banner->text().contains(QStringLiteral("4:33")));
        QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("bannerPushButton")), Qt::LeftButton);
        QVERIFY(acted);
    }

    void menuBarHasFileViewAndHelp() {
        const auto menus = m_window->menuBar()->findChildren<QMenu*>(Qt::FindDirectChildrenOnly);
        QStringList titles;
        for (QMenu* menu : menus)
            titles << menu->title().remove(QLatin1Char('&'));
        QCOMPARE(titles, (QStringList{"File", "View", "Help"}));
        auto names = [](QMenu* menu) {
            QStringList out;
            for (QAction* a : menu->actions())
                out << (a->menu() ? a->menu()->objectName() : a->objectName());
            out.removeAll(QString()); // separators
            return out;
        };
        QCOMPARE(names(m_window->findChild<QMenu*>("fileMenu")),
                 (QStringList{"openAction", "recentMenu", "exportShareSheetAction", "autoPublishAction",
                              "shareUntilAction", "quitAction"}));
        QCOMPARE(names(m_window->findChild<QMenu*>("viewMenu")),
                 (QStringList{"presentationAction", "connectionsAction", "diagnosticsAction"}));
        QCOMPARE(names(m_window->findChild<QMenu*>("helpMenu")), QStringList{"aboutAction"});
    }

    void quitAsksTheControllerInsteadOfQuitting() {
        m_window->show();
        QSignalSpy quit(m_window.get(), &ui::MainWindow::quitRequested);
        auto* action = m_window->findChild<QAction*>("quitAction");
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Quit));
        action->trigger();
        QCOMPARE(quit.count(), 1);
        QCoreApplication::processEvents();
        // qApp->quit() would first close every window (and the main window would hide itself to the tray).
        QVERIFY(m_window->isVisible());
    }

    void openRecentListsTheRecentLabs() {
        QTemporaryDir dir;
        const QString lab = dir.filePath("campus.clab.yml");
        share::LabSettings::addRecentFile(lab);
        auto* recent = m_window->findChild<QMenu*>("recentMenu");
        QVERIFY(recent);
        Q_EMIT recent->aboutToShow();
        QCOMPARE(recent->actions().size(), 1);
        QCOMPARE(recent->actions().first()->text(), QString("campus.clab.yml"));
        QSignalSpy opened(m_window.get(), &ui::MainWindow::openRequested);
        recent->actions().first()->trigger();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), lab);
    }

    void actionsThatNeedALabAreDisabledWithoutOne() {
        const QStringList needLab{"publishDeclaredAction", "stopAllAction",      "shareUntilAction",
                                  "addPortAction",         "presentationAction", "exportShareSheetAction"};
        auto enabled = [this](const QString& name) {
            auto* a = m_window->findChild<QAction*>(name);
            return a && a->isEnabled();
        };
        for (const QString& name : needLab)
            QVERIFY2(!enabled(name), qPrintable(name));
        QVERIFY(enabled("openAction"));
        m_window->showLab("classroom", "classroom.clab.yml");
        for (const QString& name : needLab)
            QVERIFY2(enabled(name), qPrintable(name));
        m_window->showEmptyState({});
        for (const QString& name : needLab)
            QVERIFY2(!enabled(name), qPrintable(name));
    }

    void toolbarActionsHaveIconsAndText() {
        auto* bar = m_window->findChild<QToolBar*>("mainToolBar");
        QVERIFY(bar);
        QCOMPARE(bar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
        for (const char* name : {"openAction", "publishDeclaredAction", "stopAllAction", "shareUntilAction",
                                 "addPortAction", "presentationAction", "exportShareSheetAction"}) {
            auto* a = m_window->findChild<QAction*>(QLatin1String(name));
            QVERIFY2(a && !a->icon().isNull() && !a->text().isEmpty(), name);
            QVERIFY2(bar->actions().contains(a), name);
        }
    }

    void aboutNamesVersionLicenceAndLink() {
        m_window->show();
        m_window->findChild<QAction*>("aboutAction")->trigger(); // returns: no nested event loop
        auto* box = m_window->findChild<QMessageBox*>("aboutMessageBox");
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(LABSHARE_VERSION), qPrintable(box->text()));
        QVERIFY(box->text().contains("GPL-3.0-or-later"));
        QVERIFY(box->text().contains("<a href=\"https://"));
        box->close();
    }

    void ctrlCOnAShareRowCopiesItsCommand() {
        m_window->showLab(QStringLiteral("classroom"), QStringLiteral("classroom.clab.yml"));
        m_shares->setRows({upRow()});
        QTableView* table = m_window->sharesView()->table();
        table->setCurrentIndex(table->model()->index(0, 0));
        QApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ssh -p 40123 admin@relay.example.org"));
    }

    void addPortNamesTheNodeAndKeepsARefusedText() {
        m_topology->setTopology(loadLab(kClassroom));
        m_window->showLab("classroom", "classroom.clab.yml");
        m_window->show();
        QTreeView* tree = m_window->topologyView();
        tree->setCurrentIndex(m_topology->nodeIndex("client1"));
        m_window->findChild<QAction*>("addPortAction")->trigger();
        auto* dialog = m_window->findChild<ui::AddPortDialog*>("addPortDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal); // open(), not exec()
        QVERIFY(dialog->windowTitle().contains("client1"));
        QVERIFY(dialog->findChild<QLabel*>("addPortLabel")->text().contains("client1"));
        auto* edit = dialog->findChild<QLineEdit*>("addPortLineEdit");
        auto* problem = dialog->findChild<QLabel*>("addPortProblemLabel");
        auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QTest::keyClicks(edit, "tcp/80800");
        QVERIFY(problem->isVisible());
        QVERIFY2(!problem->text().isEmpty(), "the reason is shown as the user types");
        QVERIFY(!ok->isEnabled());
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QCOMPARE(edit->text(), QString("tcp/80800")); // kept, to be corrected
        QTest::keyClick(edit, Qt::Key_Backspace);
        QVERIFY(!problem->isVisible());
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());
        const QList<topology::PublishSpec> added = m_topology->userPorts("client1");
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().port, quint16(8080));
    }

    void addPortRefusesAPortTheNodeAlreadyOffers() {
        m_topology->setTopology(loadLab(kClassroom));
        m_window->showLab("classroom", "classroom.clab.yml");
        m_window->topologyView()->setCurrentIndex(m_topology->portIndex("clab-leaf1-tcp-22"));
        m_window->findChild<QAction*>("addPortAction")->trigger();
        auto* dialog = m_window->findChild<ui::AddPortDialog*>("addPortDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->node(), QString("leaf1")); // a port row's node
        QTest::keyClicks(dialog->findChild<QLineEdit*>("addPortLineEdit"), "tcp/22");
        QVERIFY2(dialog->findChild<QLabel*>("addPortProblemLabel")->text().contains("already"),
                 qPrintable(dialog->findChild<QLabel*>("addPortProblemLabel")->text()));
        QVERIFY(!dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    void openDialogStartsInTheLabsFolder() {
        QTemporaryDir dir;
        const QString labFile = dir.filePath("here.clab.yml");
        QVERIFY(QFile::copy(kClassroom, labFile));
        const QString other = dir.filePath("other.clab.yml");
        QVERIFY(QFile::copy(kClassroom, other));
        m_topology->setTopology(loadLab(labFile));
        m_window->showLab("classroom", "here.clab.yml");
        m_window->show();
        m_window->findChild<QAction*>("openAction")->trigger();
        auto* dialog = visibleChild<QFileDialog>(m_window.get(), "openFileDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(dir.path()).canonicalPath());
        QSignalSpy opened(m_window.get(), &ui::MainWindow::openRequested);
        dialog->selectFile(other);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept() is protected
        QCOMPARE(opened.count(), 1);
        QCOMPARE(QFileInfo(opened.at(0).at(0).toString()).canonicalFilePath(), QFileInfo(other).canonicalFilePath());
    }

    void shareSheetIsPreviewedWithCopyAndSave() {
        QTemporaryDir dir;
        const QString labFile = dir.filePath("here.clab.yml");
        QVERIFY(QFile::copy(kClassroom, labFile));
        m_topology->setTopology(loadLab(labFile));
        m_window->showLab("classroom", "here.clab.yml");
        m_window->show();
        QSignalSpy asked(m_window.get(), &ui::MainWindow::shareSheetRequested);
        m_window->findChild<QAction*>("exportShareSheetAction")->trigger();
        QCOMPARE(asked.count(), 1);
        const QString html = "<h1>classroom</h1><p><code>ssh -p 40123 admin@relay.example.org</code></p>";
        const QString markdown = "# classroom\n\n`ssh -p 40123 admin@relay.example.org`\n";
        m_window->showShareSheet(html, markdown);
        auto* preview = m_window->findChild<ui::ShareSheetDialog*>("shareSheetDialog");
        QVERIFY(preview);
        QTRY_VERIFY(preview->isVisible());
        auto* browser = preview->findChild<QTextBrowser*>("shareSheetTextBrowser");
        QVERIFY(browser->isReadOnly());
        QVERIFY(browser->toPlainText().contains("ssh -p 40123 admin@relay.example.org"));

        QApplication::clipboard()->clear();
        QTest::mouseClick(preview->findChild<QPushButton*>("copySheetPushButton"), Qt::LeftButton);
        const QMimeData* copied = QApplication::clipboard()->mimeData();
        QVERIFY(copied && copied->hasHtml());
        QVERIFY(copied->html().contains("<h1>classroom</h1>"));
        QCOMPARE(copied->text(), markdown);

        QTest::mouseClick(preview->findChild<QPushButton*>("saveSheetPushButton"), Qt::LeftButton);
        auto* save = visibleChild<QFileDialog>(preview, "saveSheetFileDialog");
        QVERIFY(save);
        QCOMPARE(save->acceptMode(), QFileDialog::AcceptSave);
        QCOMPARE(save->nameFilters().size(), 2);
        QVERIFY(save->nameFilters().at(1).contains("*.md"));
        QCOMPARE(QDir(save->directory()).canonicalPath(), QDir(dir.path()).canonicalPath());
        QSignalSpy saved(m_window.get(), &ui::MainWindow::exportShareSheetRequested);
        save->selectFile(dir.filePath("sheet.md"));
        static_cast<QDialog*>(save)->accept();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(QFileInfo(saved.at(0).at(0).toString()).fileName(), QString("sheet.md"));
    }

    // The instructor's laptop on a projector: 1366×768, the sample lab open, every port shared.
    void fitsA1366x768Screen() {
        m_topology->setTopology(loadLab(kClassroom));
        m_window->showLab("classroom", "classroom.clab.yml");
        m_window->accountButton()->setText("Alice Example ▾");
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Shares come up once the window is there (before it has run its event loop, Qt 6.4's table
        // header counts rows inserted in the same turn twice).
        m_shares->setRows(rowsFor(*m_topology, 8));
        QCOMPARE(m_window->size(), QSize(1366, 768));
        QCoreApplication::processEvents(); // the shares pane fits its rows once laid out
        const QString shots = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            m_window->grab().save(shots + "/mainwindow-1366x768.png");
        QToolButton* account = m_window->accountButton();
        QVERIFY(account->isVisible());
        const QRect where(account->mapTo(m_window.get(), QPoint(0, 0)), account->size());
        QVERIFY2(m_window->rect().contains(where), "the account button is on screen");
        auto* bar = m_window->findChild<QToolBar*>("mainToolBar");
        for (QAction* a : bar->actions())
            if (QWidget* w = bar->widgetForAction(a))
                QVERIFY2(w->isVisible(), qPrintable("not in an overflow menu: " + a->objectName() + a->text()));
        // Every share is in view: the table needs no scrolling.
        QTableView* table = m_window->sharesView()->table();
        QCOMPARE(table->model()->rowCount(), 8);
        QVERIFY2(!table->verticalScrollBar()->isVisible(), "the shares pane takes the space it needs");
    }

private:
    std::unique_ptr<ui::TopologyModel> m_topology;
    std::unique_ptr<ui::SharesModel> m_shares;
    std::unique_ptr<ui::ConnectionsModel> m_connections;
    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
