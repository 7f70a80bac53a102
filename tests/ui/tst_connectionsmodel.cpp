// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "widgets/ConnectionsPane.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFileDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace labshare;
using labshare::tunnel::ConnectionEnd;
using labshare::tunnel::ConnectionRecord;
using labshare::ui::ConnectionsModel;

namespace {

// Local noon on a fixed day: "today" in these tests.
const qint64 kNow = QDateTime(QDate(2026, 3, 2), QTime(12, 0)).toMSecsSinceEpoch();

ConnectionRecord opened(const QString& share, const QString& address, quint16 port, qint64 startedMs = kNow - 60'000) {
    ConnectionRecord r;
    r.id = ConnectionRecord::nextId();
    r.share = share;
    r.peerAddress = address;
    r.peerPort = port;
    r.startedMs = startedMs;
    return r;
}

ConnectionRecord ended(ConnectionRecord r, ConnectionEnd how, quint64 toNode, quint64 fromNode) {
    r.end = how;
    r.endedMs = kNow;
    r.bytesToNode = toNode;
    r.bytesFromNode = fromNode;
    return r;
}

} // namespace

class TestConnectionsModel : public QObject {
    Q_OBJECT

    std::unique_ptr<ConnectionsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_now = kNow;

    QString cell(int row, int column) const { return m_model->index(row, column).data().toString(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() {
        m_now = kNow;
        m_model = std::make_unique<ConnectionsModel>(nullptr, 4);
        m_model->setClock([this] { return m_now; });
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup() {
        m_tester.reset();
        m_model.reset();
    }

    void aConnectionOpensThenEndsInPlace() {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const ConnectionRecord r = opened("clab-r1-tcp-22", "127.0.0.7", 40001);
        m_model->record(r);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(cell(0, ConnectionsModel::ShareColumn), QStringLiteral("clab-r1-tcp-22"));
        QCOMPARE(cell(0, ConnectionsModel::PeerColumn), QStringLiteral("127.0.0.7:40001"));
        QCOMPARE(cell(0, ConnectionsModel::IdentityColumn), QStringLiteral("—"));
        QCOMPARE(cell(0, ConnectionsModel::DurationColumn), QStringLiteral("1m 00s"));
        QCOMPARE(cell(0, ConnectionsModel::ToNodeColumn), QStringLiteral("—"));
        QCOMPARE(cell(0, ConnectionsModel::EndColumn), QStringLiteral("open"));

        m_now += 5000; // the duration of an open connection moves on at each refresh
        m_model->refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, ConnectionsModel::DurationColumn));
        QCOMPARE(cell(0, ConnectionsModel::DurationColumn), QStringLiteral("1m 05s"));

        changed.clear();
        m_model->record(ended(r, ConnectionEnd::Node, 1200, 34000));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(0, ConnectionsModel::DurationColumn), QStringLiteral("1m 00s"));
        QCOMPARE(cell(0, ConnectionsModel::ToNodeColumn), QStringLiteral("1.2 kB"));
        QCOMPARE(cell(0, ConnectionsModel::FromNodeColumn), QStringLiteral("34 kB"));
        QCOMPARE(cell(0, ConnectionsModel::EndColumn), QStringLiteral("closed by the node"));
        QCOMPARE(m_model->index(0, 0).data(ConnectionsModel::RecordRole).value<ConnectionRecord>().bytesFromNode,
                 34000u);
        changed.clear();
        m_model->refresh(); // nothing open: nothing to announce
        QCOMPARE(changed.size(), 0);
    }

    void theOldestGoPastTheCapacity() {
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy shares(m_model.get(), &ConnectionsModel::sharesChanged);
        m_model->record(ended(opened("a", "10.0.0.1", 1), ConnectionEnd::Student, 0, 0));
        for (int i = 2; i <= 5; ++i)
            m_model->record(ended(opened("b", QStringLiteral("10.0.0.%1").arg(i), 1), ConnectionEnd::Student, 0, 0));
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(cell(0, ConnectionsModel::PeerColumn), QStringLiteral("10.0.0.2:1"));
        QCOMPARE(m_model->shares(), QStringList{"b"}); // a's only row went
        QCOMPARE(shares.size(), 3);                    // a came, b came, a went
    }

