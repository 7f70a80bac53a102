// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareSession.h"
#include "share/ShareName.h"

#include <QCoreApplication>

namespace labshare::share {

using topology::PublishType;

namespace {} // namespace

QString defaultLoginUser(const QString& kind) {
    if (kind == QLatin1String("nokia_srlinux") || kind == QLatin1String("arista_ceos") ||
        kind == QLatin1String("nokia_sros") || kind == QLatin1String("nokia_srsim"))
        return QStringLiteral("admin");
    if (kind == QLatin1String("linux"))
        return QStringLiteral("root");
    return {};
}

QString shareUrl(const ShareRow& row) {
    if (!row.health.url.isEmpty())
        return row.health.url; // the relay said
    const QString address = row.health.publicAddress();
    if (address.isEmpty())
        return {};
    switch (row.spec.type) {
    case PublishType::Http:
        return QStringLiteral("http://") + address;
    case PublishType::Https:
        return QStringLiteral("https://") + address;
    case PublishType::Tcp: {
        const QString user = defaultLoginUser(row.kind);
        if (row.spec.port == 22 && !user.isEmpty())
            return QStringLiteral("ssh://") + user + QLatin1Char('@') + address;
        return {};
    }
    case PublishType::Tls:
        return {};
    }
    return {};
}

ShareSession::ShareSession(tunnel::TunnelEngine& engine, topology::Topology topology, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_topology(std::move(topology)) {
    connect(&m_engine, &tunnel::TunnelEngine::shareChanged, this, &ShareSession::onShareChanged);
    connect(&m_engine, &tunnel::TunnelEngine::healthUpdated, this, &ShareSession::onHealthUpdated);
}

void ShareSession::setTargetOverride(const QString& node, const QString& host) {
    m_targets.insert(node, host);
}

Result<QString> ShareSession::publish(const QString& nodeName, const topology::PublishSpec& spec) {
    const topology::Node* node = m_topology.node(nodeName);
    if (!node)
        return makeError(ErrorCode::BadInput, tr("the lab has no node '%1'").arg(nodeName));
    QString target = m_targets.value(nodeName);
    if (target.isEmpty())
        target = !node->mgmtIpv4.isEmpty() ? node->mgmtIpv4 : node->mgmtIpv6;
    if (target.isEmpty() && node->networkMode == QLatin1String("host"))
        target = QStringLiteral("127.0.0.1"); // the node shares this machine's network
    if (target.isEmpty())
        return makeError(ErrorCode::BadInput,
                         tr("node '%1' has no management address yet (is the lab deployed?); give one with "
                            "--target %1=HOST")
                             .arg(nodeName));
    ShareRow row;
    row.name = shareName(nodeName, spec);
    row.node = nodeName;
    row.kind = node->kind;
    row.spec = spec;
    row.target = target;
    row.health.name = row.name;
    row.health.node = nodeName;
    row.health.type = topology::publishTypeName(spec.type);
    row.health.nodePort = spec.port;
    m_rows.removeIf([&](const ShareRow& r) { return r.name == row.name; });
    m_rows.append(row);
    m_engine.publish({row.name, nodeName, row.health.type, target, spec.port, 0});
    return row.name;
}

void ShareSession::unpublish(const QString& name) {
    m_engine.unpublish(name);
}

void ShareSession::unpublishAll() {
    for (const ShareRow& r : std::as_const(m_rows))
        m_engine.unpublish(r.name);
}

QList<ShareRow> ShareSession::rows() const {
    return m_rows;
}

const ShareRow* ShareSession::row(const QString& name) const {
    for (const ShareRow& r : m_rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

bool ShareSession::apply(const tunnel::ShareHealth& health) {
    for (ShareRow& r : m_rows) {
        if (r.name == health.name) {
            r.health = health;
            r.url = shareUrl(r);
            return true;
        }
    }
    return false;
}

void ShareSession::onShareChanged(const tunnel::ShareHealth& health) {
    if (!apply(health))
        return;
    const ShareRow changed = *row(health.name);
    if (health.state == tunnel::ShareState::Stopped)
        m_rows.removeIf([&](const ShareRow& r) { return r.name == health.name; });
    Q_EMIT shareChanged(changed);
}

void ShareSession::onHealthUpdated(const QList<tunnel::ShareHealth>& health) {
    for (const tunnel::ShareHealth& h : health)
        apply(h);
    Q_EMIT healthUpdated(m_rows);
}

} // namespace labshare::share
