// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DiagnosticsPane.h"
#include "common/LogBuffer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace labshare::ui {

namespace {

// Qt's message types are not in order of severity (QtInfoMsg is the last value).
int severity(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 0;
}

} // namespace

DiagnosticsPane::DiagnosticsPane(LogBuffer& log, QWidget* parent)
    : QDockWidget(tr("Diagnostics"), parent) {
    setObjectName(QStringLiteral("diagnosticsDockWidget"));
    auto* body = new QWidget(this);
    m_level = new QComboBox(body);
    m_level->setObjectName(QStringLiteral("levelComboBox"));
    m_level->addItem(tr("Debug and up"), int(QtDebugMsg));
    m_level->addItem(tr("Info and up"), int(QtInfoMsg));
    m_level->addItem(tr("Warnings only"), int(QtWarningMsg));
    m_level->setCurrentIndex(1);
    auto* levelLabel = new QLabel(tr("Show:"), body);
    levelLabel->setBuddy(m_level);
    auto* copy = new QPushButton(tr("Copy"), body);
    copy->setObjectName(QStringLiteral("copyLogPushButton"));
    copy->setToolTip(tr("Copy the lines shown, e.g. for a bug report"));
    m_text = new QPlainTextEdit(body);
    m_text->setObjectName(QStringLiteral("diagnosticsPlainTextEdit"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(LogBuffer::kCapacity);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* bar = new QHBoxLayout;
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addStretch(1);
    bar->addWidget(copy);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_text);
    setWidget(body);

    m_lines = log.lines();
    refill();
    connect(m_level, &QComboBox::currentIndexChanged, this, &DiagnosticsPane::refill);
    // Exported again through the redaction: a secret that arrived after a line was logged is cut too.
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(redactLogLine(shownText())); });
    connect(&log, &LogBuffer::lineAdded, this, &DiagnosticsPane::onLineAdded, Qt::QueuedConnection);
}

bool DiagnosticsPane::passes(const QString& line) const {
    return severity(LogBuffer::typeOf(line)) >= severity(static_cast<QtMsgType>(m_level->currentData().toInt()));
}

void DiagnosticsPane::onLineAdded(const QString& line) {
    m_lines.append(line);
    if (m_lines.size() > LogBuffer::kCapacity)
        m_lines.removeFirst();
    if (passes(line))
        m_text->appendPlainText(line);
}

void DiagnosticsPane::refill() {
    QStringList shown;
    for (const QString& line : std::as_const(m_lines))
        if (passes(line))
            shown << line;
    m_text->setPlainText(shown.join(QLatin1Char('\n')));
    m_text->moveCursor(QTextCursor::End);
}

QString DiagnosticsPane::shownText() const {
    return m_text->toPlainText();
}

} // namespace labshare::ui
