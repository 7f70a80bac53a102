// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RelayProfileDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

namespace labshare::ui {

using tunnel::RelayAuth;
using tunnel::RelayFlavor;

RelayProfileDialog::RelayProfileDialog(const tunnel::RelayProfile& profile, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("relayProfileDialog"));
    setWindowTitle(tr("Relay"));
    m_flavor = new QComboBox(this);
    m_flavor->setObjectName(QStringLiteral("flavorComboBox"));
    for (RelayFlavor f : {RelayFlavor::Lan, RelayFlavor::OpenSsh, RelayFlavor::Sish, RelayFlavor::LocalhostRun,
                          RelayFlavor::Serveo, RelayFlavor::Pinggy})
        m_flavor->addItem(tunnel::relayFlavorName(f), static_cast<int>(f));
    m_flavor->setCurrentIndex(m_flavor->findData(static_cast<int>(profile.flavor)));
    m_host = new QLineEdit(profile.host, this);
    m_host->setObjectName(QStringLiteral("hostLineEdit"));
    m_host->setPlaceholderText(tr("relay.example.org (LAN: this machine's address, empty = default)"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setRange(1, 65535);
    m_port->setValue(profile.port);
    m_user = new QLineEdit(profile.user, this);
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_publicHost = new QLineEdit(profile.publicHost == profile.host ? QString() : profile.publicHost, this);
    m_publicHost->setObjectName(QStringLiteral("publicHostLineEdit"));
    m_publicHost->setPlaceholderText(tr("the name students use, if not the host above"));
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authComboBox"));
    for (RelayAuth a : {RelayAuth::Default, RelayAuth::Agent, RelayAuth::Key, RelayAuth::Password, RelayAuth::Token})
        m_auth->addItem(tunnel::relayAuthName(a), static_cast<int>(a));
    m_auth->setCurrentIndex(m_auth->findData(static_cast<int>(profile.auth)));
    m_identity = new QLineEdit(profile.identityFile, this);
    m_identity->setObjectName(QStringLiteral("identityLineEdit"));
    m_identity->setPlaceholderText(tr("~/.ssh/id_ed25519 (empty: agent and default keys)"));
    m_knownHosts = new QLineEdit(profile.knownHostsFile, this);
    m_knownHosts->setObjectName(QStringLiteral("knownHostsLineEdit"));
    m_knownHosts->setPlaceholderText(tr("~/.ssh/known_hosts"));
    m_bind = new QLineEdit(profile.bindAddress, this);
    m_bind->setObjectName(QStringLiteral("bindLineEdit"));
    m_bind->setPlaceholderText(tr("where the relay listens (empty: its default)"));
    m_proxy = new QLineEdit(
        profile.proxyPort ? QStringLiteral("http://%1:%2").arg(profile.proxyHost).arg(profile.proxyPort) : QString(),
        this);
    m_proxy->setObjectName(QStringLiteral("proxyLineEdit"));
    m_proxy->setPlaceholderText(tr("http://proxy:3128 (optional)"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Flavour"), m_flavor);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Public host"), m_publicHost);
    form->addRow(tr("Log in with"), m_auth);
    form->addRow(tr("Key file"), m_identity);
    form->addRow(tr("Known hosts"), m_knownHosts);
    form->addRow(tr("Listen on"), m_bind);
    form->addRow(tr("HTTP proxy"), m_proxy);
    form->addRow(m_problem);
    form->addRow(buttons);

    for (QLineEdit* e : {m_host, m_user, m_publicHost, m_identity, m_knownHosts, m_bind, m_proxy})
        connect(e, &QLineEdit::textChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_port, &QSpinBox::valueChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_flavor, &QComboBox::currentIndexChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RelayProfileDialog::onFieldsChanged);
    onFieldsChanged();
}

tunnel::RelayProfile RelayProfileDialog::profileFromFields() const {
    tunnel::RelayProfile p;
    p.flavor = static_cast<RelayFlavor>(m_flavor->currentData().toInt());
    p.host = m_host->text().trimmed();
    p.port = static_cast<quint16>(m_port->value());
    p.user = m_user->text().trimmed();
    p.publicHost = m_publicHost->text().trimmed();
    p.auth = static_cast<RelayAuth>(m_auth->currentData().toInt());
    p.identityFile = m_identity->text().trimmed();
    p.knownHostsFile = m_knownHosts->text().trimmed();
    p.bindAddress = m_bind->text().trimmed();
    const QUrl proxy(m_proxy->text().trimmed());
    if (!m_proxy->text().trimmed().isEmpty()) {
        p.proxyHost = proxy.host();
        p.proxyPort = static_cast<quint16>(proxy.port(0));
    }
    return p;
}

void RelayProfileDialog::onFieldsChanged() {
    const bool lan = m_flavor->currentData().toInt() == static_cast<int>(RelayFlavor::Lan);
    for (QWidget* w : std::initializer_list<QWidget*>{m_port, m_user, m_publicHost, m_auth, m_identity, m_knownHosts,
                                                      m_bind, m_proxy})
        w->setEnabled(!lan);
    const tunnel::RelayProfile profile = profileFromFields();
    // The URL is the one format LabShare reads relays from: check it the same way `up` does.
    const QString url = lan ? QStringLiteral("lan://") + profile.host : profile.toUrl();
    const Result<tunnel::RelayProfile> parsed = tunnel::RelayProfile::fromUrl(url);
    m_url = parsed ? url : QString();
    m_problem->setText(parsed ? QString() : parsed.error().message);
    if (auto* buttons = findChild<QDialogButtonBox*>())
        buttons->button(QDialogButtonBox::Ok)->setEnabled(parsed.ok());
}

QString RelayProfileDialog::relayUrl() const {
    return m_url;
}

} // namespace labshare::ui
