// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "MainWindow.h"
#include "topology/TopologyLoader.h"

#include <QApplication>
#include <QPointer>
#include <QThreadPool>

namespace labshare::app {

void applyApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("LabShare"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("labshare.github.io"));
    QCoreApplication::setApplicationName(QStringLiteral("LabShare"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABSHARE_VERSION));
}

int runGui(int& argc, char** argv, const QString& file) {
    QApplication app(argc, argv);
    applyApplicationIdentity();
    QApplication::setDesktopFileName(QStringLiteral(LABSHARE_APP_ID));

    ui::MainWindow window;
    QPointer<ui::MainWindow> target(&window);
    // Loading reads files and may run `containerlab inspect`: never on the GUI thread.
    QObject::connect(&window, &ui::MainWindow::openRequested, &window, [target](const QString& path) {
        QThreadPool::globalInstance()->start([target, path] {
            Result<topology::Topology> loaded = topology::TopologyLoader::load(path);
            QMetaObject::invokeMethod(
                qApp,
                [target, loaded = std::move(loaded)] {
                    if (target)
                        target->showTopology(loaded);
                },
                Qt::QueuedConnection);
        });
    });
    window.show();
    if (!file.isEmpty())
        Q_EMIT window.openRequested(file);
    const int rc = QApplication::exec();
    QThreadPool::globalInstance()->waitForDone();
    return rc;
}

} // namespace labshare::app
