// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QTemporaryDir>

namespace labshare::testsupport {

struct LabNode {
    QString name;    // n1
    QString address; // its management address, 127.0.0.x
    QString publish; // the labshare.publish label, e.g. "tcp/7001 tcp/7002"
};

// A deployed containerlab lab as LabShare finds it on disk: <dir>/<lab>.clab.yml with each node's
// labshare.publish label, and <dir>/clab-<lab>/topology-data.json giving each node's address.
class LabDir {
public:
    explicit LabDir(const QString& lab = QStringLiteral("lab"));

    [[nodiscard]] bool write(const QList<LabNode>& nodes);
    // What the window remembers once its user agreed to publish these loopback nodes (the lab is on
    // this computer, so LabShare asks first): for tests of everything after that question.
    void allowItsTargets() const;
    QString topologyFile() const;
    QString topologyDataFile() const;
    QString lab() const { return m_lab; }
    QString errorString() const { return m_error; }

    // The share name LabShare gives a node's entry: clab-<node>-<type>-<port>.
    static QString shareName(const QString& node, const QString& type, quint16 port);

private:
    QTemporaryDir m_dir;
    QList<LabNode> m_nodes;
    QString m_lab;
    QString m_error;
};

} // namespace labshare::testsupport
