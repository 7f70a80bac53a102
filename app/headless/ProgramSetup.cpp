// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgramSetup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace labshare::app {

void applyApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("LabShare"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("labshare.github.io"));
    QCoreApplication::setApplicationName(QStringLiteral("LabShare"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABSHARE_VERSION));
}

void installTranslations() {
    const QLocale locale;
    const auto load = [&locale](const QString& name, const QString& directory) {
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), directory))
            QCoreApplication::installTranslator(translator);
        else
            delete translator;
    };
    load(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    load(QStringLiteral("labshare"), QStringLiteral(":/i18n"));
}

} // namespace labshare::app
