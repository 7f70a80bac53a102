// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabshareRun.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace labshare::clitest;

namespace {

const QByteArray kClassroom = R"(name: classroom
topology:
  kinds:
    nokia_srlinux:
      image: ghcr.io/nokia/srlinux:24.10
      labels:
        labshare.publish: "tls/57400/instructor@example.edu,example.edu"
  nodes:
    leaf1:
      kind: nokia_srlinux
      mgmt-ipv4: 172.31.0.11
)";

} // namespace

class TestInspectCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void printsVersionWithoutADisplay();
    void printsHelpWithoutADisplay();
    void printsTheDocumentedJson();
    void exitsTwoOnErrorsAndStillPrints();
    void exitsOneWhenTheFileCannotBeRead();
    void printsAHumanTable();
    void printsOutsideTextEscaped();
    void refusesBadUsage_data();
    void refusesBadUsage();
    void fitsEightyColumns_data();
    void fitsEightyColumns();

private:
    QString write(const QString& name, const QByteArray& content) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

    QTemporaryDir m_dir;
};

void TestInspectCli::printsVersionWithoutADisplay() {
    const Run r = runLabshare({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QByteArray("labshare " LABSHARE_VERSION));
}

void TestInspectCli::printsHelpWithoutADisplay() {
    const Run r = runLabshare({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("labshare inspect FILE [--json]"));
}

void TestInspectCli::printsTheDocumentedJson() {
    write(QStringLiteral("classroom.clab.yml"), kClassroom);
    const Run r = runLabshare(
        {QStringLiteral("inspect"), QStringLiteral("classroom.clab.yml"), QStringLiteral("--json")}, m_dir.path());
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root.value(QLatin1String("name")).toString(), QStringLiteral("classroom"));
    QCOMPARE(root.value(QLatin1String("file")).toString(), QStringLiteral("classroom.clab.yml"));
    QVERIFY(root.value(QLatin1String("problems")).isArray());
    QCOMPARE(root.value(QLatin1String("problems")).toArray().size(), 0);
    const QJsonArray nodes = root.value(QLatin1String("nodes")).toArray();
    QCOMPARE(nodes.size(), 1);
    const QJsonObject leaf1 = nodes.at(0).toObject();
    const QJsonObject expectedNode{{"name", "leaf1"},
                                   {"kind", "nokia_srlinux"},
                                   {"image", "ghcr.io/nokia/srlinux:24.10"},
                                   {"group", ""},
                                   {"container", "clab-classroom-leaf1"},
                                   {"mgmt_ipv4", "172.31.0.11"},
                                   {"mgmt_ipv6", ""},
                                   {"address_source", "static"}};
    for (auto it = expectedNode.constBegin(); it != expectedNode.constEnd(); ++it)
        QCOMPARE(leaf1.value(it.key()), it.value());
    const QJsonArray publish = leaf1.value(QLatin1String("publish")).toArray();
    QCOMPARE(publish.size(), 1);
    const QJsonObject entry = publish.at(0).toObject();
    QCOMPARE(entry.value(QLatin1String("type")).toString(), QStringLiteral("tls"));
    QCOMPARE(entry.value(QLatin1String("port")).toInt(), 57400);
    QCOMPARE(entry.value(QLatin1String("allow")).toArray(),
             (QJsonArray{QStringLiteral("instructor@example.edu"), QStringLiteral("example.edu")}));
    QCOMPARE(entry.value(QLatin1String("from")).toString(), QStringLiteral("label"));
    QCOMPARE(entry.value(QLatin1String("name")).toString(), QStringLiteral("clab-leaf1-tls-57400"));
}

void TestInspectCli::exitsTwoOnErrorsAndStillPrints() {
    const QString path = write(QStringLiteral("bad.clab.yml"), "name: bad\n"
                                                               "topology:\n"
                                                               "  nodes:\n"
                                                               "    r1: {kind: linux, publish: [udp/53, tcp/22]}\n");
    const Run r = runLabshare({QStringLiteral("inspect"), path, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    const QJsonArray problems = root.value(QLatin1String("problems")).toArray();
    bool found = false;
    for (const QJsonValue& v : problems) {
        const QJsonObject p = v.toObject();
        if (p.value(QLatin1String("severity")).toString() == QLatin1String("error")) {
            QCOMPARE(p.value(QLatin1String("line")).toInt(), 4);
            QCOMPARE(p.value(QLatin1String("column")).toInt(), 33);
            QVERIFY(p.value(QLatin1String("message")).toString().contains(QStringLiteral("udp")));
            found = true;
        }
    }
    QVERIFY(found);
    // The rest of the lab is still there.
    QCOMPARE(
        root.value(QLatin1String("nodes")).toArray().at(0).toObject().value(QLatin1String("publish")).toArray().size(),
        1);
}

void TestInspectCli::exitsOneWhenTheFileCannotBeRead() {
    const Run r = runLabshare({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("missing.clab.yml"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("missing.clab.yml"));
    QVERIFY(r.out.isEmpty());
}

// Node names, kinds and publish entries carrying terminal controls (clear screen, window title, bell, a
// C1 CSI, a right-to-left override), and the problems that quote them: the table and the JSON show them
// escaped, and the JSON still reads back as the very same names.
void TestInspectCli::printsOutsideTextEscaped() {
    write(QStringLiteral("hostile.clab.yml"), "name: hostile\n"
                                              "topology:\n"
                                              "  nodes:\n"
                                              "    \"r1\\e[2J\\e]0;owned\\a\\x9b31m\\u202e\":\n"
                                              "      kind: linux\n"
                                              "      mgmt-ipv4: 172.31.0.11\n"
                                              "      labels:\n"
                                              "        labshare.publish: \"tcp/22 tcp/99\\e[31m\"\n");
    const auto hasControls = [](const QByteArray& bytes) {
        for (const QChar c : QString::fromUtf8(bytes)) {
            const char16_t u = c.unicode();
            if ((u < 0x20 && u != '\n') || (u >= 0x7f && u <= 0x9f) || u == 0x202e)
                return true;
        }
        return false;
    };
    const Run table = runLabshare({QStringLiteral("inspect"), QStringLiteral("hostile.clab.yml")}, m_dir.path());
    QCOMPARE(table.exitCode, 2); // tcp/99<ESC>[31m is not an entry
    QVERIFY2(!hasControls(table.out) && !hasControls(table.err), QByteArray(table.out + table.err).constData());
    QVERIFY2(table.out.contains("r1\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\u202e"), table.out.constData());
    QVERIFY2(QByteArray(table.out + table.err).contains("99\\x1b[31m"), QByteArray(table.out + table.err).constData());

    const Run json = runLabshare(
        {QStringLiteral("inspect"), QStringLiteral("hostile.clab.yml"), QStringLiteral("--json")}, m_dir.path());
    QCOMPARE(json.exitCode, 2);
    QVERIFY2(!hasControls(json.out) && !hasControls(json.err), QByteArray(json.out + json.err).constData());
    // A JSON reader gets the name back exactly.
    const std::function<bool(const QJsonValue&)> holdsName = [&holdsName](const QJsonValue& value) {
        if (value.isString())
            return value.toString() == QStringView(u"r1\x1b[2J\x1b]0;owned\x07\u009b31m\u202e").toString();
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            return std::any_of(array.begin(), array.end(), holdsName);
        }
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            return std::any_of(object.constBegin(), object.constEnd(), holdsName);
        }
        return false;
    };
    QVERIFY2(holdsName(QJsonDocument::fromJson(json.out).object()), json.out.constData());
}

void TestInspectCli::printsAHumanTable() {
    const QString path = write(QStringLiteral("table.clab.yml"), "name: table\n"
                                                                 "topology:\n"
                                                                 "  nodes:\n"
                                                                 "    r1: {kind: srl, publish: [tcp/22, tcp/0]}\n");
    const Run r = runLabshare({QStringLiteral("inspect"), path});
    QCOMPARE(r.exitCode, 2);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("NODE")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("nokia_srlinux")));
    QVERIFY(out.contains(QStringLiteral("clab-r1-tcp-22")));
    QVERIFY2(out.contains(path + QStringLiteral(":4:39: error: port 0")), qPrintable(out));
}

void TestInspectCli::refusesBadUsage_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no file") << QStringList{"inspect"};
    QTest::newRow("unknown option") << QStringList{"inspect", "x.clab.yml", "--frobnicate"};
    QTest::newRow("two files") << QStringList{"inspect", "a.clab.yml", "b.clab.yml"};
}

