// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RelaySecretDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace labshare::ui {

RelaySecretDialog::RelaySecretDialog(Kind kind, const QString& what, bool refused, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("relaySecretDialog"));
    const bool password = kind == Kind::Password;
    setWindowTitle(password ? tr("Relay password") : tr("SSH key passphrase"));
    QString text = password ? tr("The relay wants a password for <b>%1</b>.").arg(what.toHtmlEscaped())
                            : tr("The SSH key <b>%1</b> is protected by a passphrase.").arg(what.toHtmlEscaped());
    if (refused)
        text = (password ? tr("The relay refused that password.") : tr("That passphrase does not open the key.")) +
               QStringLiteral(" ") + text;
    auto* label = new QLabel(text, this);
    label->setObjectName(QStringLiteral("relaySecretLabel"));
    label->setWordWrap(true);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("relaySecretLineEdit"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    label->setBuddy(m_edit);
    m_remember = new QCheckBox(tr("&Remember in the keychain"), this);
    m_remember->setObjectName(QStringLiteral("relaySecretRememberCheckBox"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RelaySecretDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, buttons->button(QDialogButtonBox::Ok),
            [this, buttons] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_edit->text().isEmpty()); });
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_remember);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 50);
}

void RelaySecretDialog::accept() {
    if (m_edit->text().isEmpty())
        return;
    m_secret = secrets::SecretBytes::adopt(m_edit->text().toUtf8());
    m_edit->clear();
    QDialog::accept();
}

bool RelaySecretDialog::remember() const {
    return m_remember->isChecked();
}

} // namespace labshare::ui
