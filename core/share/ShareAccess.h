// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/PublishSpec.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace labshare::share {

// Who can connect to a share, worded once for every view: the shares table's Who column, the
// share sheet, the presentation view and `labshare up --json`.
//
// LabShare does not check who connects yet: every share is open to anyone who has its address.
// A publish entry may still list whom the lab meant it for (`tls/57400/alice@example.org,example.org`);
// when the instructor publishes such an entry, it is open *despite* that list, and no view may show
// the list as if it were enforced. Once identity checks exist, a gated share becomes one more Kind
// (with its own text and JSON word), so "gated" and "open despite a list" can never read alike.
class ShareAccess {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareAccess)

public:
    enum class Kind {
        Open,            // the entry lists no one: anyone with the address, as the lab intends
        OpenDespiteList, // the entry lists people or domains, but anyone with the address can connect
    };

    static ShareAccess of(const topology::PublishSpec& spec);

    Kind kind() const { return m_kind; }
    // The people and domains the lab's entry lists, as written; empty when Open.
    const QStringList& labAsksFor() const { return m_labAsksFor; }
    // "anyone", or "anyone (the lab asks for alice@example.org, example.org)".
    QString text() const;
    // Who can connect, as one untranslated word for machines (`up --json`): "anyone".
    QString whoKey() const;

private:
    Kind m_kind = Kind::Open;
    QStringList m_labAsksFor;
};

} // namespace labshare::share
