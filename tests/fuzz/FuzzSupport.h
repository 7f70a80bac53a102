// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A property every input must keep; a broken one is a crash libFuzzer saves as a reproducer.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #condition);                      \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace labshare::fuzz {

inline QByteArray bytes(const uint8_t* data, size_t size) {
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// The input cut into pieces the way a socket might deliver it: lengths 1, 2, 3, 5, 8, … (from a start picked
// by the input's length), so the seeds need no control bytes and every parser also sees split tokens.
inline QList<QByteArray> pieces(const QByteArray& input) {
    static constexpr qsizetype kLengths[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987};
    constexpr qsizetype kCount = qsizetype(sizeof(kLengths) / sizeof(kLengths[0]));
    QList<QByteArray> out;
    qsizetype at = 0;
    for (qsizetype i = input.size() % kCount; at < input.size(); i = (i + 1) % kCount) {
        out.append(input.mid(at, kLengths[i]));
        at += kLengths[i];
    }
    return out;
}

} // namespace labshare::fuzz
