// SPDX-License-Identifier: GPL-3.0-or-later
#include "account/SignInDialog.h"

#include "account/ClockText.h"
#include "qr/QrPicture.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace labshare::ui {

using auth::AuthState;
using auth::SignInMethod;

namespace {

constexpr int kQrModulePixels = 5;

QLabel* wrappedLabel(const QString& text, QWidget* parent, const QString& objectName = {}) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

QPushButton* copyButton(const QString& objectName, QWidget* parent, std::function<QString()> text) {
    auto* button = new QPushButton(SignInDialog::tr("Copy"), parent);
    button->setObjectName(objectName);
    QObject::connect(button, &QPushButton::clicked, button, [button, text = std::move(text)] {
        QGuiApplication::clipboard()->setText(text());
        button->setText(SignInDialog::tr("Copied"));
    });
    return button;
}

} // namespace

SignInDialog::SignInDialog(auth::AuthSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("signInDialog"));
    const QString provider = m_session.config().issuer.host();
    setWindowTitle(tr("Sign in — LabShare"));
    setMinimumWidth(680); // the steps on one line each, beside the QR code

    auto* title = new QLabel(tr("Sign in at %1").arg(provider.toHtmlEscaped()), this);
    title->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_progress = wrappedLabel({}, this, QStringLiteral("progressLabel"));
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pagesStackedWidget"));
    m_pages->addWidget(m_progress);
    m_pages->addWidget(buildDevicePage());
    m_pages->addWidget(buildBrowserPage());

    m_error = wrappedLabel({}, this, QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("background:#fde7e9; color:#8c1d18; padding:8px; border-radius:6px;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("retryPushButton"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] { start(m_method); });
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelPushButton"));
    m_cancel->setAutoDefault(false);
    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::reject);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(&m_session, &auth::AuthSession::deviceCodeReady, this, &SignInDialog::onDeviceCode);
    connect(&m_session, &auth::AuthSession::browserLinkReady, this, &SignInDialog::onBrowserLink);
    connect(&m_session, &auth::AuthSession::signInFailed, this, &SignInDialog::onFailed);
    connect(&m_session, &auth::AuthSession::stateChanged, this, &SignInDialog::onStateChanged);
}

QWidget* SignInDialog::buildDevicePage() {
    m_devicePage = new QWidget(this);
    m_devicePage->setObjectName(QStringLiteral("devicePage"));
    m_verificationUri = new QLabel(m_devicePage);
    m_verificationUri->setObjectName(QStringLiteral("verificationUriLabel"));
    m_verificationUri->setOpenExternalLinks(true);
    m_verificationUri->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto* open = new QPushButton(tr("Open in browser"), m_devicePage);
    open->setObjectName(QStringLiteral("openBrowserPushButton"));
    connect(open, &QPushButton::clicked, this, [this] {
        if (!QDesktopServices::openUrl(m_openUrl))
            showProblem(tr("No browser could be opened here: open the address above on another device."));
    });

    m_userCodeLabel = new QLabel(m_devicePage);
    m_userCodeLabel->setObjectName(QStringLiteral("userCodeLabel"));
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 2.4);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::PercentageSpacing, 110);
    m_userCodeLabel->setFont(codeFont);
    m_userCodeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_userCodeLabel->setStyleSheet(QStringLiteral("background:#f1f3f4; padding:6px 14px; border-radius:6px;"));
    QPushButton* copyCode =
        copyButton(QStringLiteral("copyCodePushButton"), m_devicePage, [this] { return m_userCode; });

    m_qr = new QLabel(m_devicePage);
    m_qr->setObjectName(QStringLiteral("qrCodeLabel"));
    m_qr->setAlignment(Qt::AlignCenter);
    QLabel* qrCaption = wrappedLabel(tr("Or scan this with your phone: it opens the page with the code filled in."),
                                     m_devicePage, QStringLiteral("qrCaptionLabel"));
    qrCaption->setAlignment(Qt::AlignHCenter);
    qrCaption->setMaximumWidth(240);
    m_waiting = wrappedLabel({}, m_devicePage, QStringLiteral("waitingLabel"));

    auto* uriRow = new QHBoxLayout;
    uriRow->addWidget(m_verificationUri, 1);
    uriRow->addWidget(open);
    auto* codeRow = new QHBoxLayout;
    codeRow->addWidget(m_userCodeLabel);
    codeRow->addWidget(copyCode);
    codeRow->addStretch(1);
    auto* steps = new QVBoxLayout;
    steps->addWidget(wrappedLabel(tr("1. On any device — this computer or your phone — open:"), m_devicePage));
    steps->addLayout(uriRow);
    steps->addSpacing(8);
    steps->addWidget(wrappedLabel(tr("2. Enter this code and sign in:"), m_devicePage));
    steps->addLayout(codeRow);
    steps->addStretch(1);
    steps->addWidget(m_waiting);
    auto* qrColumn = new QVBoxLayout;
    qrColumn->addWidget(m_qr);
    qrColumn->addWidget(qrCaption);
    qrColumn->addStretch(1);
    auto* layout = new QHBoxLayout(m_devicePage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(steps, 1);
    layout->addSpacing(16);
    layout->addLayout(qrColumn);
    return m_devicePage;
}

