// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "DesktopController.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "SignalWatcher.h"
#include "SingleInstance.h"
#include "common/LogBuffer.h"

#include <QApplication>
#include <QLockFile>
#include <QThreadPool>

namespace labshare::app {

int runGui(int& argc, char** argv, const QString& file) {
    LogBuffer& log = LogBuffer::install();
    QApplication app(argc, argv);
    applyApplicationIdentity();
    installTranslations();
    QApplication::setDesktopFileName(QStringLiteral(LABSHARE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/labshare.svg")));
    // The tray keeps shares up while the window is closed: the controller decides when to end.
    QApplication::setQuitOnLastWindowClosed(false);

    SingleInstance instance;
    {
        QLockFile starting(instance.socketPath() + QStringLiteral(".lock")); // launches at once take turns
        starting.tryLock(5000);
        if (instance.handOff(file) || !instance.listen())
            return 0; // the LabShare already running took the file and came forward
    }

    int rc = 0;
    {
        DesktopController controller(log);
        QObject::connect(&instance, &SingleInstance::activationRequested, &controller,
                         &DesktopController::bringForward);
        QObject::connect(&controller, &DesktopController::finished, &app, [](int code) { QApplication::exit(code); });
        // Quitting, SIGTERM (what ends a desktop session's processes at logout) and SIGHUP all stop
        // every share first.
        SignalWatcher termination;
        QObject::connect(&termination, &SignalWatcher::terminationRequested, &controller, &DesktopController::quit);
        QObject::connect(&app, &QApplication::lastWindowClosed, &controller, [&controller] {
            if (!controller.window().isVisible()) // closed, not kept in the tray
                controller.quit();
        });
        controller.window().show();
        if (!file.isEmpty())
            controller.open(file);
        rc = QApplication::exec();
    }
    QThreadPool::globalInstance()->waitForDone();
    return rc;
}

} // namespace labshare::app
