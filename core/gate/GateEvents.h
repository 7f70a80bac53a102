// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "gate/TicketBook.h"
#include "gate/TlsIdentity.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace labshare::gate {

// What the gates of a LabShare installation share: the TLS identity students pin, the tickets, and
// who shares (for the hello). Made by the app; read by the relay workers.
struct GateSetup {
    TlsIdentity identity;
    std::shared_ptr<TicketBook> tickets;
    QString sharedBy;
};

// How a connection to a gated share was let through or turned away, and when an admitted one ended,
// for the window, the log and `up --json`.
struct GateVerdict {
    enum class Kind { Admitted, Refused, Ended };
    QString share;
    Kind kind = Kind::Refused;
    QString identity; // the e-mail, when it is known
    QString reason;   // one line, e.g. "bob@example.test is not on the list for clab-r1-tcp-22"
    bool admitted() const { return kind == Kind::Admitted; }
};

// The answer to one sign-in a gate asked for (by id), from the thread that talks to the identity
// provider: first the device code, then who signed in, or why nobody did.
struct SignInAnswer {
    quint64 id = 0;
    std::optional<auth::DeviceCode> code;
    std::optional<auth::Identity> identity;
    QString error; // set when the sign-in failed
};

} // namespace labshare::gate

Q_DECLARE_METATYPE(labshare::gate::GateVerdict)
