// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabDir.h"
#include "share/LabSettings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace labshare::testsupport {

namespace {

bool writeFile(const QString& path, const QByteArray& content, QString* error) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size())
        return true;
    *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
}

} // namespace

LabDir::LabDir(const QString& lab)
    : m_lab(lab) {}

QString LabDir::topologyFile() const {
    return m_dir.filePath(m_lab + QStringLiteral(".clab.yml"));
}

QString LabDir::topologyDataFile() const {
    return m_dir.filePath(QStringLiteral("clab-%1/topology-data.json").arg(m_lab));
}

QString LabDir::shareName(const QString& node, const QString& type, quint16 port) {
    return QStringLiteral("clab-%1-%2-%3").arg(node, type).arg(port);
}

bool LabDir::write(const QList<LabNode>& nodes) {
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    m_nodes = nodes;
    QString yaml = QStringLiteral("name: %1\ntopology:\n  nodes:\n").arg(m_lab);
    QJsonObject runtimeNodes;
    for (const LabNode& node : nodes) {
        yaml += QStringLiteral("    %1:\n"
                               "      kind: linux\n"
                               "      image: alpine:3\n"
                               "      labels:\n"
                               "        labshare.publish: \"%2\"\n")
                    .arg(node.name, node.publish);
        runtimeNodes.insert(
            node.name, QJsonObject{{QStringLiteral("shortname"), node.name},
                                   {QStringLiteral("longname"), QStringLiteral("clab-%1-%2").arg(m_lab, node.name)},
                                   {QStringLiteral("kind"), QStringLiteral("linux")},
                                   {QStringLiteral("mgmt-ipv4-address"), node.address},
                                   {QStringLiteral("mgmt-ipv6-address"), QString()}});
    }
    const QJsonObject data{{QStringLiteral("name"), m_lab},
                           {QStringLiteral("type"), QStringLiteral("clab")},
                           {QStringLiteral("nodes"), runtimeNodes},
                           {QStringLiteral("links"), QJsonArray()}};
    if (!QDir(m_dir.path()).mkpath(QStringLiteral("clab-") + m_lab)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir.filePath(QStringLiteral("clab-") + m_lab));
        return false;
    }
    return writeFile(topologyFile(), yaml.toUtf8(), &m_error) &&
           writeFile(topologyDataFile(), QJsonDocument(data).toJson(), &m_error);
}

void LabDir::allowItsTargets() const {
    QList<share::LocalTarget> targets;
    for (const LabNode& node : m_nodes)
        targets.append({node.name, node.address, QString()});
    share::LabSettings(topologyFile()).allowLocalTargets(targets);
}

} // namespace labshare::testsupport
