// SPDX-License-Identifier: GPL-3.0-or-later
// What a relay prints on the session channel (tunnel/bookkeeping/BannerParser), for every flavour that announces
// addresses in text. The same bytes fed whole and in pieces must announce the same addresses.
#include "FuzzSupport.h"

#include "tunnel/bookkeeping/BannerParser.h"

using namespace labshare;
using namespace labshare::tunnel;

namespace {

QList<PublicAddress> read(RelayFlavor flavor, const QList<QByteArray>& chunks) {
    BannerParser parser(flavor);
    QList<PublicAddress> found;
    for (const QByteArray& chunk : chunks)
        found += parser.feed(chunk);
    found += parser.finish();
    return found;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input = fuzz::bytes(data, size);
    for (const RelayFlavor flavor :
         {RelayFlavor::Sish, RelayFlavor::LocalhostRun, RelayFlavor::Serveo, RelayFlavor::Pinggy}) {
        const QList<PublicAddress> whole = read(flavor, {input});
        FUZZ_CHECK(read(flavor, fuzz::pieces(input)) == whole);
        for (const PublicAddress& address : whole) {
            FUZZ_CHECK(!address.host.isEmpty());
            (void)address.effectivePort();
        }
    }
    (void)BannerParser::stripAnsi(QString::fromUtf8(input));
    return 0;
}
