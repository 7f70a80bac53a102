// SPDX-License-Identifier: GPL-3.0-or-later
#include "GateSignInPage.h"

#include <QRegularExpression>

namespace labshare::testsupport {

ShownCode shownCode(const QString& page) {
    static const QRegularExpression codePattern(QStringLiteral("id=\"user-code\">([^<]+)<"));
    static const QRegularExpression linkPattern(QStringLiteral("<a href=\"([^\"]+)\""));
    const QRegularExpressionMatch code = codePattern.match(page);
    const QRegularExpressionMatch link = linkPattern.match(page);
    if (!code.hasMatch() || !link.hasMatch())
        return {};
    return {code.captured(1), QUrl(link.captured(1).replace(QLatin1String("&amp;"), QLatin1String("&")))};
}

} // namespace labshare::testsupport
