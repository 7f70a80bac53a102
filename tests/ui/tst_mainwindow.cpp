// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "common/LogBuffer.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/ShareCommands.h"
#include "widgets/DropZone.h"
#include "widgets/SharesView.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

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

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() {
        m_topology = std::make_unique<ui::TopologyModel>();
        m_shares = std::make_unique<ui::SharesModel>();
        m_window = std::make_unique<ui::MainWindow>(*m_topology, *m_shares, LogBuffer::install());
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

private:
    std::unique_ptr<ui::TopologyModel> m_topology;
    std::unique_ptr<ui::SharesModel> m_shares;
    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
