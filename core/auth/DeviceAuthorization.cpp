// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/DeviceAuthorization.h"

#include "common/Logging.h"

#include <QCoreApplication>

namespace labshare::auth {

namespace {

constexpr int kSlowDownSeconds = 5; // RFC 8628 §3.5
const QLatin1String kDeviceGrant("urn:ietf:params:oauth:grant-type:device_code");

} // namespace

Result<QUrl> readVerificationUri(const QString& text, const char* field, const QUrl& issuer) {
    const QUrl url(text, QUrl::StrictMode);
    const QString name = QLatin1String(field);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::Network, DeviceAuthorization::tr("the identity provider's device sign-in answer "
                                                                     "has no valid %1; LabShare does not show it")
                                                 .arg(name));
    const bool https = url.scheme() == QLatin1String("https");
    const bool localHttp = url.scheme() == QLatin1String("http") && isLoopbackUrl(url) && isLoopbackUrl(issuer);
    // The address itself stays out of the message: a terminal or a window would turn it into a link.
    if (!https && !localHttp)
        return makeError(ErrorCode::Network,
                         DeviceAuthorization::tr("the identity provider's device sign-in answer names a %1 that is "
                                                 "not an https address (scheme \"%2\", host \"%3\"); LabShare does "
                                                 "not show or open it. Ask the provider's operator to fix the "
                                                 "provider, or use the browser sign-in")
                             .arg(name, url.scheme(), url.host()));
    return url;
}

Result<DeviceCodeAnswer> readDeviceCodeAnswer(const HttpAnswer& answer) {
    if (!answer.succeeded())
        return makeError(
            ErrorCode::AuthFailed,
            DeviceAuthorization::tr("the identity provider did not start a device sign-in: %1").arg(answer.describe()));
    const QJsonObject& body = answer.body;
    DeviceCodeAnswer read;
    read.code.userCode = body.value(QLatin1String("user_code")).toString();
    read.code.verificationUri = QUrl(body.value(QLatin1String("verification_uri")).toString());
    read.code.verificationUriComplete = QUrl(body.value(QLatin1String("verification_uri_complete")).toString());
    read.deviceCode = body.value(QLatin1String("device_code")).toString().toUtf8();
    read.expiresIn = body.value(QLatin1String("expires_in")).toInt();
    read.intervalSeconds = body.value(QLatin1String("interval")).toInt(DeviceCodeAnswer::kDefaultIntervalSeconds);
    if (read.intervalSeconds <= 0)
        read.intervalSeconds = DeviceCodeAnswer::kDefaultIntervalSeconds;
    read.intervalSeconds = qMin(read.intervalSeconds, DeviceCodeAnswer::kMaxIntervalSeconds);
    if (read.code.userCode.isEmpty() || read.deviceCode.isEmpty() || !read.code.verificationUri.isValid() ||
        read.expiresIn <= 0)
        return makeError(
            ErrorCode::AuthFailed,
            DeviceAuthorization::tr("the identity provider's device sign-in answer lacks user_code, device_code, "
                                    "verification_uri or expires_in"));
    return read;
}

void DeviceAuthorization::start() {
    cancel();
    if (m_request.issuer.deviceAuthorizationEndpoint.isEmpty()) {
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                fail(tr("%1 does not offer device sign-in; use the browser sign-in instead")
                         .arg(m_request.issuer.issuer.toString()));
        });
        return;
    }
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, and polling before the interval earns a slow_down.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeviceAuthorization::poll, Qt::UniqueConnection);
    const quint64 generation = m_generation;
    postAsClient(m_request.issuer.deviceAuthorizationEndpoint, {{QStringLiteral("scope"), m_request.scope.toUtf8()}},
                 [this, generation](const HttpAnswer& answer) {
                     if (generation == m_generation)
                         onCode(answer);
                 });
}

void DeviceAuthorization::cancel() {
    ++m_generation;
    m_timer.stop();
    m_deviceCode.clear();
}

void DeviceAuthorization::onCode(const HttpAnswer& answer) {
    Result<DeviceCodeAnswer> read = readDeviceCodeAnswer(answer);
    if (!read) {
        fail(read.error().message);
        return;
    }
    DeviceCode code = read->code;
    // The addresses are shown, put in a QR code or opened: each is checked as the user will see it.
    for (const auto& [field, target] : {std::pair{"verification_uri", &code.verificationUri},
                                        std::pair{"verification_uri_complete", &code.verificationUriComplete}}) {
        const QString text = answer.body.value(QLatin1String(field)).toString();
        if (text.isEmpty())
            continue;
        const Result<QUrl> checked = readVerificationUri(text, field, m_request.issuer.issuer);
        if (!checked) {
            fail(checked.error().message);
            return;
        }
        *target = *checked;
    }
    m_deviceCode = secrets::SecretBytes::adopt(std::move(read->deviceCode));
    m_intervalSeconds = read->intervalSeconds;
    m_expiresAt = QDateTime::currentDateTimeUtc().addSecs(read->expiresIn);
    code.expiresAt = m_expiresAt;
    qCInfo(lcAuth) << "device sign-in started; polling every" << m_intervalSeconds << "s";
    schedulePoll();
    Q_EMIT codeReady(code);
}

void DeviceAuthorization::schedulePoll() {
    m_timer.start(m_intervalSeconds * 1000);
}

void DeviceAuthorization::poll() {
    if (QDateTime::currentDateTimeUtc() >= m_expiresAt) {
        fail(tr("the sign-in code expired before it was used; start the sign-in again"));
        return;
    }
    const quint64 generation = m_generation;
    postAsClient(m_request.issuer.tokenEndpoint,
                 {{QStringLiteral("grant_type"), QByteArray(kDeviceGrant.data())},
                  {QStringLiteral("device_code"), m_deviceCode.exposed()}},
                 [this, generation](const HttpAnswer& answer) {
                     if (generation == m_generation)
                         onPollAnswer(answer);
                 });
}

void DeviceAuthorization::onPollAnswer(const HttpAnswer& answer) {
    if (answer.succeeded()) {
        Result<TokenResponse> tokens = readTokenResponse(answer);
        if (!tokens) {
            fail(tokens.error().message);
            return;
        }
        cancel();
        Q_EMIT succeeded(*tokens);
        return;
    }
    const QString error = answer.oauthError();
    if (error == QLatin1String("authorization_pending")) {
        schedulePoll();
    } else if (error == QLatin1String("slow_down")) {
        // For this and every later request.
        m_intervalSeconds = qMin(m_intervalSeconds + kSlowDownSeconds, DeviceCodeAnswer::kMaxIntervalSeconds);
        qCInfo(lcAuth) << "identity provider asked to slow down; polling every" << m_intervalSeconds << "s";
        schedulePoll();
    } else if (error == QLatin1String("expired_token")) {
        fail(tr("the sign-in code expired before it was used; start the sign-in again"));
    } else if (error == QLatin1String("access_denied") || error == QLatin1String("authorization_declined")) {
        fail(tr("the sign-in was declined in the browser"));
    } else if (!answer.networkError.isEmpty()) {
        // A passing network failure does not end the sign-in: the code stays valid until it expires.
        qCInfo(lcAuth) << "device sign-in poll failed, trying again:" << answer.networkError;
        schedulePoll();
    } else {
        fail(tr("the identity provider refused the device sign-in: %1").arg(answer.describe()));
    }
}

void DeviceAuthorization::fail(const QString& message) {
    cancel();
    Q_EMIT failed(message);
}

} // namespace labshare::auth
