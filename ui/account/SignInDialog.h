// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthSession.h"

#include <QDateTime>
#include <QDialog>
#include <QTimer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace labshare::ui {

// One sign-in, from asking the identity provider until the user is signed in. Device flow: the user
// code in large selectable type with a Copy button, the verification address as a link, a QR code
// of the address with the code filled in, and until when the code is valid. Browser flow: "continue
// in your browser", or, when no browser could be opened, the link to copy. Failures show inline with
// a Try again button; the dialog closes itself once signed in. Closing it cancels the sign-in.
class SignInDialog : public QDialog {
    Q_OBJECT

public:
    explicit SignInDialog(auth::AuthSession& session, QWidget* parent = nullptr);

    void start(auth::SignInMethod method); // asks the session to sign in with `method`
    auth::SignInMethod method() const { return m_method; }

    QString userCode() const { return m_userCode; }
    QString qrPayload() const { return m_qrPayload; } // what the QR code shown holds; empty: none
    QString errorText() const;

public Q_SLOTS:
    void reject() override; // Cancel, Escape and the window's close button

private:
    void onDeviceCode(const auth::DeviceCode& code);
    void onBrowserLink(const QUrl& url, bool browserOpened, const QDateTime& deadline);
    void showRemainingTime();
    void onFailed(const QString& message);
    void onStateChanged(auth::AuthState state);
    void showProblem(const QString& message);
    void growToFit();
    QWidget* buildDevicePage();
    QWidget* buildBrowserPage();

    auth::AuthSession& m_session;
    auth::SignInMethod m_method = auth::SignInMethod::Device;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_progress = nullptr;
    QWidget* m_devicePage = nullptr;
    QLabel* m_verificationUri = nullptr;
    QLabel* m_userCodeLabel = nullptr;
    QLabel* m_qr = nullptr;
    QLabel* m_waiting = nullptr;
    QWidget* m_browserPage = nullptr;
    QLabel* m_browserText = nullptr;
    QLineEdit* m_link = nullptr;
    QPushButton* m_copyLink = nullptr;
    QLabel* m_browserRemaining = nullptr;
    QTimer m_remainingTimer;
    QDateTime m_browserDeadline;
    QLabel* m_error = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_cancel = nullptr;
    QString m_userCode;
    QString m_qrPayload;
    QUrl m_openUrl; // what "Open in browser" opens
};

} // namespace labshare::ui
