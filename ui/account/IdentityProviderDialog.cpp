// SPDX-License-Identifier: GPL-3.0-or-later
#include "account/IdentityProviderDialog.h"

#include "auth/IssuerMetadata.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace labshare::ui {

IdentityProviderDialog::IdentityProviderDialog(const auth::AuthConfig& current, QWidget* parent)
    : QDialog(parent)
    , m_current(current) {
    setObjectName(QStringLiteral("identityProviderDialog"));
    setWindowTitle(tr("Identity provider — LabShare"));
    auto* intro = new QLabel(tr("LabShare signs you in with OpenID Connect. The operator of your relay tells you "
                                "which identity provider it admits and LabShare's client id there."),
                             this);
    intro->setWordWrap(true);
    m_issuer = new QLineEdit(current.issuer.toString(), this);
    m_issuer->setObjectName(QStringLiteral("issuerLineEdit"));
    m_issuer->setPlaceholderText(tr("https://id.example.org/realms/lab"));
    m_clientId = new QLineEdit(current.clientId, this);
    m_clientId->setObjectName(QStringLiteral("clientIdLineEdit"));
    m_clientId->setPlaceholderText(tr("labshare"));
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("clientSecretLineEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(current.clientSecretInKeychain ? tr("unchanged (kept in the keychain)")
                                                                      : tr("only if your provider requires one"));
    m_clientSecret->setToolTip(tr("Some providers (Google, for one) give installed apps a client secret and "
                                  "require it; it is kept in the keychain."));
    m_forgetSecret = new QCheckBox(tr("Forget the stored client secret"), this);
    m_forgetSecret->setObjectName(QStringLiteral("forgetSecretCheckBox"));
    m_forgetSecret->setVisible(current.clientSecretInKeychain);
    m_redirectPort = new QSpinBox(this);
    m_redirectPort->setObjectName(QStringLiteral("redirectPortSpinBox"));
    m_redirectPort->setRange(0, 65535);
    m_redirectPort->setSpecialValueText(tr("any free port"));
    m_redirectPort->setValue(current.redirectPort);
    m_redirectPort->setToolTip(tr("For providers that match redirect URIs exactly: the browser sign-in then comes "
                                  "back to http://127.0.0.1:PORT/callback, the address to register there."));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonsDialogButtonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okPushButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_issuer, &QLineEdit::textChanged, this, &IdentityProviderDialog::onFieldsChanged);
    connect(m_clientId, &QLineEdit::textChanged, this, &IdentityProviderDialog::onFieldsChanged);

    auto* form = new QFormLayout(this);
    form->addRow(intro);
    form->addRow(tr("Issuer URL"), m_issuer);
    form->addRow(tr("Client id"), m_clientId);
    form->addRow(tr("Client secret"), m_clientSecret);
    form->addRow(QString(), m_forgetSecret);
    form->addRow(tr("Browser redirect port"), m_redirectPort);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    setMinimumWidth(480);
    onFieldsChanged();
}

auth::AuthConfig IdentityProviderDialog::config() const {
    auth::AuthConfig config = m_current;
    const Result<QUrl> issuer = auth::parseIssuer(m_issuer->text().trimmed());
    config.issuer = issuer ? *issuer : QUrl();
    config.clientId = m_clientId->text().trimmed();
    config.redirectPort = m_redirectPort->value();
    if (m_current.isOtherClient(config))
        config.clientSecretInKeychain = false; // the stored secret is the other client's
    if (const std::optional<QByteArray> secret = clientSecretChange())
        config.clientSecretInKeychain = !secret->isEmpty();
    return config;
}

std::optional<QByteArray> IdentityProviderDialog::clientSecretChange() const {
    const QString typed = m_clientSecret->text().trimmed();
    if (!typed.isEmpty())
        return typed.toUtf8();
    if (m_forgetSecret->isChecked())
        return QByteArray();
    return std::nullopt;
}

void IdentityProviderDialog::onFieldsChanged() {
    QString problem;
    const QString issuerText = m_issuer->text().trimmed();
    if (issuerText.isEmpty()) {
        problem = tr("Enter the issuer URL.");
    } else if (const Result<QUrl> issuer = auth::parseIssuer(issuerText); !issuer) {
        problem = issuer.error().message;
        problem[0] = problem.at(0).toUpper(); // core's messages are sentence parts; this one stands alone
    } else if (m_clientId->text().trimmed().isEmpty()) {
        problem = tr("Enter the client id.");
    }
    // An empty form is not a mistake yet: say what is missing without the colour of an error.
    const bool untouched = issuerText.isEmpty() && m_clientId->text().trimmed().isEmpty();
    m_problem->setStyleSheet(untouched ? QStringLiteral("color: #5f6368;") : QStringLiteral("color: #b3261e;"));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace labshare::ui
