// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretRegistry.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QUrl>

namespace labshare::secrets {

namespace {

// The forms a secret is looked for in. They are text derived from the secret: the registry holds
// them as long as the secret lives and wipes them when it goes.
struct Listed {
    QString plain;
    QString percentEncoded;

    void wipe() {
        plain.fill(QChar(0));
        percentEncoded.fill(QChar(0));
    }
};

struct Registry {
    QMutex mutex;
    QHash<const void*, Listed> secrets;
};

// Never destroyed: secrets in static objects may leave after every other static has gone.
Registry& registry() {
    static auto* instance = new Registry;
    return *instance;
}

} // namespace

void SecretRegistry::add(const void* owner, QByteArrayView bytes) {
    if (bytes.size() < kMinRedactedSize)
        return;
    Listed listed{QString::fromUtf8(bytes), QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(bytes)))};
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    r.secrets.insert(owner, std::move(listed));
}

void SecretRegistry::remove(const void* owner) {
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    const auto it = r.secrets.find(owner);
    if (it == r.secrets.end())
        return;
    it->wipe();
    r.secrets.erase(it);
}

qsizetype SecretRegistry::count() {
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    return r.secrets.size();
}

QString SecretRegistry::redact(const QString& text) {
    static const QString marker = QStringLiteral("[redacted]");
    QString out = text;
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    for (const Listed& listed : std::as_const(r.secrets)) {
        out.replace(listed.plain, marker);
        if (listed.percentEncoded != listed.plain)
            out.replace(listed.percentEncoded, marker);
    }
    return out;
}

} // namespace labshare::secrets
