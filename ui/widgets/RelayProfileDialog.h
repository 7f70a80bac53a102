// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/RelayProfile.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace labshare::ui {

// Edits one relay profile: flavour, host, port, user, public host, how to log in, key and
// known_hosts files, where the relay listens, and an HTTP proxy. The result is a relay URL, the
// same that `labshare up --relay` takes; it is checked before OK is allowed.
class RelayProfileDialog : public QDialog {
    Q_OBJECT

public:
    explicit RelayProfileDialog(const tunnel::RelayProfile& profile, QWidget* parent = nullptr);

    QString relayUrl() const; // valid once accepted

private:
    tunnel::RelayProfile profileFromFields() const;
    void onFieldsChanged();

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
    QLabel* m_problem = nullptr;
    QString m_url;
};

} // namespace labshare::ui
