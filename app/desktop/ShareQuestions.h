// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"
#include "widgets/Question.h"

#include <QCoreApplication>
#include <QList>

namespace labshare::app {

// The questions asked before something stops shares or moves students' addresses, worded from the
// shares concerned: how many, and which addresses students lose or see change.
class ShareQuestions {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::ShareQuestions)

public:
    ShareQuestions() = delete;

    static ui::Question switchRelay(const QList<share::ShareRow>& rows, const QString& relayName);
    static ui::Question openOtherLab(const QList<share::ShareRow>& rows, const QString& file);
    static ui::Question stopAll(const QList<share::ShareRow>& rows);
    static ui::Question stopOne(const share::ShareRow& row);
    static ui::Question openToAnyone(const QString& shareName, const QStringList& allowed, const QString& whyNoGate);
    static ui::Question publishLocalTargets(const QList<share::LocalTarget>& targets, const QString& file);
    static ui::Question moveTargets(const QList<share::ShareSession::MovedTarget>& moved);

    // "leaf1 SSH — relay.example.org:40123", one line per share; the share's name while it has no address.
    static QString addressList(const QList<share::ShareRow>& rows);
};

} // namespace labshare::app
