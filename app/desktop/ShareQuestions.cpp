// SPDX-License-Identifier: GPL-3.0-or-later
#include "ShareQuestions.h"
#include "share/ShareCommands.h"

namespace labshare::app {

using share::ShareCommands;
using share::ShareRow;

QString ShareQuestions::addressList(const QList<ShareRow>& rows) {
    QStringList lines;
    for (const ShareRow& r : rows) {
        const QString address = ShareCommands::hostPort(r);
        lines << (address.isEmpty() ? r.name : tr("%1 %2 — %3").arg(r.node, ShareCommands::serviceName(r), address));
    }
    return lines.join(QLatin1Char('\n'));
}

ui::Question ShareQuestions::switchRelay(const QList<ShareRow>& rows, const QString& relayName) {
    return {tr("Switch relay?"),
            tr("Publishing through %1 gives every share a new address: %n student address(es) will change, and "
               "the addresses you handed out stop working.",
               nullptr, rows.size())
                .arg(relayName),
            tr("Addresses that stop working:\n%1").arg(addressList(rows)),
            tr("Switch relay"),
            {}};
}

ui::Question ShareQuestions::openOtherLab(const QList<ShareRow>& rows, const QString& file) {
    return {tr("Open another lab?"),
            tr("Opening %1 stops the %n share(s) of the lab that is open now; students lose these addresses.", nullptr,
               rows.size())
                .arg(file),
            addressList(rows),
            tr("Stop them and open"),
            {}};
}

ui::Question ShareQuestions::stopAll(const QList<ShareRow>& rows) {
    return {tr("Stop all shares?"),
            tr("Students lose the %n address(es) below. Ticking a port again later on this relay gives it the same "
               "address.",
               nullptr, rows.size()),
            addressList(rows),
            tr("Stop all"),
            {}};
}

ui::Question ShareQuestions::stopOne(const ShareRow& row) {
    return {tr("Stop %1?").arg(row.name),
            tr("Students lose this address. Ticking the port again later on this relay gives it the same address."),
            addressList({row}),
            tr("Stop sharing"),
            {}};
}

ui::Question ShareQuestions::openToAnyone(const QString& shareName, const QStringList& allowed,
                                          const QString& whyNoGate) {
    return {tr("Open %1 to anyone?").arg(shareName),
            tr("The lab says %1 is only for: %2.\n\nLabShare's gate cannot check who connects, because %3, so anyone "
               "who has the address will be able to reach it.")
                .arg(shareName, allowed.join(QStringLiteral(", ")), whyNoGate),
            {},
            tr("Publish open to anyone"),
            {}};
}

ui::Question ShareQuestions::publishLocalTargets(const QList<share::LocalTarget>& targets, const QString& file) {
    QStringList lines;
    for (const share::LocalTarget& t : targets)
        lines << tr("%1 → %2 (%3)").arg(t.node, t.host, t.why);
    return {tr("Publish services of this computer?"),
            tr("%1 has LabShare reach %n node(s) at an address of this computer itself, not of a lab node. "
               "Publishing them lets students reach whatever listens there on your machine. Only agree if you "
               "wrote or checked this lab; LabShare asks again if the lab names other such addresses.",
               nullptr, targets.size())
                .arg(file),
            lines.join(QLatin1Char('\n')), tr("Publish them"), tr("Leave them unpublished")};
}

ui::Question ShareQuestions::moveTargets(const QList<share::ShareSession::MovedTarget>& moved) {
    QStringList lines;
    for (const share::ShareSession::MovedTarget& m : moved)
        lines << tr("%1: %2 → %3").arg(addressList({m.row}), m.row.target, m.target);
    return {tr("Reach the nodes at their new addresses?"),
            tr("The reloaded lab gives the node(s) of %n share(s) another address. Until you say, these shares keep "
               "reaching the old one. Students' addresses stay the same either way.",
               nullptr, moved.size()),
            lines.join(QLatin1Char('\n')), tr("Reach the new addresses"), tr("Keep the old ones")};
}

} // namespace labshare::app
