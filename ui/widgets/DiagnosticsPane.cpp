// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DiagnosticsPane.h"
#include "common/LogBuffer.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

namespace labshare::ui {

DiagnosticsPane::DiagnosticsPane(LogBuffer& log, QWidget* parent)
    : QDockWidget(tr("Diagnostics"), parent) {
    setObjectName(QStringLiteral("diagnosticsDockWidget"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("diagnosticsPlainTextEdit"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(LogBuffer::kCapacity);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(log.lines().join(QLatin1Char('\n')));
    setWidget(m_text);
    connect(&log, &LogBuffer::lineAdded, m_text, &QPlainTextEdit::appendPlainText, Qt::QueuedConnection);
}

} // namespace labshare::ui
