// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr/QrPicture.h"

#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using labshare::qr::QrCode;
using labshare::ui::paintQrCode;
using labshare::ui::qrImage;

namespace {

// Whether the 7×7 finder pattern (dark ring, light ring, dark 3×3 core) sits at module (x, y).
bool finderAt(const QrCode& qr, int x0, int y0) {
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (qr.isDark(x0 + x, y0 + y) != (ring || core))
                return false;
        }
    }
    return true;
}

} // namespace

class TestQrCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void picksTheVersionForLevelM_data() {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<int>("version");
        // Capacities at level M (ISO/IEC 18004 table 7): alphanumeric v1 20; bytes v2 26, v3 42, v4 62.
        QTest::newRow("alphanumeric fits version 1") << "HELLO WORLD" << 1;
        QTest::newRow("26 bytes: version 2") << QString(26, 'a') << 2;
        QTest::newRow("27 bytes: version 3") << QString(27, 'a') << 3;
        QTest::newRow("https url, 31 bytes") << "https://relay.example.org:40123" << 3;
        QTest::newRow("ssh url, 42 bytes") << "ssh://admin@relay.example.org:40123/abcdef" << 3;
        QTest::newRow("43 bytes: version 4") << QString(43, 'a') << 4;
    }

    void picksTheVersionForLevelM() {
        QFETCH(QString, payload);
        QFETCH(int, version);
        const QrCode qr = QrCode::encode(payload);
        QVERIFY(!qr.isNull());
        QCOMPARE(qr.version(), version);
        QCOMPARE(qr.size(), 17 + 4 * version);
    }

    void hasFinderPatternsAndTiming() {
        const QrCode qr = QrCode::encode("ssh://admin@relay.example.org:40123");
        const int n = qr.size();
        QVERIFY(finderAt(qr, 0, 0));
        QVERIFY(finderAt(qr, n - 7, 0));
        QVERIFY(finderAt(qr, 0, n - 7));
        QVERIFY(!finderAt(qr, n - 7, n - 7)); // the fourth corner has none
        for (int i = 8; i < n - 8; ++i) {     // timing patterns alternate, starting dark
            QCOMPARE(qr.isDark(i, 6), i % 2 == 0);
            QCOMPARE(qr.isDark(6, i), i % 2 == 0);
        }
        QVERIFY(qr.isDark(8, n - 8)); // the dark module every code has
    }

    void utf8CountsBytes() {
        // 13 characters, 26 bytes in UTF-8: exactly version 2's byte capacity at level M.
        const QString text = QString::fromUtf8("ééééééééééééé");
        QCOMPARE(text.toUtf8().size(), 26);
        QCOMPARE(QrCode::encode(text).version(), 2);
        QCOMPARE(QrCode::encode(text + QString::fromUtf8("é")).version(), 3);
    }

    void rejectsWhatCannotBeEncoded() {
        QVERIFY(QrCode::encode(QString()).isNull());
        QVERIFY(QrCode::encode(QString(3000, 'a')).isNull()); // version 40-M holds 2331 bytes
        QVERIFY(qrImage(QrCode()).isNull());
    }

    void rendersWithAQuietZone() {
        const QrCode qr = QrCode::encode("https://relay.example.org:40123");
        const QImage image = qrImage(qr, 4);
        const int side = (qr.size() + 2 * QrCode::quietZone) * 4;
        QCOMPARE(image.size(), QSize(side, side));
        const int quiet = QrCode::quietZone * 4;
        for (int i = 0; i < side; ++i) {
            for (int q = 0; q < quiet; ++q) {
                QCOMPARE(image.pixel(i, q), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(q, i), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(i, side - 1 - q), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(side - 1 - q, i), qRgb(255, 255, 255));
            }
        }
        // Module (x, y) is the 4×4 block after the quiet zone.
        for (int y = 0; y < qr.size(); ++y)
            for (int x = 0; x < qr.size(); ++x)
                QCOMPARE(image.pixel(quiet + 4 * x + 1, quiet + 4 * y + 2) == qRgb(0, 0, 0), qr.isDark(x, y));
    }

    // Two module rows per line, in half blocks, black on white: what `labshare connect` shows on a terminal.
    void rendersForATerminal() {
        const QrCode code = QrCode::encode(QStringLiteral("https://id.example.org/device?user_code=WDJB-MJHT"));
        const int side = code.size() + 2 * QrCode::quietZone;
        const QStringList lines = code.toTerminalText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), (side + 1) / 2);
        for (int line = 0; line < lines.size(); ++line) {
            QString row = lines.at(line);
            QVERIFY(row.startsWith(QStringLiteral("\x1b[30;47m")) && row.endsWith(QStringLiteral("\x1b[0m")));
            row = row.mid(8, row.size() - 12);
            QCOMPARE(row.size(), side);
            for (int x = 0; x < side; ++x) {
                const bool top = code.isDark(x - QrCode::quietZone, 2 * line - QrCode::quietZone);
                const bool bottom = code.isDark(x - QrCode::quietZone, 2 * line + 1 - QrCode::quietZone);
                const QChar expected = top && bottom ? QChar(0x2588)
                                       : top         ? QChar(0x2580)
                                       : bottom      ? QChar(0x2584)
                                                     : QChar(u' ');
                QCOMPARE(row.at(x), expected);
            }
        }
        QVERIFY(QrCode().toTerminalText().isEmpty());
    }

    void differentPayloadsDifferentCodes() {
        const QImage a = qrImage(QrCode::encode("ssh://admin@relay.example.org:40123"), 2);
        const QImage b = qrImage(QrCode::encode("ssh://admin@relay.example.org:40124"), 2);
        QCOMPARE(a.size(), b.size());
        QVERIFY(a != b);
        QCOMPARE(qrImage(QrCode::encode("ssh://admin@relay.example.org:40123"), 2), a);
    }

    void paintsWholePixelModulesCentred() {
        const QrCode qr = QrCode::encode("https://relay.example.org:40123");
        QImage canvas(400, 300, QImage::Format_RGB32);
        canvas.fill(Qt::darkBlue);
        QPainter p(&canvas);
        const QRectF square = paintQrCode(p, qr, QRectF(0, 0, 400, 300));
        p.end();
        const int modules = qr.size() + 2 * QrCode::quietZone;    // 37
        QCOMPARE(square.width(), qreal(300 / modules * modules)); // 8 px per module
        QCOMPARE(square.height(), square.width());
        QCOMPARE(square.center().x(), 200.0);
        QCOMPARE(canvas.pixel(int(square.left()) + 1, int(square.top()) + 1), qRgb(255, 255, 255));
        QCOMPARE(canvas.pixel(5, 5), QColor(Qt::darkBlue).rgb());
    }

    void decodesBackWhereAScannerIsInstalled() {
        // zbarimg (Debian: zbar-tools) reads the code back: a check that does not trust libqrencode.
        const QString zbar = QStandardPaths::findExecutable("zbarimg");
        if (zbar.isEmpty())
            QSKIP("zbarimg not installed (apt-get install zbar-tools)");
        QTemporaryDir dir;
        const QString payload = QString::fromUtf8("ssh://admin@relay.example.org:40123 — é");
        const QString file = dir.filePath("code.png");
        QVERIFY(qrImage(QrCode::encode(payload), 6).save(file));
        QProcess scan;
        scan.start(zbar, {"--quiet", "--raw", "-Sbinary", file});
        QVERIFY(scan.waitForFinished(20000));
        QCOMPARE(scan.exitCode(), 0);
        QByteArray out = scan.readAllStandardOutput();
        if (out.endsWith('\n'))
            out.chop(1);
        QCOMPARE(QString::fromUtf8(out), payload);
    }
};

QTEST_MAIN(TestQrCode)
#include "tst_qrcode.moc"
