// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareSession.h"
#include "share/ShareName.h"
#include "terminal/TerminalKey.h"
#include "topology/KindAliases.h"

#include <QCoreApplication>

namespace labshare::share {

using topology::PublishType;

QString terminalLink(const ShareRow& row, terminal::TerminalRole role) {
    const QByteArray& key = role == terminal::TerminalRole::Presenter ? row.terminalKeys.presenter
                            : role == terminal::TerminalRole::Watcher ? row.terminalKeys.watcher
                                                                      : row.terminalKeys.student;
    const QString address = row.health.publicAddress();
    if (row.spec.type != PublishType::Term || key.isEmpty() || (address.isEmpty() && row.health.url.isEmpty()))
        return {};
    QString base = row.health.url.isEmpty() ? QStringLiteral("http://") + address : row.health.url; // the relay's
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/t/") + QString::fromLatin1(key);
}

QString shareUrl(const ShareRow& row) {
    if (row.spec.type == PublishType::Term)
        return terminalLink(row, terminal::TerminalRole::Student);
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
        const QString user = topology::defaultLoginUser(row.kind);
        if (row.spec.port == 22 && !user.isEmpty())
            return QStringLiteral("ssh://") + user + QLatin1Char('@') + address;
        return {};
    }
    case PublishType::Tls:
        return {};
    case PublishType::Term:
        break;
    }
    return {};
}

ShareSession::ShareSession(topology::Topology topology, QObject* parent)
    : QObject(parent)
    , m_topology(std::move(topology))
    , m_terminals(std::make_unique<TerminalShares>(m_topology.file)) {}

ShareSession::~ShareSession() = default;

void ShareSession::setEngine(tunnel::TunnelEngine* engine) {
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (!m_engine)
        return;
    connect(m_engine, &tunnel::TunnelEngine::shareChanged, this, &ShareSession::onShareChanged);
    connect(m_engine, &tunnel::TunnelEngine::healthUpdated, this, &ShareSession::onHealthUpdated);
    connect(m_engine, &tunnel::TunnelEngine::gateVerdict, this, &ShareSession::onGateVerdict);
    for (ShareRow& r : m_rows) {
        const QString name = r.name;
        r.health = tunnel::ShareHealth{};
        r.health.name = name;
        r.health.node = r.node;
        r.health.type = topology::publishTypeName(r.spec.type);
        r.health.nodePort = r.spec.port;
        r.url.clear();
        (void)forward(r); // a terminal that cannot listen stays down, as its row shows
    }
}

void ShareSession::setTopology(topology::Topology topology) {
    m_topology = std::move(topology);
    const QList<ShareRow> ticked = m_rows;
    for (const ShareRow& old : ticked) {
        const topology::Node* node = m_topology.node(old.node);
        if (!node)
            continue; // an orphan
        topology::PublishSpec spec = old.spec;
        for (const topology::PublishSpec& declared : node->publish) // it may have changed who may use it
            if (declared.type == spec.type && declared.port == spec.port)
                spec = declared;
        Result<ShareRow> row = makeRow(old.node, spec);
        const std::optional<LocalTarget> local = unconsentedLocalTarget(*node);
        const QString target = row ? row->target : local ? local->host : QString();
        if (target.isEmpty())
            continue; // no address any more: it keeps forwarding where it did
        if (target != old.target) {
            m_moved.removeIf([&](const MovedTarget& m) { return m.row.name == old.name; });
            m_moved.append({old, target});
        } else if (row && row->spec.allowed != old.spec.allowed) {
            (void)publish(old.node, spec); // cannot fail: makeRow just succeeded
        }
    }
}

QStringList ShareSession::orphans() const {
    QStringList out;
    for (const ShareRow& r : m_rows)
        if (!m_topology.node(r.node))
            out << r.name;
    return out;
}

void ShareSession::allowLocalTargets(const QList<LocalTarget>& targets) {
    for (const LocalTarget& t : targets)
        m_allowedLocal.insert(t.node + QLatin1Char(' ') + t.host);
}

QList<LocalTarget> ShareSession::localTargets() const {
    QList<LocalTarget> out;
    for (const topology::Node& node : m_topology.nodes)
        if (const std::optional<LocalTarget> local = unconsentedLocalTarget(node))
            out << *local;
    return out;
}

// The node's target, when the lab gave it (no override), it reaches this computer, and the user did not agree.
std::optional<LocalTarget> ShareSession::unconsentedLocalTarget(const topology::Node& node) const {
    if (m_allLocalAllowed || m_targets.contains(node.name))
        return std::nullopt;
    const bool hostNetwork = node.networkMode == QLatin1String("host");
    const QString host =
        hostNetwork && node.managementAddress().isEmpty() ? QStringLiteral("127.0.0.1") : node.managementAddress();
    if (host.isEmpty() || m_allowedLocal.contains(node.name + QLatin1Char(' ') + host))
        return std::nullopt;
    const std::optional<QString> why = whyLocal(host, hostNetwork, m_ownAddresses);
    if (!why)
        return std::nullopt;
    return LocalTarget{node.name, host, *why};
}

void ShareSession::setTargetOverride(const QString& node, const QString& host) {
    if (host.isEmpty())
        m_targets.remove(node);
    else
        m_targets.insert(node, host);
}

