// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DropZone.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace labshare::ui {

bool isTopologyFileName(const QString& path) {
    return path.endsWith(QLatin1String(".clab.yml")) || path.endsWith(QLatin1String(".clab.yaml")) ||
           path.endsWith(QLatin1String(".yml")) || path.endsWith(QLatin1String(".yaml"));
}

DropZone::DropZone(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("dropZone"));
    auto* frame = new QLabel(tr("<div style='font-size:22pt'>Drop a containerlab topology here</div>"
                                "<div style='font-size:11pt; color:palette(mid)'>a .clab.yml or .clab.yaml file — "
                                "or open one</div>"),
                             this);
    frame->setObjectName(QStringLiteral("dropTargetLabel"));
    frame->setAlignment(Qt::AlignCenter);
    frame->setMinimumHeight(220);
    frame->setStyleSheet(
        QStringLiteral("QLabel#dropTargetLabel { border: 3px dashed palette(mid); border-radius: 16px; "
                       "padding: 24px; }"));
    auto* open = new QPushButton(tr("Open a topology…"), this);
    open->setObjectName(QStringLiteral("openPushButton"));
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &DropZone::openRequested);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("dropMessageLabel"));
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
    m_messageLabel->hide();

    auto* recentTitle = new QLabel(tr("Recent labs"), this);
    recentTitle->setObjectName(QStringLiteral("recentTitleLabel"));
    m_recentList = new QListWidget(this);
    m_recentList->setObjectName(QStringLiteral("recentListWidget"));
    m_recentList->setMaximumHeight(160);
    connect(m_recentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT recentRequested(item->data(Qt::UserRole).toString()); });

    auto* column = new QVBoxLayout;
    column->addStretch(1);
    column->addWidget(frame);
    column->addWidget(m_messageLabel);
    column->addWidget(open, 0, Qt::AlignHCenter);
    column->addSpacing(16);
    column->addWidget(recentTitle);
    column->addWidget(m_recentList);
    column->addStretch(2);
    auto* row = new QHBoxLayout(this);
    row->addStretch(1);
    row->addLayout(column, 4);
    row->addStretch(1);
}

void DropZone::setRecentFiles(const QStringList& files) {
    m_recentList->clear();
    for (const QString& path : files) {
        auto* item = new QListWidgetItem(QFileInfo(path).fileName() + QStringLiteral("  —  ") + path, m_recentList);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    m_recentList->setVisible(!files.isEmpty());
    findChild<QLabel*>(QStringLiteral("recentTitleLabel"))->setVisible(!files.isEmpty());
}

void DropZone::showMessage(const QString& message) {
    m_messageLabel->setText(message);
    m_messageLabel->setVisible(!message.isEmpty());
}

} // namespace labshare::ui
