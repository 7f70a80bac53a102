// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChecksumClient.h"
#include "EchoNode.h"
#include "Endpoint.h"
#include "LabDir.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace labshare::testsupport {

// A deployed lab of `count` nodes n1, n2, ... at 127.0.0.<first>, 127.0.0.<first+1>, ..., each running an
// echo server on a free port and publishing it with the label "tcp/<port>".
class EchoLab {
public:
    explicit EchoLab(int count = 3, int firstAddress = 11);

    [[nodiscard]] bool start();
    QString errorString() const { return m_error; }

    QString topologyFile() const { return m_dir.topologyFile(); }
    QString topologyDataFile() const { return m_dir.topologyDataFile(); }
    void allowItsTargets() const { m_dir.allowItsTargets(); } // see LabDir
    // A returning instructor: the lab's settings say every share was last shared through `relayUrl` and is published
    // again as soon as the lab opens; its targets are allowed.
    void rememberAsShared(const QString& relayUrl) const;
    int size() const { return static_cast<int>(m_nodes.size()); }
    EchoNode& node(int i) { return *m_nodes.at(static_cast<size_t>(i)); }
    QString nodeName(int i) const { return QStringLiteral("n%1").arg(i + 1); }
    QStringList shareNames() const;    // clab-n1-tcp-<port>, ... in node order
    QList<qint64> bytesEchoed() const; // per node, in node order
    // Runs `connections` checksum clients at once over `endpoints` (share i of node i), from four source
    // addresses (127.0.0.1 to 127.0.0.4, see ChecksumRun::sources), and checks
    // that every payload came back intact and that node i echoed exactly what was sent to share i.
    // Empty when all is well, else what went wrong.
    QString roundTrip(const QList<Endpoint>& endpoints, int connections, int timeoutMs = 60000) const;

private:
    int m_first;
    LabDir m_dir;
    std::vector<std::unique_ptr<EchoNode>> m_nodes;
    QString m_error;
};

} // namespace labshare::testsupport
