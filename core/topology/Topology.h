// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Node.h"
#include "topology/Problem.h"

#include <QList>
#include <QString>

namespace labshare::topology {

struct LinkEndpoint {
    QString node;
    QString interface;
};

struct Link {
    QString type; // "veth" for the brief form
    QList<LinkEndpoint> endpoints;
};

// A containerlab lab as LabShare understands it: nodes in file order, links, and every problem found.
struct Topology {
    QString name;
    QString file;   // the path as given
    QString prefix; // container name prefix; "clab" unless the file says otherwise
    QList<Node> nodes;
    QList<Link> links;
    QList<Problem> problems;

    const Node* node(const QString& nodeName) const;
    bool hasErrors() const { return topology::hasErrors(problems); }
};

// containerlab's container naming: clab-<lab>-<node> by default, <node> for an empty prefix,
// <lab>-<node> for "__lab-name", <prefix>-<lab>-<node> otherwise.
QString containerName(const QString& prefix, const QString& lab, const QString& node);

} // namespace labshare::topology
