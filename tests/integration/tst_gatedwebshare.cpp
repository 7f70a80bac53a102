// SPDX-License-Identifier: GPL-3.0-or-later
// A web share for named people, end to end with real parts: the real `labshare up` on the LAN relay
// (127.0.0.1) with the gate, a web node standing in for Grafana, the OpenID provider fixture signing
// students in (BrowserUser approving on "their phone"), and the student's real browser (headless
// chromium) on the share's own address. The browser gets LabShare's sign-in page, then, once the
// student approved, the node's page, and the node never sees LabShare's cookie. A client without
// JavaScript (Qt's HTTP client with a cookie jar, like curl -c/-b) gets through the same way, and
// someone signed in but not on the list is told who they are signed in as.
#include "BrowserUser.h"
#include "Chromium.h"
#include "GateSignInPage.h"
#include "HttpNode.h"
#include "LabDir.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
#include "Wait.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QTextDocumentFragment>

using namespace labshare;
using namespace labshare::testsupport;

class TestGatedWebShare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
        QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.1"))), qPrintable(m_node.errorString()));
        m_share = LabDir::shareName("grafana", "http", m_node.port());
        QVERIFY2(m_lab.write({{"grafana", "127.0.0.1", QString("http/%1/alice@example.org").arg(m_node.port())}}),
                 qPrintable(m_lab.errorString()));
        QVERIFY2(m_up.start(m_lab.topologyFile(), "lan://127.0.0.1",
                            {"--issuer", m_provider.issuer().toString(), "--client-id", m_provider.clientId()}),
                 qPrintable(m_up.diagnostics()));
        QVERIFY2(m_up.waitForStates({m_share}, "up", 20000), qPrintable(m_up.diagnostics()));
        m_url = QUrl(QString("http://127.0.0.1:%1/d/lab-overview?orgId=1").arg(m_up.publicPort(m_share)));
    }

    void aBrowserSignsInAndReachesTheNode() {
        Chromium browser;
        // The page says "waiting" until the provider has given the code (slow under the sanitizers); its own
        // script reloads it then, and each visit here lets it run 5 s.
        QString signInPage;
        ShownCode shown;
        const QDeadlineTimer codeDeadline(30000);
        do {
            signInPage = browser.dumpDom(m_url);
            shown = shownCode(signInPage);
        } while (shown.code.isEmpty() && !signInPage.isEmpty() && !codeDeadline.hasExpired());
        QVERIFY2(!signInPage.isEmpty(), qPrintable(browser.error()));
        QVERIFY2(signInPage.contains(m_share) && signInPage.contains("unencrypted"), qPrintable(signInPage));
        QVERIFY2(!shown.code.isEmpty(), qPrintable(signInPage));
        QVERIFY(m_node.requestHeads().isEmpty()); // nothing reached the node before the sign-in

        BrowserUser phone; // the student approves on another device
        QVERIFY2(phone.approveDevice(shown.link, "alice", "alice-pass"), qPrintable(phone.error()));
        QString page; // the page continues by itself: each visit lets it run 8 s
        const QDeadlineTimer deadline(40000);
        do
            page = browser.dumpDom(m_url, 8000);
        while (!page.contains(QLatin1String(HttpNode::kMarker)) && !page.isEmpty() && !deadline.hasExpired());
        QVERIFY2(page.contains(QLatin1String(HttpNode::kMarker)), qPrintable(page + browser.error()));
        QVERIFY(!m_node.requestHeads().isEmpty());
        const QByteArray first = m_node.requestHeads().constFirst();
        QVERIFY2(first.startsWith("GET /d/lab-overview?orgId=1 "), first.constData()); // back where it started
        for (const QByteArray& head : m_node.requestHeads())         // the page, then what it loads (the favicon)
            QVERIFY2(!head.contains("labshare_"), head.constData()); // the node never sees LabShare's cookies
        QVERIFY(waitUntil([this] { return !accessEvents("admitted").isEmpty(); }, 5000));
    }

    void theSignInPageLooksRight() {
        Chromium fresh; // no cookies: what a student sees first
        const QString png = QDir::temp().filePath("labshare-gate-sign-in.png");
        QVERIFY2(fresh.screenshot(m_url, png, QSize(900, 640)), qPrintable(fresh.error()));
        const QImage shot(png);
        QVERIFY(!shot.isNull() && shot.width() == 900);
    }

    // No JavaScript, no browser: an HTTP client with a cookie jar (as curl -c/-b) reloads until it is in,
    // and someone signed in who is not on the list is told whom they are signed in as.
    void aClientWithoutJavaScriptIsToldWhoItIs() {
        QNetworkAccessManager client;
        client.setCookieJar(new QNetworkCookieJar(&client));
        client.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        ShownCode shown; // reloads, as a person would, until the code is there
        const QDeadlineTimer codeShown(15000);
        do
            shown = shownCode(QString::fromUtf8(get(client).second));
        while (shown.code.isEmpty() && !codeShown.hasExpired());
        QVERIFY(!shown.code.isEmpty());
        BrowserUser phone;
        QVERIFY2(phone.approveDevice(shown.link, "carol", "carol-pass"), qPrintable(phone.error()));
        QPair<int, QByteArray> answer;
        const QDeadlineTimer refused(20000);
        do
            answer = get(client);
        while (answer.first != 403 && !refused.hasExpired());
        QCOMPARE(answer.first, 403);
        const QString text = QTextDocumentFragment::fromHtml(QString::fromUtf8(answer.second)).toPlainText();
        QVERIFY2(text.contains("You are signed in as carol@example.test"), qPrintable(text));
        QVERIFY2(text.contains(QString("carol@example.test is not on the list for %1").arg(m_share)), qPrintable(text));
        QVERIFY(waitUntil([this] { return !accessEvents("refused").isEmpty(); }, 5000));
    }

    void somethingElseThanHttpIsTurnedAway() {
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, m_up.publicPort(m_share));
        QVERIFY(plain.waitForConnected(5000));
        plain.write("SSH-2.0-OpenSSH_9.2\r\n");
        QByteArray said;
        QVERIFY(waitUntil(
            [&] {
                said += plain.readAll();
                return plain.state() == QAbstractSocket::UnconnectedState;
            },
            10000));
        QVERIFY2(said.startsWith("HTTP/1.1 400 "), said.constData());
    }

    void cleanupTestCase() { QVERIFY(m_up.interrupt()); }

private:
    // GET the share's page; (status, body). Redirects are followed, cookies kept.
    QPair<int, QByteArray> get(QNetworkAccessManager& client) {
        QNetworkReply* reply = client.get(QNetworkRequest(m_url));
        (void)waitUntil([reply] { return reply->isFinished(); }, 15000);
        const QPair<int, QByteArray> out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                         reply->readAll()};
        reply->deleteLater();
        return out;
    }
    QList<QJsonObject> accessEvents(const QString& verdict) const {
        QList<QJsonObject> out;
        for (const QString& line : m_up.stdoutLines()) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            if (object.value("event") == QLatin1String("access") && object.value("verdict") == verdict)
                out.append(object);
        }
        return out;
    }

    OidcProvider m_provider;
    HttpNode m_node;
    LabDir m_lab;
    LabshareUp m_up;
    QString m_share;
    QUrl m_url;
};

QTEST_MAIN(TestGatedWebShare)
#include "tst_gatedwebshare.moc"
