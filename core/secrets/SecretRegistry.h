// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace labshare::secrets {

// Every secret this process holds right now: each SecretBytes lists itself while it holds bytes.
// Text bound for a log line or exported diagnostics passes through redact(), which cuts out every
// one of them, also in the percent-encoded form a form body or a URL gives it.
class SecretRegistry {
public:
    // Secrets shorter than this are not looked for: they would match ordinary words.
    static constexpr qsizetype kMinRedactedSize = 8;

    static QString redact(const QString& text);
    static qsizetype count(); // secrets alive now

private:
    friend class SecretBytes;
    static void add(const void* owner, QByteArrayView bytes);
    static void remove(const void* owner);
};

} // namespace labshare::secrets
