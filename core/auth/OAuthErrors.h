// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::auth {

// What an OAuth error code (RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 8628 §3.5, and the names Microsoft
// Entra ID documents for two of them) means, as a sentence part for the user ("the sign-in or code is
// no longer valid …"). Empty for other codes: a provider's own code ("invalid_code") says nothing
// reliable, so callers describe it by its HTTP status.
QString oauthErrorMeaning(const QString& code);

} // namespace labshare::auth
