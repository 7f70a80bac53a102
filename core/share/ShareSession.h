// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "share/LocalTarget.h"
#include "share/ShareVisitors.h"
#include "share/TerminalShares.h"
#include "terminal/TerminalKey.h"
#include "topology/Topology.h"
#include "tunnel/TunnelEngine.h"
#include "tunnel/bookkeeping/ShareHealth.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <optional>
#include <utility>

namespace labshare::share {

// A published (or to-be-published) port, as every view shows it.
struct ShareRow {
    QString name;
    QString node;
    QString kind;
    topology::PublishSpec spec;
    QString target; // host the node is reached at
    tunnel::ShareHealth health;
    QString url; // what users open: http(s)://…, ssh://user@host:port, or empty
    // The key of the gate that enforces the entry's allow-list ("SHA256:…"), which every handout
    // names; empty: the share is open.
    QString gateFingerprint;
    ShareVisitors visitors;              // who came to the gate while this share was published
    terminal::TerminalKeys terminalKeys; // term shares: the keys their links carry (never logged)
    QString terminalUser; // term shares: the user the instructor's login logs students in as; empty: they log in
    bool isGated() const { return !gateFingerprint.isEmpty(); }
};

// What is published for the open lab: the one object the window, the tray and `labshare up`
// drive. It turns ticked entries into forwards on the tunnel engine and the engine's health
// into share rows. A new relay (setEngine) or a reloaded file (setTopology) keeps what is ticked:
// only the user stops a share.
// Lives on the engine's thread.
class ShareSession : public QObject {
    Q_OBJECT

public:
    explicit ShareSession(topology::Topology topology, QObject* parent = nullptr);
    ~ShareSession() override;

    const topology::Topology& topology() const { return m_topology; }
    // Entries with an allow-list are published from now on through the gate whose key has
    // `fingerprint` (an identity provider is set); empty (the start), they are published open, which
    // the caller decides deliberately. Shares already published keep how they were published.
    void setGate(const QString& fingerprint) { m_gateFingerprint = fingerprint; }
    bool isGating() const { return !m_gateFingerprint.isEmpty(); }
    // The lab was reloaded: ticked entries stay ticked. One whose node's address changed keeps
    // forwarding where it did until the user says (takeMovedTargets(), then publish() again): a
    // students' address never silently reaches another machine. An entry whose node is gone from
    // the file (renamed, deleted) or has no address any more keeps forwarding too: see orphans().
    void setTopology(topology::Topology topology);
    struct MovedTarget {
        ShareRow row;   // as it runs, to the old address
        QString target; // the address the reloaded lab gives its node
    };
    // Shares the last reloads would have moved to another address; asking clears the list.
    QList<MovedTarget> takeMovedTargets() { return std::exchange(m_moved, {}); }
    // Ticked shares whose node the lab no longer has, in the order they were ticked.
    QStringList orphans() const;
    // Publishes through `engine` from now on (nullptr: nowhere); everything ticked is asked for again.
    void setEngine(tunnel::TunnelEngine* engine);
    tunnel::TunnelEngine* engine() const { return m_engine; }
    // Reaches `node` at `host` instead of its management address (the user typed it, or --target).
    void setTargetOverride(const QString& node, const QString& host);
    // The login browser terminals on `node` use instead of asking students (read from the keychain by the
    // caller; nullptr: students log in themselves). Open terminals keep theirs.
    void setNodeLogin(const QString& node, std::shared_ptr<const terminal::NodeLogin> login);

    // Lab targets that reach this computer (see LocalTarget) are published only with consent: for
    // these nodes at these addresses, or for the whole lab. A target the user typed needs none.
    void allowLocalTargets(const QList<LocalTarget>& targets);
    void allowAllLocalTargets() { m_allLocalAllowed = true; }
    // The lab's targets that reach this computer and have no consent yet, node by node.
    QList<LocalTarget> localTargets() const;
    void setOwnAddresses(const QList<QHostAddress>& addresses) { m_ownAddresses = addresses; } // tests

    // Ticks one entry of a node. Fails when the node is unknown, has no address to reach it at, or
    // its lab target reaches this computer without consent (ErrorCode::LocalTarget).
    Result<QString> publish(const QString& node, const topology::PublishSpec& spec);
    void unpublish(const QString& name);

    QList<ShareRow> rows() const { return m_rows; }
    const ShareRow* row(const QString& name) const;
    bool isTicked(const QString& name) const { return row(name) != nullptr; }
    QStringList tickedNames() const;

Q_SIGNALS:
    void shareChanged(const labshare::share::ShareRow& row);
    void healthUpdated(const QList<labshare::share::ShareRow>& rows);
    void tickedChanged(); // a share was ticked or unticked

private:
    Result<ShareRow> makeRow(const QString& node, const topology::PublishSpec& spec) const;
    std::optional<LocalTarget> unconsentedLocalTarget(const topology::Node& node) const;
    Result<bool> forward(const ShareRow& row); // fails only when a terminal server cannot start
    void onShareChanged(const tunnel::ShareHealth& health);
    void onHealthUpdated(const QList<tunnel::ShareHealth>& health);
    void onGateVerdict(const gate::GateVerdict& verdict);
    bool apply(const tunnel::ShareHealth& health);

    tunnel::TunnelEngine* m_engine = nullptr;
    topology::Topology m_topology;
    QString m_gateFingerprint;
    QHash<QString, QString> m_targets;
    QList<QHostAddress> m_ownAddresses = thisComputersAddresses();
    QSet<QString> m_allowedLocal; // "node host" pairs
    bool m_allLocalAllowed = false;
    QList<MovedTarget> m_moved;
    QList<ShareRow> m_rows;                      // ticked, in the order they were ticked
    std::unique_ptr<TerminalShares> m_terminals; // the servers of term/<port> shares
};

// The link a share hands out, from its type and public address.
QString shareUrl(const ShareRow& row);
// A browser terminal's links: students' (shareUrl), the instructor's own terminal, and the read-only watch link
// that mirrors it; empty for other shares, and until the share has a public address.
QString terminalLink(const ShareRow& row, terminal::TerminalRole role);

} // namespace labshare::share
