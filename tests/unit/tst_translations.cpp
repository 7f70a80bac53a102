// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"
#include "ProgramSetup.h"
#include "topology/PublishSpec.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTest>
#include <QTranslator>

using labshare::app::Invocation;

// The messages reach the program (app/headless/ProgramSetup's installTranslations()): the source language's file is
// compiled in under ":/i18n", and a language the user has is loaded from there, for the app's messages and
// core's alike. This test adds a small Esperanto file (tests/data/translations/labshare_eo.ts) under the same
// prefix, as a new translations/labshare_LANG.ts would be.
class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sourceLanguageIsCompiledIn() {
        QVERIFY(QFile::exists(":/i18n/labshare_en.qm"));
        QTranslator english;
        QVERIFY(english.load(":/i18n/labshare_en.qm"));
    }

    void englishIsTheSourceText() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        labshare::app::installTranslations();
        QCOMPARE(labshare::app::parseCommandLine({"labshare", "/no/such/lab.clab.yml"}).text,
                 QString("labshare: no such file: /no/such/lab.clab.yml"));
    }

    void userLanguageIsLoaded() {
        QLocale::setDefault(QLocale(QLocale::Esperanto));
        labshare::app::installTranslations();
        QCOMPARE(labshare::app::parseCommandLine({"labshare", "/no/such/lab.clab.yml"}).text,
                 QString("labshare: ne estas tia dosiero: /no/such/lab.clab.yml"));
        const auto entry = labshare::topology::PublishSpec::parse("");
        QVERIFY(!entry);
        QCOMPARE(entry.error().message, QString("malplena publikiga ero: skribu <tipo>/<pordo>, ekzemple tcp/22"));
        // A message the file does not translate stays in English.
        QCOMPARE(labshare::app::parseCommandLine({"labshare", "inspect"}).text.section('\n', 0, 0),
                 QString("labshare inspect: name a topology file"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
