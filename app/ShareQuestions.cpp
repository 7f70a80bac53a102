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

} // namespace labshare::app
