// SPDX-License-Identifier: GPL-3.0-or-later
// The gate's exchange with `labshare connect` (gate/GateMessages): lines read whole and in pieces must
// give the same messages, and every message read encodes to a line that reads back as itself.
#include "FuzzSupport.h"

#include "gate/GateMessages.h"

using namespace labshare;
using namespace labshare::gate;

namespace {

struct Reading {
    QList<QByteArray> encoded; // each message read, encoded again
    bool failed = false;
    QByteArray rest;
};

Reading read(const QList<QByteArray>& chunks) {
    Reading reading;
    MessageReader reader;
    for (const QByteArray& chunk : chunks) {
        reader.append(chunk);
        while (!reading.failed) {
            Result<std::optional<GateMessage>> message = reader.next();
            if (!message) {
                reading.failed = true;
                break;
            }
            if (!*message)
                break;
            reading.encoded.append(encodeMessage(**message));
        }
        if (reading.failed)
            break;
    }
    if (!reading.failed)
        reading.rest = reader.takeRest();
    return reading;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input = fuzz::bytes(data, size);
    const Reading whole = read({input});
    const Reading split = read(fuzz::pieces(input));
    FUZZ_CHECK(split.encoded == whole.encoded);
    FUZZ_CHECK(split.failed == whole.failed);
    FUZZ_CHECK(split.rest == whole.rest);
    for (const QByteArray& line : whole.encoded) {
        MessageReader again;
        again.append(line);
        Result<std::optional<GateMessage>> message = again.next();
        FUZZ_CHECK(message && *message);
        FUZZ_CHECK(encodeMessage(**message) == line);
    }
    (void)looksLikeTlsClientHello(input);
    return 0;
}
