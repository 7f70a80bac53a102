// SPDX-License-Identifier: GPL-3.0-or-later
#include "account/IdentityProviderDialog.h"

#include "auth/IssuerMetadata.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

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
    return config;
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
