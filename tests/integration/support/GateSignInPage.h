// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace labshare::testsupport {

// What the gate's sign-in page shows a student: the code to type and the link to the identity provider
// (with the code in it). Empty when the page does not show them (yet).
struct ShownCode {
    QString code;
    QUrl link;
};

ShownCode shownCode(const QString& page);

} // namespace labshare::testsupport
