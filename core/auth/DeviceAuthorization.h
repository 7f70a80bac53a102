// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/SignInFlow.h"
#include "common/Result.h"

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

// The address a device sign-in answer names in `field` (verification_uri or verification_uri_complete),
// as the user will be asked to open it: https only; plain http only when both the issuer and the
// address are on this computer's loopback (as a test provider is). Anything else is refused with a
// message naming the field, so it is never shown as a link, put in a QR code or opened.
Result<QUrl> readVerificationUri(const QString& text, const char* field, const QUrl& issuer);

// The device authorization endpoint's answer (RFC 8628 §3.2), checked.
struct DeviceCodeAnswer {
    static constexpr int kDefaultIntervalSeconds = 5; // RFC 8628 §3.2
    // A longer interval is read as this: no code lives that long, and the poll timer counts milliseconds in an int.
    static constexpr int kMaxIntervalSeconds = 3600;

    DeviceCode code; // expiresAt stays empty: the flow sets it when the answer arrives
    QByteArray deviceCode;
    int expiresIn = 0;                             // seconds, > 0
    int intervalSeconds = kDefaultIntervalSeconds; // 1 to kMaxIntervalSeconds
};

// The answer as a DeviceCodeAnswer, or an error saying what it lacks or why the issuer refused.
Result<DeviceCodeAnswer> readDeviceCodeAnswer(const HttpAnswer& answer);

// The device authorization grant (RFC 8628): asks for a user code, then polls the token endpoint at
// the interval the issuer gives (5 s when it gives none), 5 s slower after each `slow_down`. An answer
// whose verification addresses fail readVerificationUri() ends the sign-in before anything is shown.
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
    secrets::SecretBytes m_deviceCode;
    QDateTime m_expiresAt;
    int m_intervalSeconds = 5;
    quint64 m_generation = 0; // answers for an earlier start() or after cancel() are dropped
};

} // namespace labshare::auth

Q_DECLARE_METATYPE(labshare::auth::DeviceCode)
