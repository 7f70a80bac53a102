// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/TerminalText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace labshare;

class TestTerminalText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapesWhatActsOnATerminal_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << "leaf1 ok: ä ✓"
                               << "leaf1 ok: ä ✓";
        QTest::newRow("CSI colour") << "r1\x1b[31mred"
                                    << "r1\\x1b[31mred";
        QTest::newRow("clear screen") << "\x1b[2J\x1b[H"
                                      << "\\x1b[2J\\x1b[H";
        QTest::newRow("window title (OSC, BEL)") << "\x1b]0;owned\x07"
                                                 << "\\x1b]0;owned\\x07";
        QTest::newRow("carriage return") << "ok\rfake"
                                         << "ok\\x0dfake";
        QTest::newRow("backspace, tab, NUL") << QString::fromLatin1("a\bb\tc\0d", 7) << "a\\x08b\\x09c\\x00d";
        QTest::newRow("DEL") << "a\x7f"
                             << "a\\x7f";
        QTest::newRow("C1 CSI") << QStringView(u"a\u009b31mb").toString() << "a\\x9b31mb";
        QTest::newRow("C1 OSC") << QStringView(u"\u009d0;t\u009c").toString() << "\\x9d0;t\\x9c";
        QTest::newRow("right-to-left override") << QStringView(u"node\u202Etxt.exe").toString() << "node\\u202etxt.exe";
        QTest::newRow("isolates and marks")
            << QStringView(u"\u2066a\u2069\u200f\u061c").toString() << "\\u2066a\\u2069\\u200f\\u061c";
        QTest::newRow("line separator") << QStringView(u"a\u2028b").toString() << "a\\u2028b";
        QTest::newRow("newline") << "a\nb"
                                 << "a\\x0ab";
    }
    void escapesWhatActsOnATerminal() {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(escapeForTerminal(text), shown);
    }

    void keepsLineBreaksWhenAsked() {
        QCOMPARE(escapeForTerminal("a\nb\x1b[J\r\n", LineBreaks::Keep), QString("a\nb\\x1b[J\\x0d\n"));
    }

    // JSON output keeps its data: a JSON reader gets the very same text back.
    void jsonStaysTheSameDataWithoutRawControls() {
        const QString name = QStringView(u"r1\x1b[31m\u009b\u202E").toString();
        const QString json =
            QString::fromUtf8(QJsonDocument(QJsonObject{{"node", name}}).toJson(QJsonDocument::Compact));
        const QString safe = escapeJsonForTerminal(json);
        for (const QChar c : safe)
            QVERIFY2(c.unicode() >= 0x20 && !(c.unicode() >= 0x7f && c.unicode() <= 0x9f) && c.unicode() != 0x202e,
                     qPrintable(safe));
        QCOMPARE(QJsonDocument::fromJson(safe.toUtf8()).object().value("node").toString(), name);
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
