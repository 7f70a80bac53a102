// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "topology/SourceLocation.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace labshare::topology {

// Term: a browser terminal onto the node's SSH server at that port, served by LabShare itself.
enum class PublishType { Tcp, Tls, Http, Https, Term };

// Which level of the topology an entry came from.
enum class PublishOrigin { Node, Group, Kind, Defaults, Label };

// One publish entry, `<type>/<port>[/<allowed>]`, as containerlab's retired `publish` key and
// LabShare's `labshare.publish` label write it.
struct PublishSpec {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::PublishSpec)

public:
    PublishType type = PublishType::Tcp;
    quint16 port = 0;
    QStringList allowed; // e-mails (items with '@') and domains, in the order written
    PublishOrigin from = PublishOrigin::Node;
    QString text; // the entry as written, after env expansion
    SourceLocation where;

    QStringList emails() const;
    QStringList domains() const;
    bool isOpen() const { return allowed.isEmpty(); }

    // Parses one entry; `ssh` (border0 era) is read as tcp. The error message quotes the entry.
    static Result<PublishSpec> parse(const QString& text);
};

QString publishTypeName(PublishType type);
QString publishOriginName(PublishOrigin origin);

} // namespace labshare::topology
