// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LabSettings.h"
#include "share/LabWatcher.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare;

namespace {

bool write(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

// What the watcher reported, in order: (topology name or error, node count, reload).
struct Loads {
    QStringList names;
    QList<int> nodes;
    QList<bool> reloads;
    void connectTo(share::LabWatcher& watcher) {
        QObject::connect(&watcher, &share::LabWatcher::loaded, &watcher,
                         [this](const QString&, const Result<topology::Topology>& t, bool reload) {
                             names << (t ? t->name : t.error().message);
                             nodes << (t ? int(t->nodes.size()) : -1);
                             reloads << reload;
                         });
    }
};

} // namespace

class TestLabWatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsAndReloadsOnChange() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lab.clab.yml"));
        QVERIFY(write(path, "name: one\ntopology:\n  nodes: {r1: {kind: linux}}\n"));
        share::LabWatcher watcher;
        Loads loads;
        loads.connectTo(watcher);
        watcher.load(path);
        watcher.watch(path);
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 1, 5000);
        QCOMPARE(loads.names.at(0), QStringLiteral("one"));
        QCOMPARE(loads.reloads.at(0), false);

        QVERIFY(write(path, "name: two\ntopology:\n  nodes: {r1: {kind: linux}, r2: {kind: linux}}\n"));
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 2, 5000);
        QCOMPARE(loads.nodes.at(1), 2);
        QCOMPARE(loads.reloads.at(1), true);
    }

    void followsSaveByRename() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lab.clab.yml"));
        QVERIFY(write(path, "name: one\ntopology:\n  nodes: {r1: {kind: linux}}\n"));
        share::LabWatcher watcher;
        Loads loads;
        loads.connectTo(watcher);
        watcher.load(path);
        watcher.watch(path);
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 1, 5000);
        const QString temp = dir.filePath(QStringLiteral(".lab.clab.yml.swp"));
        QVERIFY(write(temp, "name: renamed\ntopology:\n  nodes: {r9: {kind: linux}}\n"));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(temp, path));
        QTRY_VERIFY_WITH_TIMEOUT(loads.names.size() >= 2, 5000);
        QCOMPARE(loads.names.last(), QStringLiteral("renamed"));
    }

    void loadingAnotherFileKeepsWatchingTheOpenOne() {
        // Opening a second lab loads it first; the open one stays watched until the new one is accepted.
        QTemporaryDir dir;
        const QString open = dir.filePath(QStringLiteral("open.clab.yml"));
        const QString other = dir.filePath(QStringLiteral("other.clab.yml"));
        QVERIFY(write(open, "name: one\ntopology:\n  nodes: {r1: {kind: linux}}\n"));
        QVERIFY(write(other, "name: [unclosed\n"));
        share::LabWatcher watcher;
        Loads loads;
        loads.connectTo(watcher);
        watcher.load(open);
        watcher.watch(open);
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 1, 5000);
        watcher.load(other);
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 2, 5000);
        QCOMPARE(loads.reloads.at(1), false);
        QCOMPARE(watcher.path(), QFileInfo(open).absoluteFilePath());
        QVERIFY(write(open, "name: two\ntopology:\n  nodes: {r1: {kind: linux}}\n"));
        QTRY_COMPARE_WITH_TIMEOUT(loads.names.size(), 3, 5000);
        QCOMPARE(loads.names.at(2), QStringLiteral("two"));
        QCOMPARE(loads.reloads.at(2), true);
    }

    void settingsAreKeptPerLab() {
        share::LabSettings a(QStringLiteral("/labs/a.clab.yml"));
        share::LabSettings b(QStringLiteral("/labs/b.clab.yml"));
        a.setTicked({QStringLiteral("clab-r1-tcp-22")});
        a.setRelayUrl(QStringLiteral("ssh://me@relay.example.org"));
        a.setAddressOverride(QStringLiteral("r1"), QStringLiteral("192.0.2.1"));
        QCOMPARE(share::LabSettings(QStringLiteral("/labs/a.clab.yml")).ticked(), QStringList{"clab-r1-tcp-22"});
        QCOMPARE(share::LabSettings(QStringLiteral("/labs/a.clab.yml")).relayUrl(),
                 QStringLiteral("ssh://me@relay.example.org"));
        QCOMPARE(a.addressOverrides().value(QStringLiteral("r1")), QStringLiteral("192.0.2.1"));
        QVERIFY(b.ticked().isEmpty());
        QVERIFY(!b.autoPublish());
        share::LabSettings::addRecentFile(QStringLiteral("/labs/a.clab.yml"));
        share::LabSettings::addRecentFile(QStringLiteral("/labs/b.clab.yml"));
        share::LabSettings::addRecentFile(QStringLiteral("/labs/a.clab.yml"));
        QCOMPARE(share::LabSettings::recentFiles().mid(0, 2), (QStringList{"/labs/a.clab.yml", "/labs/b.clab.yml"}));
    }
};

QTEST_GUILESS_MAIN(TestLabWatcher)
#include "tst_labwatcher.moc"
