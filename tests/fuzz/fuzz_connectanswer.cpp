// SPDX-License-Identifier: GPL-3.0-or-later
// An HTTP proxy's answer to CONNECT (tunnel/net/ConnectAnswer), taken off a "socket" the way httpConnect does:
// peek what is there, take what belongs to the head. The head taken ends at its first blank line.
#include "FuzzSupport.h"

#include "tunnel/net/ConnectAnswer.h"

using namespace labshare;
using namespace labshare::tunnel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input = fuzz::bytes(data, size);
    ConnectAnswer answer;
    qsizetype at = 0;      // taken off the socket
    qsizetype arrived = 0; // arrived in the socket
    for (const QByteArray& arrival : fuzz::pieces(input)) {
        arrived += arrival.size();
        // What a peek sees: everything that arrived and was not taken yet.
        const QByteArray peeked = input.mid(at, arrived - at);
        const qsizetype take = answer.headBytesIn(peeked);
        FUZZ_CHECK(take >= 0 && take <= peeked.size());
        answer.take(peeked.left(take));
        at += take;
        if (answer.complete() || answer.overlong())
            break;
    }
    if (answer.complete()) {
        FUZZ_CHECK(answer.head().indexOf("\r\n\r\n") == answer.head().size() - 4);
        FUZZ_CHECK(input.startsWith(answer.head()));
        (void)answer.verdict("relay.example.org:22");
    } else {
        FUZZ_CHECK(!answer.head().contains("\r\n\r\n"));
    }
    return 0;
}
