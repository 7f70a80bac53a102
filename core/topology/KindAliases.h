// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::topology {

// The canonical containerlab kind for a kind string as users write it: "srl" -> "nokia_srlinux",
// "vr-sros" -> "nokia_sros", ...; unknown kinds come back lower-cased and otherwise unchanged.
QString canonicalKind(const QString& kind);

// Kinds that have no container of their own, so nothing on them can be published.
bool isContainerlessKind(const QString& canonical);

} // namespace labshare::topology
