// SPDX-License-Identifier: GPL-3.0-or-later
#include "OidcProvider.h"
#include "Tools.h"
#include "Wait.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

#include <QHash>

#include <memory>
#include <vector>

namespace labshare::testsupport {

namespace {

constexpr int startTimeoutMs = 20000;

QByteArray randomToken(int bytes) {
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The native app's side of the redirect: a one-shot HTTP server on 127.0.0.1 that answers the browser's
// request for the redirect URI with a small page and remembers what was asked for.
class LoopbackCallback {
public:
    bool listen(quint16 port) {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { onNewConnection(); });
        return m_server.listen(QHostAddress::LocalHost, port);
    }
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }
    QByteArray requestTarget() const { return m_target; } // "/callback?code=...", empty until asked

private:
    void onNewConnection() {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            m_sockets.emplace_back(socket);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadyRead(socket); });
        }
    }
    void onReadyRead(QTcpSocket* socket) {
        QByteArray& request = m_requests[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> requestLine = request.left(request.indexOf("\r\n")).split(' ');
        if (requestLine.size() == 3 && m_target.isEmpty())
            m_target = requestLine.at(1);
        const QByteArray page = "<html><body>Signed in; you can close this page.</body></html>";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(page.size()) + "\r\n\r\n" + page);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
    QHash<QTcpSocket*, QByteArray> m_requests;
    QByteArray m_target;
};

FixtureTokens tokensFrom(const HttpPage& page) {
    FixtureTokens tokens;
    const QJsonObject answer = QJsonDocument::fromJson(page.body).object();
    if (page.status != 200) {
        tokens.error = page.status ? QStringLiteral("HTTP %1 %2: %3")
                                         .arg(page.status)
                                         .arg(answer.value(QLatin1String("error")).toString(),
                                              answer.value(QLatin1String("error_description")).toString())
                                   : QStringLiteral("token endpoint: no HTTP answer (%1)").arg(page.error);
        return tokens;
    }
    tokens.accessToken = answer.value(QLatin1String("access_token")).toString().toUtf8();
    tokens.refreshToken = answer.value(QLatin1String("refresh_token")).toString().toUtf8();
    tokens.idToken = answer.value(QLatin1String("id_token")).toString().toUtf8();
    tokens.expiresIn = answer.value(QLatin1String("expires_in")).toInt();
    if (tokens.accessToken.isEmpty())
        tokens.error = QStringLiteral("the token endpoint answered without an access_token: %1")
                           .arg(QString::fromUtf8(page.body.left(400)));
    return tokens;
}

} // namespace

OidcProvider::OidcProvider() {
    dieWithTheTest(m_process);
    m_network.setProxy(QNetworkProxy::NoProxy);
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_log += QString::fromUtf8(m_process.readAllStandardError()); });
}

OidcProvider::~OidcProvider() {
    stop();
}

QString OidcProvider::fixtureDir() const {
    return QStringLiteral(LABSHARE_OIDC_FIXTURE_DIR);
}

QString OidcProvider::log() const {
    return m_log;
}

bool OidcProvider::isRunning() const {
    return m_process.state() != QProcess::NotRunning;
}

bool OidcProvider::fail(const QString& message) {
    m_error = message;
    return false;
}

bool OidcProvider::start(const QStringList& args) {
    if (isRunning())
        return true;
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return fail(QStringLiteral("node not found (Debian package nodejs): install it with "
                                   "installer/dependencies.sh test, then run tests/fixtures/oidc/install.sh"));
    const QString dir = fixtureDir();
    if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/oidc-provider/package.json")))
        return fail(
            QStringLiteral("oidc-provider is not installed in %1: run tests/fixtures/oidc/install.sh").arg(dir));
    m_log.clear();
    m_issuer.clear();
    m_discovery = QJsonObject();
    m_process.setWorkingDirectory(dir);
    // stdin stays an open pipe: provider.mjs exits when it closes.
    m_process.start(node, QStringList{QStringLiteral("provider.mjs")} + args);
    if (!m_process.waitForStarted(10000))
        return fail(QStringLiteral("cannot start %1: %2").arg(node, m_process.errorString()));
    const bool said = waitUntil([&] { return !isRunning() || m_process.canReadLine(); }, startTimeoutMs);
    const QByteArray line = m_process.canReadLine() ? m_process.readLine().trimmed() : QByteArray();
    const QJsonObject listening = QJsonDocument::fromJson(line).object();
    m_issuer = QUrl(listening.value(QLatin1String("issuer")).toString());
    if (m_issuer.isValid() && m_issuer.port() > 0 && isRunning())
        return true;
    m_log += QString::fromUtf8(m_process.readAllStandardError());
    const QString what = !said ? QStringLiteral("did not say it listens within %1 s").arg(startTimeoutMs / 1000)
                         : line.isEmpty() ? QStringLiteral("exited (code %1)").arg(m_process.exitCode())
                                          : QStringLiteral("printed %1").arg(QString::fromUtf8(line));
    stop();
    m_issuer.clear();
    return fail(QStringLiteral("the OpenID provider (node %1/provider.mjs %2) %3\nstderr:\n%4")
                    .arg(dir, args.join(QLatin1Char(' ')), what, m_log));
}

void OidcProvider::stop() {
    stopProcess(m_process, 5000);
}

