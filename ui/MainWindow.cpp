// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>

namespace labshare::ui {

namespace {

bool isTopologyFile(const QString& path) {
    return path.endsWith(QLatin1String(".clab.yml")) || path.endsWith(QLatin1String(".clab.yaml")) ||
           path.endsWith(QLatin1String(".yml")) || path.endsWith(QLatin1String(".yaml"));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("LabShare"));
    setAcceptDrops(true);
    resize(1000, 640);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::onOpenTriggered);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    m_summaryLabel = new QLabel(tr("<h2>Drop a containerlab topology here</h2><p>or use File ▸ Open…</p>"), this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setAlignment(Qt::AlignCenter);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);
    setCentralWidget(m_summaryLabel);
}

void MainWindow::showTopology(const Result<topology::Topology>& loaded) {
    if (!loaded) {
        m_summaryLabel->setText(
            tr("<h2>Cannot open the lab</h2><p>%1</p>").arg(loaded.error().message.toHtmlEscaped()));
        return;
    }
    const topology::Topology& lab = *loaded;
    setWindowTitle(tr("%1 — LabShare").arg(lab.name));
    QString html = tr("<h2>%1</h2><p>%2 nodes</p><ul>").arg(lab.name.toHtmlEscaped()).arg(lab.nodes.size());
    for (const topology::Node& node : lab.nodes)
        html += QStringLiteral("<li><b>%1</b> %2 %3 — %4 publish entries</li>")
                    .arg(node.name.toHtmlEscaped(), node.kind.toHtmlEscaped(), node.mgmtIpv4.toHtmlEscaped())
                    .arg(node.publish.size());
    html += QStringLiteral("</ul>");
    for (const topology::Problem& problem : lab.problems)
        html += QStringLiteral("<p>%1</p>").arg(problem.toString().toHtmlEscaped());
    m_summaryLabel->setText(html);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && isTopologyFile(url.toLocalFile())) {
            event->acceptProposedAction();
            Q_EMIT openRequested(url.toLocalFile());
            return;
        }
    }
    m_summaryLabel->setText(
        tr("<h2>That is not a containerlab topology</h2><p>Drop a .clab.yml or .clab.yaml file.</p>"));
}

void MainWindow::onOpenTriggered() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open topology"), QString(), tr("containerlab topologies (*.clab.yml *.clab.yaml *.yml *.yaml)"));
    if (!path.isEmpty())
        Q_EMIT openRequested(path);
}

} // namespace labshare::ui
