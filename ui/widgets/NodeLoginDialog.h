// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "terminal/NodeLogin.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QRadioButton;

namespace labshare::ui {

// "Students log in as…" on a browser terminal: the user and the password (masked) or a private key file that
// LabShare logs every student's tab in with, so they land straight in the node's CLI. Not modal to the app:
// opened with open(); once accepted, takeLogin() has the answer. "Students log in themselves" (shown when a login
// is set) asks to forget it. The password field is cleared as soon as its text has been taken.
class NodeLoginDialog : public QDialog {
    Q_OBJECT

public:
    // `user`: the login's user when one is set (`isSet`), else a suggestion (the kind's default user).
    NodeLoginDialog(const QString& node, const QString& user, bool isSet, QWidget* parent = nullptr);

    void accept() override;
    terminal::NodeLogin takeLogin() { return std::move(m_login); }

Q_SIGNALS:
    void forgetRequested(); // students log in themselves again

private:
    void chooseKeyFile();

    QLineEdit* m_user = nullptr;
    QRadioButton* m_byPassword = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QLabel* m_problem = nullptr;
    terminal::NodeLogin m_login;
};

} // namespace labshare::ui
