// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace labshare::app {

struct Invocation;

// `labshare login`: signs in (device code by default, or the browser) and remembers the sign-in in
// the keychain. Exit 0 signed in, 1 sign-in failed or could not be remembered, 2 bad input.
int runLogin(const Invocation& inv);
// `labshare logout`: revokes the remembered sign-in at the issuer and deletes it from the keychain.
int runLogout();

} // namespace labshare::app
