// SPDX-License-Identifier: GPL-3.0-or-later
// Publish entries (topology/PublishSpec), split as a `labshare.publish` label's value is: at white space.
#include "FuzzSupport.h"

#include "topology/PublishSpec.h"

#include <QRegularExpression>

using namespace labshare;
using namespace labshare::topology;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString label = QString::fromUtf8(fuzz::bytes(data, size));
    static const QRegularExpression word(QStringLiteral("\\S+"));
    for (const QRegularExpressionMatch& match : word.globalMatch(label)) {
        const Result<PublishSpec> spec = PublishSpec::parse(match.captured());
        if (!spec)
            continue;
        FUZZ_CHECK(spec->port >= 1);
        FUZZ_CHECK(spec->emails().size() + spec->domains().size() == spec->allowed.size());
        (void)publishTypeName(spec->type);
    }
    return 0;
}
