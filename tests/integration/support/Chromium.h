// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace labshare::testsupport {

// A student's real browser: Debian's chromium, headless, with a profile of its own that keeps its
// cookies from one run to the next (one run per page visit). Pages run for a budget of virtual time,
// so meta refreshes and redirects are followed as a person waiting would see them. A missing chromium
// is an error (installer/dependencies.sh test installs it), never a skipped test. Each call runs the
// event loop until the browser is done: never call one from a waitUntil() predicate (a timer would
// start another browser on the same profile while the first still runs).
class Chromium {
public:
    Chromium();

    // The page's DOM once `virtualMs` of page time have passed; empty on failure (see error()).
    QString dumpDom(const QUrl& url, int virtualMs = 5000);
    // A PNG of the page as a `size` window shows it.
    [[nodiscard]] bool screenshot(const QUrl& url, const QString& pngFile, const QSize& size, int virtualMs = 5000);
    QString error() const { return m_error; }

private:
    bool run(const QStringList& arguments, QByteArray* output);

    QTemporaryDir m_profile;
    QString m_error;
};

} // namespace labshare::testsupport
