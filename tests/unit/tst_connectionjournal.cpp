// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ConnectionJournal.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare::share;
using labshare::tunnel::ConnectionEnd;
using labshare::tunnel::ConnectionRecord;

class TestConnectionJournal : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static ConnectionRecord ended(int n, ConnectionEnd end = ConnectionEnd::Node) {
        ConnectionRecord r;
        r.share = QStringLiteral("clab-r1-tcp-22");
        r.peerAddress = QStringLiteral("127.0.0.7");
        r.peerPort = quint16(40000 + n);
        r.startedMs = 1'700'000'000'000 + n * 1000;
        r.endedMs = r.startedMs + 250;
        r.bytesToNode = quint64(n);
        r.end = end;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void writesOneLinePerEndedConnection() {
        ConnectionJournal journal(m_dir.filePath("a/lab.jsonl"));
        ConnectionRecord open = ended(1, ConnectionEnd::Open);
        QVERIFY(journal.append(open)); // not written: its end will be
        QVERIFY(journal.append(ended(1)));
        QVERIFY(journal.append(ended(2, ConnectionEnd::Refused)));
        QFile f(journal.file());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 3); // two and the empty rest after the last newline
        QVERIFY(lines.last().isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first.value("peer").toString(), QStringLiteral("127.0.0.7:40001"));
        QCOMPARE(first.value("ended_by").toString(), QStringLiteral("node"));
        const QList<ConnectionRecord> back = journal.read();
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(1).end, ConnectionEnd::Refused);
        QCOMPARE(journal.read(ended(2).startedMs).size(), 1);
    }

    void rotatesAtTheCap() {
        const qint64 line = QJsonDocument(ended(1).toJson()).toJson(QJsonDocument::Compact).size() + 1;
        ConnectionJournal journal(m_dir.filePath("b/lab.jsonl"), 3 * line);
        for (int i = 1; i <= 7; ++i)
            QVERIFY(journal.append(ended(i)));
        // 1-3 then 4-6 filled a file each; 4-6 is the rotated one now, and 1-3 is gone.
        QVERIFY(QFile::exists(journal.rotatedFile()));
        QVERIFY(QFileInfo(journal.file()).size() <= 3 * line);
        const QList<ConnectionRecord> back = journal.read();
        QCOMPARE(back.size(), 4);
        QCOMPARE(back.first().bytesToNode, 4u);
        QCOMPARE(back.last().bytesToNode, 7u);
    }

    void aBatchRotatesWhereItCrossesTheCap() {
        const qint64 line = QJsonDocument(ended(1).toJson()).toJson(QJsonDocument::Compact).size() + 1;
        ConnectionJournal journal(m_dir.filePath("e/lab.jsonl"), 3 * line);
        QVERIFY(journal.append(ended(1)));
        QList<ConnectionRecord> batch;
        for (int i = 2; i <= 5; ++i) {
            batch.append(ended(i, ConnectionEnd::Open)); // not written
            batch.append(ended(i));
        }
        QVERIFY(journal.append(batch));
        // 1-3 filled the first file, which is the rotated one now; 4-5 are in the new one.
        QCOMPARE(QFileInfo(journal.rotatedFile()).size(), 3 * line);
        QCOMPARE(QFileInfo(journal.file()).size(), 2 * line);
        const QList<ConnectionRecord> back = journal.read();
        QCOMPARE(back.size(), 5);
        for (int i = 0; i < back.size(); ++i)
            QCOMPARE(back.at(i).bytesToNode, quint64(i + 1));
    }

    void skipsATornLine() {
        ConnectionJournal journal(m_dir.filePath("c/lab.jsonl"));
        QVERIFY(journal.append(ended(1)));
        {
            QFile f(journal.file());
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"share\":\"clab-r1-tc");
        }
        QCOMPARE(journal.read().size(), 1);
    }

    void clearRemovesBothFiles() {
        const qint64 line = QJsonDocument(ended(1).toJson()).toJson(QJsonDocument::Compact).size() + 1;
        ConnectionJournal journal(m_dir.filePath("d/lab.jsonl"), line);
        QVERIFY(journal.append(ended(1)));
        QVERIFY(journal.append(ended(2)));
        QVERIFY(QFile::exists(journal.rotatedFile()));
        journal.clear();
        QVERIFY(!QFile::exists(journal.file()));
        QVERIFY(!QFile::exists(journal.rotatedFile()));
        QVERIFY(journal.read().isEmpty());
        QVERIFY(journal.append(ended(3))); // and it goes on after
        QCOMPARE(journal.read().size(), 1);
    }

    void oneFilePerLab() {
        const QString a = ConnectionJournal::fileFor(m_dir.filePath("labs/one/lab.clab.yml"));
        const QString b = ConnectionJournal::fileFor(m_dir.filePath("labs/two/lab.clab.yml"));
        QVERIFY(a != b);
        QVERIFY(a.contains("/connections/lab.clab-"));
        QVERIFY(a.endsWith(".jsonl"));
        QCOMPARE(ConnectionJournal::fileFor(m_dir.filePath("labs/one/lab.clab.yml")), a);
    }
};

QTEST_GUILESS_MAIN(TestConnectionJournal)
#include "tst_connectionjournal.moc"
