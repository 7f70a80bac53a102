// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace labshare::ui {

// Asks for what a relay login needs: the relay password, or the passphrase of an SSH key. Not modal to
// the app: opened with open(); once accepted, takeSecret() has the answer. The text is masked, and the
// field is cleared as soon as its text has been taken. "Remember in the keychain" is off unless the
// user ticks it.
class RelaySecretDialog : public QDialog {
    Q_OBJECT

public:
    enum class Kind { Password, KeyPassphrase };

    // `what`: the login (user@host) or the key file. `refused`: the last answer was refused; say so.
    RelaySecretDialog(Kind kind, const QString& what, bool refused, QWidget* parent = nullptr);

    void accept() override;
    secrets::SecretBytes takeSecret() { return std::move(m_secret); }
    bool remember() const;

private:
    QLineEdit* m_edit = nullptr;
    QCheckBox* m_remember = nullptr;
    secrets::SecretBytes m_secret;
};

} // namespace labshare::ui
