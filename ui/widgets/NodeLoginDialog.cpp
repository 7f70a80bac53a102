// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NodeLoginDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace labshare::ui {

NodeLoginDialog::NodeLoginDialog(const QString& node, const QString& user, bool isSet, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("nodeLoginDialog"));
    setWindowTitle(tr("Students log in as…"));
    auto* intro = new QLabel(tr("Every browser terminal on <b>%1</b> logs in with this login, so students land "
                                "straight in the node's command line. LabShare keeps it in the keychain for this "
                                "lab.")
                                 .arg(node.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_user = new QLineEdit(user, this);
    m_user->setObjectName(QStringLiteral("nodeLoginUserLineEdit"));
    m_byPassword = new QRadioButton(tr("&Password"), this);
    m_byPassword->setObjectName(QStringLiteral("nodeLoginPasswordRadio"));
    m_byPassword->setChecked(true);
    auto* byKey = new QRadioButton(tr("Private &key file"), this);
    byKey->setObjectName(QStringLiteral("nodeLoginKeyRadio"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("nodeLoginPasswordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    if (isSet)
        m_password->setPlaceholderText(tr("kept in the keychain: type a new one to change it"));
    m_keyFile = new QLineEdit(this);
    m_keyFile->setObjectName(QStringLiteral("nodeLoginKeyLineEdit"));
    m_keyFile->setEnabled(false);
    auto* browse = new QPushButton(tr("Choose…"), this);
    browse->setEnabled(false);
    connect(browse, &QPushButton::clicked, this, &NodeLoginDialog::chooseKeyFile);
    connect(byKey, &QRadioButton::toggled, this, [this, browse](bool key) {
        m_keyFile->setEnabled(key);
        browse->setEnabled(key);
        m_password->setEnabled(!key);
    });
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyFile);
    keyRow->addWidget(browse);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("nodeLoginProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    if (isSet) {
        QPushButton* forget = buttons->addButton(tr("Students log in &themselves"), QDialogButtonBox::ResetRole);
        forget->setObjectName(QStringLiteral("nodeLoginForgetButton"));
        connect(forget, &QPushButton::clicked, this, [this] {
            Q_EMIT forgetRequested();
            reject();
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &NodeLoginDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(m_byPassword, m_password);
    form->addRow(byKey, keyRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
}

void NodeLoginDialog::chooseKeyFile() {
    auto* chooser = new QFileDialog(this, tr("Private key for the node"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, m_keyFile, &QLineEdit::setText);
    chooser->open();
}

void NodeLoginDialog::accept() {
    const auto refuse = [this](const QString& why) {
        m_problem->setText(why);
        m_problem->show();
    };
    terminal::NodeLogin login;
    login.user = m_user->text().trimmed();
    if (m_byPassword->isChecked()) {
        login.secret = secrets::SecretBytes::adopt(m_password->text().toUtf8());
    } else {
        Result<secrets::SecretBytes> key = terminal::NodeLogin::readKeyFile(m_keyFile->text());
        if (!key)
            return refuse(key.error().message);
        login.secret = std::move(*key);
    }
    if (Result<bool> ok = terminal::NodeLogin::check(login.user, login.secret); !ok)
        return refuse(ok.error().message);
    m_password->clear();
    m_login = std::move(login);
    QDialog::accept();
}

} // namespace labshare::ui
