// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace labshare::auth {

// The path of the redirect URI the loopback receiver listens for.
inline const QLatin1String kRedirectPath("/callback");

// What a browser asks of the loopback redirect target (LoopbackReceiver), read from the bytes of its
// request that have arrived so far. No socket here: the receiver answers according to `kind`.
struct RedirectRequest {
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;

    enum class Kind {
        Incomplete, // the request head has not fully arrived
        TooLarge,   // more than kMaxHeadBytes arrived
        NotGet,     // not "GET target HTTP/x"
        NotFound,   // not the redirect path (a favicon, a probe)
        WrongState, // the redirect path, but not the state of this sign-in
        Refused,    // this sign-in, but the issuer sent an error or no code
        Code,       // this sign-in's authorization code
    };

    Kind kind = Kind::Incomplete;
    QByteArray code;          // Code
    QString error;            // Refused: the OAuth error; empty when the answer carried no code and no error
    QString errorDescription; // Refused: the issuer's error_description, if any
};

// Reads the request in `received` (pass at most kMaxHeadBytes + 1 bytes: more is TooLarge anyway) for the
// sign-in whose state is `expectedState`.
RedirectRequest readRedirectRequest(const QByteArray& received, QByteArrayView expectedState);

} // namespace labshare::auth
