// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/OpenFileLimit.h"

#include <sys/resource.h>

namespace labshare::tunnel {

namespace {

rlimit current() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {1024, 1024};
    return limit;
}

quint64 figure(rlim_t value) {
    return value == RLIM_INFINITY ? quint64(1) << 20 : quint64(value);
}

} // namespace

quint64 OpenFileLimit::soft() {
    return figure(current().rlim_cur);
}

quint64 OpenFileLimit::hard() {
    return figure(current().rlim_max);
}

quint64 OpenFileLimit::raiseToHard() {
    rlimit limit = current();
    if (limit.rlim_cur != limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)::setrlimit(RLIMIT_NOFILE, &limit); // when refused, the old limit stays: soft() says which
    }
    return soft();
}

} // namespace labshare::tunnel
