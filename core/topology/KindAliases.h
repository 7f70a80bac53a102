// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::topology {

// The canonical containerlab kind for a kind string as users write it: "srl" -> "nokia_srlinux",
// "vr-sros" -> "nokia_sros", ...; unknown kinds come back lower-cased and otherwise unchanged.
QString canonicalKind(const QString& kind);

// Kinds that have no container of their own, so nothing on them can be published.
bool isContainerlessKind(const QString& canonical);

// The login user students type for a node's SSH port: admin on SR Linux, cEOS and SR OS, root on linux;
// empty for kinds whose default is not known.
QString defaultLoginUser(const QString& canonical);

} // namespace labshare::topology
