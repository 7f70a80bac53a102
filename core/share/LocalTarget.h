// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace labshare::share {

// A lab file names where each node is reached. A downloaded lab can name this computer instead
// (loopback, its own addresses, a link-local neighbour, a name that resolves anywhere, or a
// node on the host's network): publishing that would expose the instructor's own services, so
// such a target needs the user's consent first.
struct LocalTarget {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::LocalTarget)

public:
    QString node;
    QString host;
    QString why; // "loopback", "this computer's own address", …, for the question and the message
};

// Why `host`, the target a lab gives `node`, reaches this computer rather than a lab node; nothing
// when it is a lab node's address. `ownAddresses` are this computer's (thisComputersAddresses()).
std::optional<QString> whyLocal(const QString& host, bool hostNetwork, const QList<QHostAddress>& ownAddresses);

QList<QHostAddress> thisComputersAddresses();

} // namespace labshare::share