QWidget* SignInDialog::buildBrowserPage() {
    m_browserPage = new QWidget(this);
    m_browserPage->setObjectName(QStringLiteral("browserPage"));
    m_browserText = wrappedLabel({}, m_browserPage, QStringLiteral("browserTextLabel"));
    m_link = new QLineEdit(m_browserPage);
    m_link->setObjectName(QStringLiteral("browserLinkLineEdit"));
    m_link->setReadOnly(true);
    m_copyLink = copyButton(QStringLiteral("copyLinkPushButton"), m_browserPage, [this] { return m_link->text(); });
    m_browserRemaining = wrappedLabel({}, m_browserPage, QStringLiteral("browserRemainingLabel"));
    m_browserRemaining->setStyleSheet(QStringLiteral("color: #5f6368;"));
    m_remainingTimer.setInterval(1000);
    connect(&m_remainingTimer, &QTimer::timeout, this, &SignInDialog::showRemainingTime);
    auto* linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copyLink);
    auto* layout = new QVBoxLayout(m_browserPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browserText);
    layout->addLayout(linkRow);
    layout->addWidget(m_browserRemaining);
    layout->addStretch(1);
    return m_browserPage;
}

void SignInDialog::start(SignInMethod method) {
    m_method = method;
    m_userCode.clear();
    m_qrPayload.clear();
    m_error->hide();
    m_retry->hide();
    m_cancel->setText(tr("Cancel"));
    m_progress->setText(method == SignInMethod::Device
                            ? tr("Asking %1 for a sign-in code…").arg(m_session.config().issuer.host())
                            : tr("Preparing the sign-in at %1…").arg(m_session.config().issuer.host()));
    m_pages->setCurrentWidget(m_progress);
    m_session.signIn(method);
}

QString SignInDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void SignInDialog::reject() {
    if (m_session.state() == AuthState::SigningIn)
        m_session.cancelSignIn();
    QDialog::reject();
}

void SignInDialog::onDeviceCode(const auth::DeviceCode& code) {
    m_userCode = code.userCode;
    m_qrPayload = (code.verificationUriComplete.isEmpty() ? code.verificationUri : code.verificationUriComplete)
                      .toString(QUrl::FullyEncoded);
    m_openUrl = QUrl(m_qrPayload);
    const QString address = code.verificationUri.toString();
    m_verificationUri->setText(
        QStringLiteral("<a href=\"%1\">%2</a>")
            .arg(code.verificationUri.toString(QUrl::FullyEncoded).toHtmlEscaped(), address.toHtmlEscaped()));
    m_userCodeLabel->setText(code.userCode);
    const qr::QrCode qr = qr::QrCode::encode(m_qrPayload);
    m_qr->setPixmap(qr.isNull() ? QPixmap() : QPixmap::fromImage(qrImage(qr, kQrModulePixels)));
    m_qr->setVisible(!qr.isNull());
    m_waiting->setText(
        code.expiresAt.isValid()
            ? tr("Waiting for you to sign in… The code is valid until %1.").arg(clockText(code.expiresAt))
            : tr("Waiting for you to sign in…"));
    m_pages->setCurrentWidget(m_devicePage);
    growToFit();
}

void SignInDialog::onBrowserLink(const QUrl& url, bool browserOpened, const QDateTime& deadline) {
    m_browserDeadline = deadline;
    showRemainingTime();
    m_remainingTimer.start();
    m_link->setText(url.toString(QUrl::FullyEncoded));
    m_link->setCursorPosition(0);
    m_link->setVisible(!browserOpened);
    m_copyLink->setVisible(!browserOpened);
    m_browserText->setText(browserOpened
                               ? tr("<b>Continue in your browser.</b><br>Sign in on the page that opened; LabShare "
                                    "carries on by itself once you have.")
                               : tr("<b>No browser could be opened.</b><br>Copy this link into a browser on this "
                                    "computer and sign in there; LabShare carries on by itself once you have."));
    m_pages->setCurrentWidget(m_browserPage);
    growToFit();
}

void SignInDialog::showRemainingTime() {
    const qint64 seconds = qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_browserDeadline));
    m_browserRemaining->setText(tr("LabShare waits %1:%2 more for the browser to come back (until %3).")
                                    .arg(seconds / 60)
                                    .arg(seconds % 60, 2, 10, QLatin1Char('0'))
                                    .arg(clockText(m_browserDeadline)));
    if (seconds == 0 || m_session.state() != AuthState::SigningIn)
        m_remainingTimer.stop();
}

void SignInDialog::growToFit() {
    // A window only grows to its minimum size by itself; the code, the QR code or the link arrive
    // after it is shown, and nothing of them may be cut off.
    resize(size().expandedTo(sizeHint()));
}

void SignInDialog::onFailed(const QString& message) {
    showProblem(message);
}

void SignInDialog::onStateChanged(AuthState state) {
    switch (state) {
    case AuthState::SignedIn:
        accept();
        return;
    case AuthState::SigningIn:
        m_error->hide();
        m_retry->hide();
        return;
    case AuthState::SignedOut:
    case AuthState::SignInRequired:
        // A failure says why right after this; a cancel from elsewhere (the account menu) does not.
        showProblem(tr("The sign-in was cancelled."));
        return;
    case AuthState::Restoring:
        return;
    }
}

void SignInDialog::showProblem(const QString& message) {
    QString sentence = message;
    if (!sentence.isEmpty())
        sentence[0] = sentence.at(0).toUpper(); // core's messages are sentence parts; this one stands alone
    m_error->setText(sentence);
    m_error->show();
    if (m_session.state() != AuthState::SigningIn) {
        m_remainingTimer.stop();
        m_browserRemaining->clear();
        m_retry->show();
        m_cancel->setText(tr("Close"));
        if (m_pages->currentWidget() == m_progress)
            m_progress->clear();
    }
}

} // namespace labshare::ui
