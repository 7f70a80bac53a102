// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "common/Result.h"
#include "gate/GateEvents.h"

#include <QByteArray>

#include <optional>

namespace labshare::gate {

// What the owner of one connection through a gated share drives, whichever way the student comes:
// labshare connect's exchange (GateSession) or a browser (HttpGate). Pure state: the owner moves the
// bytes and the time; nothing here blocks or touches a descriptor. Nothing reaches the node before
// isJoined(); then the owner dials it and moves takeForNode() to it and its answers to sendFromNode().
class Gatekeeper {
public:
    virtual ~Gatekeeper() = default;

    virtual void receive(const QByteArray& bytes) = 0;      // from the student
    virtual void sendFromNode(const QByteArray& bytes) = 0; // joined only
    virtual QByteArray takeForStudent() = 0;
    virtual QByteArray takeForNode() = 0;
    virtual void nodeClosed() = 0;
    virtual bool studentClosed() const = 0; // joined: shut the node's write side
    virtual void tick(qint64 nowMs) = 0;

    virtual bool isJoined() const = 0;
    virtual bool isClosing() const = 0;  // refused or done: what is left goes out, then the connection closes
    virtual bool isFinished() const = 0; // closing with nothing left for the student
    virtual std::optional<GateVerdict> takeVerdict() = 0;

    // A device sign-in for this connection (labshare connect's): wanted, then its code, then who.
    virtual bool signInWanted() const { return false; }
    virtual void signInStarted(const auth::DeviceCode& /*code*/, qint64 /*nowMs*/) {}
    virtual void signInFinished(const Result<auth::Identity>& /*identity*/) {}
};

} // namespace labshare::gate
