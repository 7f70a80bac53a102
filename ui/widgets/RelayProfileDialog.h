// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/ssh/SshChoices.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace labshare::tunnel {
class RelayProbe;
}

namespace labshare::ui {

// Edits one relay profile: flavour, host, port, user, public host, how to log in, key and
// known_hosts files, where the relay listens, and an HTTP proxy. The result is a relay URL, the
// same that `labshare up --relay` takes; it is checked before OK is allowed. "Test connection" logs in
// to the relay (on a worker thread) and says inline how it went; Delete asks to forget the relay.
class RelayProfileDialog : public QDialog {
    Q_OBJECT

public:
    // A new relay: empty fields (placeholders only), no Delete.
    explicit RelayProfileDialog(QWidget* parent = nullptr);
    // Edits a saved relay; Delete is offered unless it is the LAN relay.
    explicit RelayProfileDialog(const tunnel::RelayProfile& profile, QWidget* parent = nullptr);
    ~RelayProfileDialog() override;

    QString relayUrl() const; // valid once accepted
    // Answers a password or key passphrase for Test connection (called on the probe's thread).
    void setSecretProvider(tunnel::SecretProvider secrets) { m_secrets = std::move(secrets); }
    // What the button does, once the fields make a relay URL; asked while a test runs, it tests again after.
    void testConnection();

Q_SIGNALS:
    // Delete was pressed (the dialog then closes as rejected): forget the relay this dialog edits.
    void deleteRequested();
    // Test connection's log-in was refused: what the secret provider gave was wrong, or it gave nothing.
    void testLoginRefused();

private:
    RelayProfileDialog(const tunnel::RelayProfile& profile, bool isNew, QWidget* parent);
    tunnel::RelayProfile profileFromFields() const;
    void onFieldsChanged();
    void onProbeFinished(bool ok, const QString& fingerprint, const QString& message);

    tunnel::RelayProfile m_edited; // what the fields started from; keeps the options they do not show
    QComboBox* m_flavor = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_publicHost = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_identity = nullptr;
    QLineEdit* m_knownHosts = nullptr;
    QLineEdit* m_bind = nullptr;
    QLineEdit* m_proxy = nullptr;
    QLineEdit* m_allow = nullptr; // LAN relays: allow=CIDR,…
    QLabel* m_problem = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_testResult = nullptr;
    QPushButton* m_delete = nullptr;
    tunnel::RelayProbe* m_probe = nullptr;
    tunnel::SecretProvider m_secrets;
    bool m_testAgain = false;
    QString m_url;
};

} // namespace labshare::ui