QJsonObject OidcProvider::discovery() {
    if (!m_discovery.isEmpty() || m_issuer.isEmpty())
        return m_discovery;
    const QUrl url(m_issuer.toString() + QStringLiteral("/.well-known/openid-configuration"));
    const HttpPage page = exchange(m_network, QNetworkRequest(url));
    m_discovery = QJsonDocument::fromJson(page.body).object();
    if (page.status != 200 || m_discovery.isEmpty()) {
        m_discovery = QJsonObject();
        m_error = QStringLiteral("discovery at %1: HTTP %2 %3").arg(url.toString()).arg(page.status).arg(page.error);
    }
    return m_discovery;
}

QJsonObject OidcProvider::requestCounts() {
    const QUrl url(m_issuer.toString() + QStringLiteral("/_fixture/requests"));
    const HttpPage page = exchange(m_network, QNetworkRequest(url));
    const QJsonDocument counts = QJsonDocument::fromJson(page.body);
    if (page.status == 200 && counts.isObject())
        return counts.object();
    m_error = QStringLiteral("request counts at %1: HTTP %2 %3").arg(url.toString()).arg(page.status).arg(page.error);
    return QJsonObject();
}

QUrl OidcProvider::endpoint(const QString& name) {
    const QUrl url(discovery().value(name).toString());
    if (url.isEmpty() && m_error.isEmpty())
        m_error = QStringLiteral("the discovery document has no %1").arg(name);
    return url;
}

HttpPage OidcProvider::postAsClient(const QString& endpointName, QUrlQuery form) {
    const QUrl url = endpoint(endpointName);
    if (url.isEmpty()) {
        HttpPage page;
        page.error = m_error;
        return page;
    }
    form.addQueryItem(QStringLiteral("client_id"), clientId());
    if (!m_clientSecret.isEmpty())
        form.addQueryItem(QStringLiteral("client_secret"), m_clientSecret);
    return exchange(m_network, QNetworkRequest(url), &form);
}

FixtureTokens OidcProvider::requestTokens(QUrlQuery grant) {
    return tokensFrom(postAsClient(QStringLiteral("token_endpoint"), std::move(grant)));
}

FixtureTokens OidcProvider::refresh(const QByteArray& refreshToken) {
    QUrlQuery grant;
    grant.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    grant.addQueryItem(QStringLiteral("refresh_token"), QString::fromUtf8(refreshToken));
    return requestTokens(grant);
}

bool OidcProvider::revoke(const QByteArray& token, const QString& hint) {
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), QString::fromUtf8(token));
    if (!hint.isEmpty())
        form.addQueryItem(QStringLiteral("token_type_hint"), hint);
    const HttpPage page = postAsClient(QStringLiteral("revocation_endpoint"), form);
    if (page.status == 200)
        return true;
    m_error = QStringLiteral("revocation: HTTP %1 %2 %3")
                  .arg(page.status)
                  .arg(page.error, QString::fromUtf8(page.body.left(400)));
    return false;
}

QJsonObject OidcProvider::userinfo(const QByteArray& accessToken) {
    const QUrl url = endpoint(QStringLiteral("userinfo_endpoint"));
    if (url.isEmpty())
        return QJsonObject();
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + accessToken);
    const HttpPage page = exchange(m_network, request);
    const QJsonObject claims = QJsonDocument::fromJson(page.body).object();
    if (page.status == 200 && !claims.isEmpty())
        return claims;
    m_error = QStringLiteral("userinfo: HTTP %1 %2 %3")
                  .arg(page.status)
                  .arg(page.error, QString::fromUtf8(page.body.left(400)));
    return QJsonObject();
}

FixtureTokens OidcProvider::signInByHand(const QString& user, const QString& password, const QString& scope) {
    FixtureTokens tokens;
    const QUrl authorization = endpoint(QStringLiteral("authorization_endpoint"));
    if (authorization.isEmpty()) {
        tokens.error = m_error;
        return tokens;
    }
    LoopbackCallback callback;
    if (!callback.listen(m_callbackPort)) {
        tokens.error =
            QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_callbackPort).arg(callback.errorString());
        return tokens;
    }
    const QString redirectUri = QStringLiteral("http://127.0.0.1:%1/callback").arg(callback.port());
    const QByteArray verifier = randomToken(32);
    const QByteArray challenge = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString state = QString::fromLatin1(randomToken(16));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), clientId());
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("scope"), scope);
    query.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    QUrl url = authorization;
    url.setQuery(QString::fromLatin1(formBody(query)), QUrl::StrictMode);

    BrowserUser browser;
    if (!browser.signInAt(url, user, password)) {
        tokens.error = browser.error();
        return tokens;
    }
    const QUrlQuery answer(browser.lastRedirect());
    const QString code = answer.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (!callback.requestTarget().startsWith("/callback?"))
        tokens.error = QStringLiteral("the browser's request never reached the redirect URI %1").arg(redirectUri);
    else if (answer.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != state)
        tokens.error = QStringLiteral("the redirect carries another state");
    else if (answer.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded) != m_issuer.toString())
        tokens.error = QStringLiteral("the redirect's iss is not %1").arg(m_issuer.toString());
    else if (code.isEmpty())
        tokens.error = QStringLiteral("the redirect carries no code but error %1: %2")
                           .arg(answer.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded),
                                answer.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded));
    if (!tokens.error.isEmpty())
        return tokens;

    QUrlQuery grant;
    grant.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    grant.addQueryItem(QStringLiteral("code"), code);
    grant.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    grant.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
    return requestTokens(grant);
}

} // namespace labshare::testsupport