void TestInspectCli::refusesBadUsage() {
    QFETCH(QStringList, args);
    const Run r = runLabshare(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("Usage:"));
}

void TestInspectCli::fitsEightyColumns_data() {
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("file");
    QTest::newRow("sample classroom") << QStringLiteral(LABSHARE_SOURCE_DIR)
                                      << QStringLiteral("resources/samples/classroom.clab.yml");
    const QDir data(QStringLiteral(LABSHARE_TEST_DATA "/topologies"));
    QDirIterator it(data.path(), {QStringLiteral("*.yml"), QStringLiteral("*.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << data.relativeFilePath(it.next());
    files.sort();
    QVERIFY(files.size() > 50);
    for (const QString& f : std::as_const(files))
        QTest::newRow(qPrintable(f)) << data.path() << f;
}

// Every line fits an 80-column terminal, and everything --json says about nodes, publish entries and
// problems is still in the table.
void TestInspectCli::fitsEightyColumns() {
    QFETCH(QString, dir);
    QFETCH(QString, file);
    const Run table = runLabshare({QStringLiteral("inspect"), file}, dir);
    const Run json = runLabshare({QStringLiteral("inspect"), file, QStringLiteral("--json")}, dir);
    QVERIFY2(table.exitCode == 0 || table.exitCode == 2, table.err.constData());
    const QString text = QString::fromUtf8(table.out);
    for (const QString& line : text.split(QLatin1Char('\n')))
        QVERIFY2(line.size() <= 80, qPrintable(QString::number(line.size()) + QStringLiteral(": ") + line));

    // The table's words, without the punctuation around them.
    QSet<QString> words;
    for (QString word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        while (!word.isEmpty() && QStringLiteral(",:()").contains(word.back()))
            word.chop(1);
        while (!word.isEmpty() && word.front() == QLatin1Char('('))
            word.remove(0, 1);
        words << word;
    }
    const QJsonObject root = QJsonDocument::fromJson(json.out).object();
    const auto expect = [&](const QString& word, const QString& what) {
        if (!word.isEmpty())
            QVERIFY2(words.contains(word),
                     qPrintable(what + QStringLiteral(" '") + word + QStringLiteral("' is missing:\n") + text));
    };
    for (const QJsonValue& n : root.value(QLatin1String("nodes")).toArray()) {
        const QJsonObject node = n.toObject();
        for (const char* key : {"name", "kind", "mgmt_ipv4", "mgmt_ipv6", "address_source"})
            expect(node.value(QLatin1String(key)).toString(), QString::fromLatin1(key));
        for (const QJsonValue& p : node.value(QLatin1String("publish")).toArray()) {
            const QJsonObject entry = p.toObject();
            expect(entry.value(QLatin1String("name")).toString(), QStringLiteral("share"));
            expect(entry.value(QLatin1String("type")).toString() + QLatin1Char('/') +
                       QString::number(entry.value(QLatin1String("port")).toInt()),
                   QStringLiteral("publish"));
            expect(entry.value(QLatin1String("from")).toString(), QStringLiteral("origin"));
            for (const QJsonValue& a : entry.value(QLatin1String("allow")).toArray())
                expect(a.toString(), QStringLiteral("allowed"));
        }
    }
    // Problems wrap with an indent; their text, spaces aside, is whole.
    const QString flowing = text.simplified();
    for (const QJsonValue& p : root.value(QLatin1String("problems")).toArray()) {
        const QJsonObject problem = p.toObject();
        const QString line = QStringLiteral("%1:%2:%3: %4: %5")
                                 .arg(problem.value(QLatin1String("file")).toString())
                                 .arg(problem.value(QLatin1String("line")).toInt())
                                 .arg(problem.value(QLatin1String("column")).toInt())
                                 .arg(problem.value(QLatin1String("severity")).toString(),
                                      problem.value(QLatin1String("message")).toString())
                                 .simplified();
        QVERIFY2(flowing.contains(line), qPrintable(line + QStringLiteral("\nis missing from\n") + text));
    }
}

QTEST_GUILESS_MAIN(TestInspectCli)
#include "tst_inspectcli.moc"
