// SPDX-License-Identifier: GPL-3.0-or-later
// The browser's request to the browser sign-in's loopback redirect (auth/RedirectRequest), as the bytes
// arrive: once the request is readable, more bytes never change what it says.
#include "FuzzSupport.h"

#include "auth/RedirectRequest.h"

using namespace labshare;
using namespace labshare::auth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input = fuzz::bytes(data, size).left(RedirectRequest::kMaxHeadBytes + 1);
    const QByteArray state("s-42");
    const RedirectRequest whole = readRedirectRequest(input, state);
    if (whole.kind == RedirectRequest::Kind::Code)
        FUZZ_CHECK(!whole.code.isEmpty() && whole.error.isEmpty());
    if (whole.kind != RedirectRequest::Kind::Refused)
        FUZZ_CHECK(whole.errorDescription.isEmpty());
    QByteArray arrived;
    for (const QByteArray& piece : fuzz::pieces(input)) {
        arrived += piece;
        const RedirectRequest early = readRedirectRequest(arrived, state);
        if (early.kind != RedirectRequest::Kind::Incomplete) {
            FUZZ_CHECK(early.kind == whole.kind || whole.kind == RedirectRequest::Kind::TooLarge);
            if (whole.kind != RedirectRequest::Kind::TooLarge)
                FUZZ_CHECK(early.code == whole.code && early.error == whole.error);
            break;
        }
    }
    return 0;
}
