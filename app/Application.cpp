// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "DesktopController.h"
#include "MainWindow.h"
#include "common/LogBuffer.h"

#include <QApplication>
#include <QThreadPool>

namespace labshare::app {

void applyApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("LabShare"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("labshare.github.io"));
    QCoreApplication::setApplicationName(QStringLiteral("LabShare"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABSHARE_VERSION));
}

int runGui(int& argc, char** argv, const QString& file) {
    LogBuffer& log = LogBuffer::install();
    QApplication app(argc, argv);
    applyApplicationIdentity();
    QApplication::setDesktopFileName(QStringLiteral(LABSHARE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/labshare.svg")));
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps shares up; Quit is explicit

    int rc = 0;
    {
        DesktopController controller(log);
        controller.window().show();
        QObject::connect(&controller.window(), &QWidget::destroyed, &app, &QApplication::quit);
        QObject::connect(&app, &QApplication::lastWindowClosed, &app, [&controller] {
            if (!controller.window().isVisible() && !controller.tray().isAvailable())
                QApplication::quit();
        });
        if (!file.isEmpty())
            controller.open(file);
        rc = QApplication::exec();
    }
    QThreadPool::globalInstance()->waitForDone();
    return rc;
}

} // namespace labshare::app
