// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainMenus.h"
#include "share/LabSettings.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>

namespace labshare::ui {

MainMenus::MainMenus(QMenuBar* bar, const MenuActions& actions, QWidget* window)
    : QObject(bar)
    , m_window(window) {
    QMenu* file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(actions.open);
    m_recent = file->addMenu(tr("Open &Recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recent, &QMenu::aboutToShow, this, &MainMenus::fillRecent);
    fillRecent();
    file->addSeparator();
    file->addAction(actions.shareSheet);
    file->addAction(actions.autoPublish);
    file->addAction(actions.shareUntil);
    file->addSeparator();
    file->addAction(actions.quit);
    QMenu* view = bar->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(actions.present);
    view->addAction(actions.connections);
    view->addAction(actions.diagnostics);
    QMenu* help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(
        QIcon::fromTheme(QStringLiteral("help-about"), window->style()->standardIcon(QStyle::SP_MessageBoxInformation)),
        tr("About LabShare"), this, &MainMenus::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainMenus::fillRecent() {
    m_recent->clear();
    const QStringList files = share::LabSettings::recentFiles();
    for (const QString& path : files) {
        QAction* action =
            m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] { Q_EMIT recentRequested(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (files.isEmpty())
        m_recent->addAction(tr("No recent labs"))->setEnabled(false);
}

void MainMenus::showAbout() {
    auto* box = new QMessageBox(m_window);
    box->setObjectName(QStringLiteral("aboutMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About LabShare"));
    box->setIconPixmap(m_window->windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>LabShare %1</h3><p>Publish ports of containerlab lab nodes to students.</p>"
                    "<p>Licence: GPL-3.0-or-later</p><p><a href=\"%2\">%2</a></p>")
                     .arg(QStringLiteral(LABSHARE_VERSION), QStringLiteral("https://github.com/labshare/labshare")));
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

} // namespace labshare::ui
