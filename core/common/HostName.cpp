// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/HostName.h"

namespace labshare {

bool isHostName(QStringView text) {
    if (text.isEmpty() || text.size() > 253)
        return false;
    const auto edge = [](QChar c) {
        return c == u'.' || c == u'-';
    };
    if (edge(text.front()) || edge(text.back()))
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool ascii = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!ascii && u != u'-' && u != u'.' && u != u'_')
            return false;
    }
    return true;
}

} // namespace labshare
