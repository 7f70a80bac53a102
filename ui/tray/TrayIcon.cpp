// SPDX-License-Identifier: GPL-3.0-or-later
#include "tray/TrayIcon.h"

#include "share/ShareCommands.h"
#include "share/ShareStatus.h"

#include <QAction>
#include <QMenu>

namespace labshare::ui {

using share::ShareCommands;
using share::ShareRow;
using tunnel::ShareState;

namespace {

constexpr int messageTimeoutMs = 8000;
// Between two balloons at least this long: each is a new window, shown with round trips to the X server on the
// GUI thread (15-35 ms each under load), and 50 shares coming back one by one would otherwise raise 50.
constexpr int balloonPauseMs = 2000;
const char* const shareNameProperty = "shareName";

// The icons are filled with toneColor(TrayHealth::tone(state)) (a test compares them).
QString iconPath(TrayState state) {
    switch (state) {
    case TrayState::Idle:
        return QStringLiteral(":/icons/tray-idle.svg");
    case TrayState::AllUp:
        return QStringLiteral(":/icons/tray-up.svg");
    case TrayState::SomeDegraded:
        return QStringLiteral(":/icons/tray-degraded.svg");
    case TrayState::Failed:
        return QStringLiteral(":/icons/tray-failed.svg");
    }
    return {};
}

QStringList names(const QList<ShareRow>& rows) {
    QStringList out;
    for (const ShareRow& r : rows)
        out << r.name;
    return out;
}

} // namespace

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
    , m_tray(new QSystemTrayIcon(this)) {
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_menu->setToolTipsVisible(true);
    m_statusAction = m_menu->addAction(QString());
    m_statusAction->setObjectName(QStringLiteral("statusAction"));
    m_statusAction->setEnabled(false);
    m_extendAction = m_menu->addAction(tr("Extend 30 min"));
    m_extendAction->setObjectName(QStringLiteral("extendAction"));
    m_extendAction->setVisible(false);
    m_shareSeparator = m_menu->addSeparator();
    m_stopAllAction = m_menu->addAction(tr("Stop all shares"));
    m_stopAllAction->setObjectName(QStringLiteral("stopAllAction"));
    m_showHideAction = m_menu->addAction(tr("Show window"));
    m_showHideAction->setObjectName(QStringLiteral("showHideAction"));
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("Quit LabShare"));
    m_quitAction->setObjectName(QStringLiteral("quitAction"));

    connect(m_stopAllAction, &QAction::triggered, this, &TrayIcon::stopAllRequested);
    connect(m_extendAction, &QAction::triggered, this, &TrayIcon::extendRequested);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
    connect(m_showHideAction, &QAction::triggered, this, &TrayIcon::showHideRequested);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);

    m_tray->setContextMenu(m_menu.get());
    m_balloonPause.setSingleShot(true);
    m_balloonPause.setInterval(balloonPauseMs);
    connect(&m_balloonPause, &QTimer::timeout, this, &TrayIcon::showBalloon);
    setRows({});
}

TrayIcon::~TrayIcon() {
    m_tray->setContextMenu(nullptr);
}