    void countsDistinctStudentsToday() {
        QSignalSpy today(m_model.get(), &ConnectionsModel::studentsTodayChanged);
        ConnectionRecord bob = opened("a", "10.0.0.2", 1);
        bob.identity = "bob@example.test";
        m_model->record(bob);
        QCOMPARE(m_model->studentsToday("a"), 1);
        QCOMPARE(today.size(), 1);
        QCOMPARE(today.at(0).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(today.at(0).at(1).toInt(), 1);
        ConnectionRecord bobAgain = opened("a", "10.0.0.3", 2);
        bobAgain.identity = "bob@example.test";
        m_model->record(bobAgain); // the same student from another address
        m_model->record(ended(opened("a", "10.0.0.9", 3), ConnectionEnd::Refused, 0, 0)); // turned away
        QCOMPARE(m_model->studentsToday("a"), 1);
        QCOMPARE(today.size(), 1);
        m_model->record(opened("a", "10.0.0.4", 4));
        QCOMPARE(m_model->studentsToday("a"), 2);
        m_model->record(opened("b", "10.0.0.4", 5, kNow - 86'400'000)); // yesterday
        QCOMPARE(m_model->studentsToday("b"), 0);

        today.clear();
        m_now += 12 * 3600 * 1000; // past midnight: a new day
        m_model->refresh();
        QCOMPARE(m_model->studentsToday("a"), 0);
        QCOMPARE(today.size(), 1);
        QCOMPARE(today.at(0).at(1).toInt(), 0);
    }

    void resetAndClear() {
        m_model->record(opened("a", "10.0.0.1", 1));
        QSignalSpy today(m_model.get(), &ConnectionsModel::studentsTodayChanged);
        m_model->reset({ended(opened("c", "10.0.0.5", 1), ConnectionEnd::Student, 1, 2)});
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->shares(), QStringList{"c"});
        QCOMPARE(m_model->studentsToday("a"), 0);
        QCOMPARE(m_model->studentsToday("c"), 1);
        QCOMPARE(today.size(), 2);
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->studentsToday("c"), 0);
    }

    void thePaneSortsFiltersAndExportsWhatItShows() {
        ConnectionsModel model;
        model.setClock([] { return kNow; });
        ui::ConnectionsPane pane(model);
        model.record(ended(opened("clab-r1-tcp-22", "10.0.0.1", 1, kNow - 3000), ConnectionEnd::Student, 10, 99));
        model.record(ended(opened("clab-r1-tcp-2222", "10.0.0.2", 2, kNow - 2000), ConnectionEnd::Node, 30, 5));
        model.record(ended(opened("clab-r1-tcp-22", "10.0.0.3", 3, kNow - 1000), ConnectionEnd::Node, 20, 7));
        auto* combo = pane.findChild<QComboBox*>("shareFilterComboBox");
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3); // all, and each share
        // Newest first at the start.
        QCOMPARE(pane.shownRecords().first().peerAddress, QStringLiteral("10.0.0.3"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("clab-r1-tcp-22")));
        QCOMPARE(pane.shownRecords().size(), 2); // not clab-r1-tcp-2222
        pane.tableView()->sortByColumn(ConnectionsModel::ToNodeColumn, Qt::AscendingOrder);
        const QList<ConnectionRecord> shown = pane.shownRecords();
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown.at(0).bytesToNode, 10u); // by bytes, not by their text
        QCOMPARE(shown.at(1).bytesToNode, 20u);
        pane.setShareFilter({});
        QCOMPARE(pane.shownRecords().size(), 3);

        QSignalSpy cleared(&pane, &ui::ConnectionsPane::clearRequested);
        pane.findChild<QPushButton*>("clearConnectionsPushButton")->click();
        QCOMPARE(cleared.size(), 1);
        // Export opens a file dialog that does not block; choosing a file asks for the export.
        QSignalSpy exported(&pane, &ui::ConnectionsPane::exportRequested);
        pane.findChild<QPushButton*>("exportCsvPushButton")->click();
        auto* dialog = pane.findChild<QFileDialog*>("exportCsvFileDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        Q_EMIT dialog->fileSelected(QStringLiteral("/tmp/x.csv"));
        QCOMPARE(exported.size(), 1);
        dialog->close();
    }

    void theSharesTableShowsTheCount() {
        ui::SharesModel shares;
        QAbstractItemModelTester tester(&shares, QAbstractItemModelTester::FailureReportingMode::QtTest);
        share::ShareRow row;
        row.name = "a";
        row.health.name = "a";
        shares.updateRow(row);
        QCOMPARE(shares.index(0, ui::SharesModel::StudentsColumn).data().toString(), QStringLiteral("0"));
        QSignalSpy changed(&shares, &QAbstractItemModel::dataChanged);
        connect(m_model.get(), &ConnectionsModel::studentsTodayChanged, &shares, &ui::SharesModel::setStudentsToday);
        m_model->record(opened("a", "10.0.0.1", 1));
        QCOMPARE(shares.index(0, ui::SharesModel::StudentsColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), shares.index(0, ui::SharesModel::StudentsColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), shares.index(0, ui::SharesModel::StudentsColumn));
        m_model->record(opened("b", "10.0.0.1", 1)); // not in the table yet: kept for when it is
        share::ShareRow later;
        later.name = "b";
        later.health.name = "b";
        shares.updateRow(later);
        QCOMPARE(shares.index(1, ui::SharesModel::StudentsColumn).data().toString(), QStringLiteral("1"));
    }
};

QTEST_MAIN(TestConnectionsModel)
#include "tst_connectionsmodel.moc"
