// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal/TerminalKey.h"

#include <QRandomGenerator>

#include <array>

namespace labshare::terminal {

QByteArray newTerminalKey() {
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char*>(words.data()), sizeof(words));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

TerminalKeys TerminalKeys::fresh() {
    return {newTerminalKey(), newTerminalKey(), newTerminalKey()};
}

bool sameTerminalKey(const QByteArray& offered, const QByteArray& key) {
    if (key.isEmpty() || offered.size() != key.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < key.size(); ++i)
        diff |= static_cast<unsigned char>(offered.at(i) ^ key.at(i));
    return diff == 0;
}

} // namespace labshare::terminal
