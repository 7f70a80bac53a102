// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace labshare {

// Whether `text` is a DNS host name as relays and users write them: 1 to 253 ASCII letters, digits,
// '-', '_' (sish-style subdomains) and '.', neither starting nor ending with '.' or '-'. No IP literal
// (callers that accept one say so), no Unicode: a relay names punycode hosts, and anything else
// a relay prints is not trusted to name a host.
bool isHostName(QStringView text);

} // namespace labshare