Result<ShareRow> ShareSession::makeRow(const QString& nodeName, const topology::PublishSpec& spec) const {
    const topology::Node* node = m_topology.node(nodeName);
    if (!node)
        return makeError(ErrorCode::BadInput, tr("the lab has no node '%1'").arg(nodeName));
    if (const std::optional<LocalTarget> local = unconsentedLocalTarget(*node))
        return makeError(ErrorCode::LocalTarget,
                         tr("the lab has LabShare reach %1 at %2 (%3): that is this computer itself, not a lab node")
                             .arg(nodeName, local->host, local->why));
    QString target = m_targets.value(nodeName);
    if (target.isEmpty())
        target = node->managementAddress();
    if (target.isEmpty() && node->networkMode == QLatin1String("host"))
        target = QStringLiteral("127.0.0.1"); // the node shares this machine's network
    if (target.isEmpty())
        return makeError(ErrorCode::NoAddress,
                         tr("node '%1' has no management address yet (is the lab deployed?)").arg(nodeName));
    ShareRow row;
    row.name = shareName(nodeName, spec);
    row.node = nodeName;
    row.kind = node->kind;
    row.spec = spec;
    row.target = target;
    row.gateFingerprint = spec.isOpen() ? QString() : m_gateFingerprint;
    if (spec.type == PublishType::Term)
        row.terminalUser = m_terminals->loginUser(nodeName);
    row.health.name = row.name;
    row.health.node = nodeName;
    row.health.type = topology::publishTypeName(spec.type);
    row.health.nodePort = spec.port;
    return row;
}

Result<bool> ShareSession::forward(const ShareRow& row) {
    if (!m_engine)
        return true;
    const QStringList allowed = row.isGated() ? row.spec.allowed : QStringList();
    if (row.spec.type != PublishType::Term) {
        m_engine->publish({row.name, row.node, row.health.type, row.target, row.spec.port, 0, allowed});
        return true;
    }
    // A browser terminal: the relay leads to LabShare's own terminal server, an HTTP share to the gate.
    const Result<quint16> local = m_terminals->serve(row.name, row.node, row.target, row.spec.port, row.terminalKeys);
    if (!local)
        return local.error();
    m_engine->publish({row.name, row.node, QStringLiteral("http"), QStringLiteral("127.0.0.1"), *local, 0, allowed});
    return true;
}

Result<QString> ShareSession::publish(const QString& nodeName, const topology::PublishSpec& spec) {
    Result<ShareRow> row = makeRow(nodeName, spec);
    if (!row)
        return row.error();
    const ShareRow* before = this->row(row->name);
    const bool wasTicked = before != nullptr;
    if (before) {
        row->visitors = before->visitors; // the same share, published again (re-targeted, say)
        row->terminalKeys = before->terminalKeys;
    } else if (row->spec.type == PublishType::Term) {
        row->terminalKeys = terminal::TerminalKeys::fresh(); // a share ticked again hands out new links
    }
    if (Result<bool> forwarded = forward(*row); !forwarded)
        return forwarded.error();
    m_rows.removeIf([&](const ShareRow& r) { return r.name == row->name; });
    m_rows.append(*row);
    if (!wasTicked)
        Q_EMIT tickedChanged();
    return row->name;
}

void ShareSession::setNodeLogin(const QString& node, std::shared_ptr<const terminal::NodeLogin> login) {
    m_terminals->setLogin(node, std::move(login));
    const QString user = m_terminals->loginUser(node);
    for (ShareRow& r : m_rows) {
        if (r.node == node && r.spec.type == PublishType::Term && r.terminalUser != user) {
            r.terminalUser = user;
            Q_EMIT shareChanged(r);
        }
    }
}

void ShareSession::unpublish(const QString& name) {
    if (!isTicked(name))
        return;
    m_rows.removeIf([&](const ShareRow& r) { return r.name == name; });
    if (m_engine)
        m_engine->unpublish(name);
    m_terminals->stop(name);
    Q_EMIT tickedChanged();
}

QStringList ShareSession::tickedNames() const {
    QStringList out;
    for (const ShareRow& r : m_rows)
        out << r.name;
    return out;
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
            r.health.type = topology::publishTypeName(r.spec.type); // a terminal is forwarded as http
            r.health.nodePort = r.spec.port;
            r.url = shareUrl(r);
            return true;
        }
    }
    return false;
}

void ShareSession::onShareChanged(const tunnel::ShareHealth& health) {
    if (apply(health)) {
        Q_EMIT shareChanged(*row(health.name));
        return;
    }
    // An unticked share reporting its end: pass the final state on once.
    if (health.state == tunnel::ShareState::Stopped) {
        ShareRow gone;
        gone.name = health.name;
        gone.node = health.node;
        gone.health = health;
        Q_EMIT shareChanged(gone);
    }
}

void ShareSession::onGateVerdict(const gate::GateVerdict& verdict) {
    for (ShareRow& r : m_rows) {
        if (r.name != verdict.share)
            continue;
        const ShareVisitors before = r.visitors;
        r.visitors.record(verdict);
        if (!(r.visitors == before))
            Q_EMIT shareChanged(r);
        return;
    }
}

void ShareSession::onHealthUpdated(const QList<tunnel::ShareHealth>& health) {
    for (const tunnel::ShareHealth& h : health)
        apply(h);
    Q_EMIT healthUpdated(m_rows);
}

} // namespace labshare::share
