// SPDX-License-Identifier: GPL-3.0-or-later
#include "EchoLab.h"
#include "share/LabSettings.h"

namespace labshare::testsupport {

EchoLab::EchoLab(int count, int firstAddress)
    : m_first(firstAddress) {
    for (int i = 0; i < count; ++i)
        m_nodes.push_back(std::make_unique<EchoNode>());
}

bool EchoLab::start() {
    QList<LabNode> nodes;
    for (int i = 0; i < size(); ++i) {
        const QString address = QStringLiteral("127.0.0.%1").arg(m_first + i);
        if (!node(i).listen(QHostAddress(address))) {
            m_error = node(i).errorString();
            return false;
        }
        nodes.append({nodeName(i), address, QStringLiteral("tcp/%1").arg(node(i).port())});
    }
    if (!m_dir.write(nodes)) {
        m_error = m_dir.errorString();
        return false;
    }
    return true;
}

void EchoLab::rememberAsShared(const QString& relayUrl) const {
    share::LabSettings settings(topologyFile());
    settings.setRelayUrl(relayUrl);
    settings.setTicked(shareNames());
    settings.setAutoPublish(true);
    allowItsTargets();
}

QStringList EchoLab::shareNames() const {
    QStringList names;
    for (int i = 0; i < size(); ++i)
        names.append(LabDir::shareName(nodeName(i), QStringLiteral("tcp"), m_nodes.at(static_cast<size_t>(i))->port()));
    return names;
}

QList<qint64> EchoLab::bytesEchoed() const {
    QList<qint64> bytes;
    for (const auto& n : m_nodes)
        bytes.append(n->bytesEchoed());
    return bytes;
}

QString EchoLab::roundTrip(const QList<Endpoint>& endpoints, int connections, int timeoutMs) const {
    const QList<qint64> before = bytesEchoed();
    ChecksumRun run;
    run.connections = connections;
    run.timeoutMs = timeoutMs;
    run.sources = 4; // as many students, each well under LabShare's cap per source address
    const ChecksumSummary summary = runChecksumClients(endpoints, run);
    if (!summary.allOk())
        return summary.describe();
    const QList<qint64> after = bytesEchoed();
    for (qsizetype i = 0; i < endpoints.size() && i < after.size(); ++i)
        if (after.at(i) - before.at(i) != summary.bytesSent.at(i))
            return QStringLiteral("node %1 echoed %2 bytes, but %3 were sent to its share")
                .arg(nodeName(static_cast<int>(i)))
                .arg(after.at(i) - before.at(i))
                .arg(summary.bytesSent.at(i));
    return {};
}

} // namespace labshare::testsupport
