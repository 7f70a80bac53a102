// SPDX-License-Identifier: GPL-3.0-or-later
// Browsers' requests to a web share's gate (gate/HttpRequestStream). The same bytes fed whole and in
// pieces give the same heads and the same raw bytes; a head the gate forwards (serialize(), with the
// ticket cookie taken out) reads back as the same head, so the node sees the request the gate judged.
#include "FuzzSupport.h"

#include "gate/HttpRequestStream.h"

using namespace labshare;
using namespace labshare::gate;

namespace {

struct Reading {
    QList<HttpRequestStream::Head> heads;
    QByteArray raw;
    bool failed = false;
};

Reading read(const QList<QByteArray>& chunks) {
    Reading reading;
    HttpRequestStream stream;
    for (const QByteArray& chunk : chunks) {
        Result<QList<HttpRequestStream::Piece>> pieces = stream.feed(chunk);
        if (!pieces) {
            reading.failed = true;
            break;
        }
        for (const HttpRequestStream::Piece& piece : *pieces) {
            if (piece.head)
                reading.heads.append(*piece.head);
            reading.raw += piece.raw;
        }
    }
    return reading;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input = fuzz::bytes(data, size);
    const Reading whole = read({input});
    const Reading split = read(fuzz::pieces(input));
    FUZZ_CHECK(split.failed == whole.failed);
    if (!whole.failed) {
        FUZZ_CHECK(split.heads.size() == whole.heads.size());
        for (qsizetype i = 0; i < whole.heads.size(); ++i)
            FUZZ_CHECK(split.heads.at(i) == whole.heads.at(i));
        FUZZ_CHECK(split.raw == whole.raw);
    }
    for (HttpRequestStream::Head head : whole.heads) {
        FUZZ_CHECK(head.versionMajor == 1); // anything that is not HTTP/1.x is an error
        const QByteArray cookies = head.header("Cookie");
        const QByteArray without = HttpRequestStream::withoutCookie(cookies, "labshare_ticket");
        FUZZ_CHECK(HttpRequestStream::cookie(without, "labshare_ticket").isEmpty());
        (void)HttpRequestStream::cookie(cookies, "labshare_ticket");
        // The head as the gate forwards it reads back the same.
        HttpRequestStream again;
        Result<QList<HttpRequestStream::Piece>> pieces = again.feed(head.serialize());
        FUZZ_CHECK(pieces && !pieces->isEmpty() && pieces->first().head);
        FUZZ_CHECK(*pieces->first().head == head);
    }
    return 0;
}
