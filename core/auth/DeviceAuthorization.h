// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/SignInFlow.h"

#include <QDateTime>
#include <QTimer>
#include <QUrl>

namespace labshare::auth {

// What the user needs to finish a device sign-in on any browser, e.g. their phone.
struct DeviceCode {
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // with the code filled in (for a QR code); may be empty
    QDateTime expiresAt;
};

// The device authorization grant (RFC 8628): asks for a user code, then polls the token endpoint at
// the interval the issuer gives (5 s when it gives none), 5 s slower after each `slow_down`.
class DeviceAuthorization : public SignInFlow {
    Q_OBJECT

public:
    using SignInFlow::SignInFlow;

    void start() override;
    void cancel() override;
    int intervalSeconds() const { return m_intervalSeconds; }

Q_SIGNALS:
    void codeReady(const labshare::auth::DeviceCode& code);

private:
    void onCode(const HttpAnswer& answer);
    void poll();
    void onPollAnswer(const HttpAnswer& answer);
    void schedulePoll();
    void fail(const QString& message);

    QTimer m_timer;
    QByteArray m_deviceCode;
    QDateTime m_expiresAt;
    int m_intervalSeconds = 5;
    quint64 m_generation = 0; // answers for an earlier start() or after cancel() are dropped
};

} // namespace labshare::auth

Q_DECLARE_METATYPE(labshare::auth::DeviceCode)
