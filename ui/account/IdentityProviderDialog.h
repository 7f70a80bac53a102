// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QSpinBox;
class QLabel;
class QLineEdit;

namespace labshare::ui {

// Which OpenID provider to sign in with: its issuer URL and LabShare's client id there, as the
// relay's operator gives them, and for some providers a client secret and a fixed redirect port. The
// issuer is checked as it is typed (https, or a loopback address); OK stays disabled until the
// fields are usable, and the problem shows under the fields.
class IdentityProviderDialog : public QDialog {
    Q_OBJECT

public:
    explicit IdentityProviderDialog(const auth::AuthConfig& current, QWidget* parent = nullptr);

    // The fields as a configuration; complete only while OK is enabled. The scope is kept as given.
    auth::AuthConfig config() const;
    // A client secret to keep (typed, or empty to forget the stored one), or nullopt: leave it as it is.
    std::optional<QByteArray> clientSecretChange() const;

private:
    void onFieldsChanged();

    auth::AuthConfig m_current;
    QLineEdit* m_issuer = nullptr;
    QLineEdit* m_clientId = nullptr;
    QLineEdit* m_clientSecret = nullptr;
    QCheckBox* m_forgetSecret = nullptr;
    QSpinBox* m_redirectPort = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace labshare::ui
