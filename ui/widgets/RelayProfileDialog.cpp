// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RelayProfileDialog.h"
#include "tunnel/lan/LanAddress.h"
#include "tunnel/ssh/RelayProbe.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

#include <utility>

namespace labshare::ui {

using tunnel::RelayAuth;
using tunnel::RelayFlavor;

namespace {

// Wide enough to show the whole placeholder (and about as much typed text).
void fitPlaceholder(QLineEdit* edit) {
    const int text = edit->fontMetrics().horizontalAdvance(edit->placeholderText());
    edit->setMinimumWidth(text + edit->fontMetrics().averageCharWidth() * 4);
}

tunnel::RelayProfile newRelay() {
    tunnel::RelayProfile p;
    p.flavor = RelayFlavor::OpenSsh;
    return p;
}

} // namespace

RelayProfileDialog::RelayProfileDialog(QWidget* parent)
    : RelayProfileDialog(newRelay(), true, parent) {}

RelayProfileDialog::RelayProfileDialog(const tunnel::RelayProfile& profile, QWidget* parent)
    : RelayProfileDialog(profile, false, parent) {}

RelayProfileDialog::~RelayProfileDialog() = default;

RelayProfileDialog::RelayProfileDialog(const tunnel::RelayProfile& profile, bool isNew, QWidget* parent)
    : QDialog(parent)
    , m_edited(profile) {
    setObjectName(QStringLiteral("relayProfileDialog"));
    setWindowTitle(isNew ? tr("New relay") : tr("Relay %1").arg(profile.displayName()));
    m_flavor = new QComboBox(this);
    m_flavor->setObjectName(QStringLiteral("flavorComboBox"));
    for (RelayFlavor f : {RelayFlavor::Lan, RelayFlavor::OpenSsh, RelayFlavor::Sish, RelayFlavor::LocalhostRun,
                          RelayFlavor::Serveo, RelayFlavor::Pinggy}) {
        // The LAN relay listens on this machine: say on which address students will reach it.
        const QString name = f == RelayFlavor::Lan ? tr("LAN — this machine (%1)")
                                                         .arg(profile.isLan() && !profile.host.isEmpty()
                                                                  ? profile.host
                                                                  : tunnel::LanAddress::defaultAddress())
                                                   : tunnel::relayFlavorName(f);
        m_flavor->addItem(name, static_cast<int>(f));
    }
    m_flavor->setCurrentIndex(m_flavor->findData(static_cast<int>(profile.flavor)));
    m_host = new QLineEdit(profile.host, this);
    m_host->setObjectName(QStringLiteral("hostLineEdit"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setRange(1, 65535);
    m_port->setValue(profile.port);
    m_user = new QLineEdit(profile.user, this);
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_user->setPlaceholderText(tr("your user on the relay (empty: ~/.ssh/config or yours)"));
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
    m_proxy->setPlaceholderText(tr("http://proxy.example.org:3128 (optional)"));
    m_allow = new QLineEdit(profile.allowedSources.join(QLatin1Char(',')), this);
    m_allow->setObjectName(QStringLiteral("allowLineEdit"));
    m_allow->setPlaceholderText(tr("anyone (or networks: 192.168.10.0/24,…)"));
    m_allow->setToolTip(tr("Only students from these networks reach the shares; others are refused at once"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));

    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnectionPushButton"));
    m_test->setToolTip(tr("Connect to the relay and log in; nothing is published"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse); // the fingerprint, to compare or copy
    m_testResult->hide();
    connect(m_test, &QPushButton::clicked, this, &RelayProfileDialog::testConnection);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!isNew && !profile.isLan()) {
        m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
        m_delete->setObjectName(QStringLiteral("deletePushButton"));
        m_delete->setToolTip(tr("Forget this relay"));
        connect(m_delete, &QPushButton::clicked, this, [this] {
            Q_EMIT deleteRequested();
            reject();
        });
    }

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
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
    form->addRow(tr("Students from"), m_allow);
    form->addRow(m_problem);
    form->addRow(testRow);
    form->addRow(m_testResult);
    form->addRow(buttons);

    for (QLineEdit* e : {m_host, m_user, m_publicHost, m_identity, m_knownHosts, m_bind, m_proxy, m_allow})
        connect(e, &QLineEdit::textChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_port, &QSpinBox::valueChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_flavor, &QComboBox::currentIndexChanged, this, &RelayProfileDialog::onFieldsChanged);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RelayProfileDialog::onFieldsChanged);
    onFieldsChanged();
    for (QLineEdit* e : {m_user, m_publicHost, m_identity, m_knownHosts, m_bind, m_proxy, m_allow})
        fitPlaceholder(e);
}

tunnel::RelayProfile RelayProfileDialog::profileFromFields() const {
    tunnel::RelayProfile p = m_edited; // cipher=, timeout= and what else has no field stay as they were
    p.flavor = static_cast<RelayFlavor>(m_flavor->currentData().toInt());
    p.host = m_host->text().trimmed();
    p.port = static_cast<quint16>(m_port->value());
    // The field's default, 22, leaves the port to ~/.ssh/config like a URL without one, unless the URL named it.
    p.explicitPort = p.port != 22 || (m_edited.explicitPort && m_edited.port == 22);
    p.user = m_user->text().trimmed();
    p.publicHost = m_publicHost->text().trimmed();
    p.auth = static_cast<RelayAuth>(m_auth->currentData().toInt());
    p.identityFile = m_identity->text().trimmed();
    p.knownHostsFile = m_knownHosts->text().trimmed();
    p.bindAddress = m_bind->text().trimmed();
    const QUrl proxy(m_proxy->text().trimmed());
    p.proxyHost.clear();
    p.proxyPort = 0;
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
    m_allow->setEnabled(lan);
    m_host->setPlaceholderText(lan ? tr("this machine's address (empty: %1)").arg(tunnel::LanAddress::defaultAddress())
                                   : tr("relay.example.org"));
    fitPlaceholder(m_host);
    const tunnel::RelayProfile profile = profileFromFields();
    // The URL is the one format LabShare reads relays from: check it the same way `up` does. Nothing typed
    // yet is not an error to show, but there is nothing to save either.
    QString url = profile.toUrl();
    if (lan) { // as typed, so that fromUrl judges the networks the way `up` does
        url = QStringLiteral("lan://") + (profile.host.contains(QLatin1Char(':'))
                                              ? QLatin1Char('[') + profile.host + QLatin1Char(']')
                                              : profile.host);
        if (const QString allow = m_allow->text().trimmed(); !allow.isEmpty())
            url += QStringLiteral("?allow=") + allow;
    }
    const Result<tunnel::RelayProfile> parsed = tunnel::RelayProfile::fromUrl(url);
    const bool blank = !lan && profile.host.isEmpty();
    m_url = parsed ? url : QString();
    m_problem->setText(parsed || blank ? QString() : parsed.error().message);
    m_problem->setVisible(!m_problem->text().isEmpty());
    if (auto* buttons = findChild<QDialogButtonBox*>())
        buttons->button(QDialogButtonBox::Ok)->setEnabled(parsed.ok());
    m_test->setEnabled(parsed.ok() && !lan && !(m_probe && m_probe->isRunning()));
    m_test->setVisible(!lan);
    m_testResult->setVisible(!lan && !m_testResult->text().isEmpty());
}

void RelayProfileDialog::testConnection() {
    const Result<tunnel::RelayProfile> profile = tunnel::RelayProfile::fromUrl(m_url);
    if (!profile || profile->isLan())
        return;
    if (!m_probe) {
        m_probe = new tunnel::RelayProbe(this);
        connect(m_probe, &tunnel::RelayProbe::finished, this, &RelayProfileDialog::onProbeFinished);
        connect(m_probe, &tunnel::RelayProbe::loginRefused, this, &RelayProfileDialog::testLoginRefused);
    }
    if (m_probe->isRunning()) {
        m_testAgain = true;
        return;
    }
    if (!m_probe->start(*profile, m_secrets))
        return;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Connecting to %1…").arg(profile->displayName()));
    m_testResult->show();
}

void RelayProfileDialog::onProbeFinished(bool ok, const QString& fingerprint, const QString& message) {
    // Reached but its host key not trusted yet is not a failure: the key is shown to be compared.
    const bool unverified = !ok && !fingerprint.isEmpty();
    QString text = (ok ? tr("✓ %1") : unverified ? tr("⚠ %1") : tr("✗ %1")).arg(message);
    if (!fingerprint.isEmpty())
        text += QLatin1Char('\n') + tr("Host key: %1").arg(fingerprint);
    m_testResult->setText(text);
    m_testResult->setStyleSheet(ok           ? QStringLiteral("color: #1e6b2d;")
                                : unverified ? QStringLiteral("color: #8a5300;")
                                             : QStringLiteral("color: #b3261e;"));
    m_testResult->show();
    onFieldsChanged(); // the button is available again
    if (std::exchange(m_testAgain, false)) {
        testConnection(); // an answer came while the test ran
        return;
    }
    // A wrapped label does not make its window taller by itself.
    layout()->activate();
    if (const int needed = heightForWidth(width()); needed > height())
        resize(width(), needed);
}

QString RelayProfileDialog::relayUrl() const {
    return m_url;
}

} // namespace labshare::ui
