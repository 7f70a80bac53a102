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
// A publish entry may list whom the lab meant it for (`tls/57400/alice@example.org,example.org`).
// Published gated, only those people get through LabShare's gate; published open (no identity
// provider, or deliberately), it is open *despite* that list, and no view may show the list as if it
// were enforced: the two Kinds have their own texts and JSON words, so they never read alike.
class ShareAccess {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareAccess)

public:
    enum class Kind {
        Open,            // the entry lists no one: anyone with the address, as the lab intends
        OpenDespiteList, // the entry lists people or domains, but anyone with the address can connect
        Gated,           // only the listed people and domains, signed in at the gate
    };

    static ShareAccess of(const topology::PublishSpec& spec, bool gated = false);

    Kind kind() const { return m_kind; }
    // The people and domains the lab's entry lists, as written; empty when Open.
    const QStringList& labAsksFor() const { return m_labAsksFor; }
    // "anyone", "anyone (the lab asks for alice@example.org, example.org)", or
    // "only alice@example.org, example.org (signed in)".
    QString text() const;
    // Who can connect, as one untranslated word for machines (`up --json`): "anyone" or "listed".
    QString whoKey() const;

private:
    Kind m_kind = Kind::Open;
    QStringList m_labAsksFor;
};

} // namespace labshare::share