bool TrayIcon::isAvailable() const {
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show() {
    if (isAvailable())
        m_tray->show();
}

void TrayIcon::hide() {
    m_tray->hide();
}

QIcon TrayIcon::iconFor(TrayState state) {
    return QIcon(iconPath(state));
}

QIcon TrayIcon::icon() const {
    return m_tray->icon();
}

void TrayIcon::showMessage(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon) {
    Q_EMIT notificationRaised(title, message);
    if (!isAvailable() || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    m_balloons.append({title, message, icon});
    if (!m_balloonPause.isActive())
        showBalloon();
}

void TrayIcon::showBalloon() {
    if (m_balloons.isEmpty())
        return;
    // Several waiting (shares coming back one by one after a relay restart): one balloon lists them all.
    const Balloon& last = m_balloons.constLast();
    QStringList lines;
    for (const Balloon& b : std::as_const(m_balloons))
        lines << (m_balloons.size() == 1 ? b.message : b.title);
    m_tray->showMessage(last.title, lines.join(QLatin1Char('\n')), last.icon, messageTimeoutMs);
    m_balloons.clear();
    m_balloonPause.start();
}

void TrayIcon::setEnding(const QString& text, bool extend) {
    m_extendAction->setVisible(extend);
    if (text == m_ending)
        return;
    m_ending = text;
    showToolTip();
}

void TrayIcon::setStopping() {
    m_stopping = true;
    for (QAction* action : m_menu->actions())
        action->setEnabled(false);
    showToolTip();
    m_statusAction->setText(m_toolTip);
}

void TrayIcon::showToolTip() {
    if (m_stopping) {
        m_toolTip = tr("Stopping shares…");
        m_tray->setToolTip(QStringLiteral("LabShare\n") + m_toolTip);
        return;
    }
    m_toolTip = m_healthTip;
    if (!m_ending.isEmpty() && m_sharing)
        m_toolTip += QLatin1Char('\n') + m_ending;
    m_tray->setToolTip(QStringLiteral("LabShare\n") + m_toolTip);
}

void TrayIcon::setWindowVisible(bool visible) {
    m_showHideAction->setText(visible ? tr("Hide window") : tr("Show window"));
}

QAction* TrayIcon::shareAction(const QString& shareName) const {
    for (QAction* a : m_shareActions)
        if (a->property(shareNameProperty).toString() == shareName)
            return a;
    return nullptr;
}

void TrayIcon::setRows(const QList<ShareRow>& rows) {
    QList<ShareRow> shared;
    for (const ShareRow& r : rows)
        if (r.health.state != ShareState::Stopped)
            shared << r;

    const TrayState state = TrayHealth::aggregate(shared);
    if (state != m_state || m_tray->icon().isNull()) {
        m_state = state;
        m_tray->setIcon(iconFor(state));
    }
    m_healthTip = TrayHealth::toolTip(shared);
    m_sharing = !shared.isEmpty();
    showToolTip();
    m_statusAction->setText(m_toolTip.section(QLatin1Char('\n'), 0, 0));
    if (m_stopping)
        return; // the menu stays as it was, disabled, until LabShare ends

    QStringList current;
    for (const QAction* a : std::as_const(m_shareActions))
        current << a->property(shareNameProperty).toString();
    if (current != names(shared))
        rebuildMenu(shared);
    for (qsizetype i = 0; i < shared.size(); ++i)
        updateShareAction(m_shareActions.at(i), shared.at(i));
    m_stopAllAction->setEnabled(!shared.isEmpty());

    const QList<TrayNotification> notes = m_health.update(shared);
    if (!m_notify)
        return;
    for (const TrayNotification& n : notes) {
        const bool good = n.kind == TrayNotification::Kind::CameBack || n.kind == TrayNotification::Kind::Reclaimed;
        showMessage(n.title, n.message, good ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    }
}

void TrayIcon::rebuildMenu(const QList<ShareRow>& rows) {
    qDeleteAll(m_shareActions);
    m_shareActions.clear();
    for (const ShareRow& row : rows) {
        auto* action = new QAction(m_menu.get());
        action->setObjectName(QStringLiteral("shareAction"));
        action->setCheckable(true);
        action->setProperty(shareNameProperty, row.name);
        const QString name = row.name;
        connect(action, &QAction::toggled, this, [this, name](bool checked) { Q_EMIT toggleRequested(name, checked); });
        m_menu->insertAction(m_shareSeparator, action);
        m_shareActions << action;
    }
}

void TrayIcon::updateShareAction(QAction* action, const ShareRow& row) {
    // "leaf1 · SSH  (Up, relay.example.org:40101)", "leaf2 · SSH  (Node not answering)": the state in the
    // words of every other view, the address only where students can use it.
    const QString address = share::ShareStatus::addressesText(row.health);
    QString detail = share::ShareStatus::text(row.health.state);
    if (row.health.state == ShareState::Up && !address.isEmpty())
        detail += QStringLiteral(", ") + address;
    QString text = row.node + QStringLiteral(" · ") + ShareCommands::serviceName(row) + QStringLiteral("  (") + detail +
                   QLatin1Char(')');
    action->setText(text.replace(QLatin1Char('&'), QStringLiteral("&&"))); // not a mnemonic

    action->setToolTip(row.health.lastError.isEmpty() ? row.name
                                                      : row.name + QStringLiteral(": ") + row.health.lastError);
    // Published rows are checked; setting it must not read as the user's toggle.
    const QSignalBlocker block(action);
    action->setChecked(true);
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason) {
    if (reason == QSystemTrayIcon::Trigger)
        Q_EMIT showHideRequested();
}

} // namespace labshare::ui
