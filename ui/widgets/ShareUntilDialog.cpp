// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ShareUntilDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace labshare::ui {

using share::ShareDeadline;

ShareUntilDialog::ShareUntilDialog(const QString& subject, const QString& text, bool hasDeadline,
                                   std::function<QDateTime()> clock, QWidget* parent)
    : QDialog(parent)
    , m_clock(std::move(clock)) {
    setObjectName(QStringLiteral("shareUntilDialog"));
    setWindowTitle(tr("Share until…"));
    setWindowModality(Qt::WindowModal);
    auto* question = new QLabel(tr("When should %1 stop on its own?").arg(subject.toHtmlEscaped()), this);
    question->setWordWrap(true);
    m_field = new QLineEdit(text, this);
    m_field->setObjectName(QStringLiteral("untilLineEdit"));
    m_field->setPlaceholderText(tr("17:00 or 90m"));
    m_field->selectAll();
    auto* hint = new QLabel(tr("A time of day (17:00, tomorrow when it has passed) or a duration from now (90m, "
                               "1h30m). Five minutes before, LabShare offers to extend."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false); // the style's quieter text
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("untilPreviewLabel"));
    m_preview->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("Share until then"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("untilOkPushButton"));
    m_ok->setDefault(true);
    if (hasDeadline) {
        QPushButton* never = buttons->addButton(tr("No end"), QDialogButtonBox::DestructiveRole);
        never->setObjectName(QStringLiteral("untilNoEndPushButton"));
        never->setToolTip(tr("Shares run until you stop them"));
        connect(never, &QPushButton::clicked, this, [this] {
            Q_EMIT deadlineCleared();
            accept();
        });
    }
    connect(m_ok, &QPushButton::clicked, this, &ShareUntilDialog::onAccepted);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QLineEdit::textChanged, this, &ShareUntilDialog::preview);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_field);
    layout->addWidget(hint);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    preview();
}

std::optional<ShareDeadline> ShareUntilDialog::preview() {
    const QDateTime now = m_clock();
    const Result<ShareDeadline> deadline = ShareDeadline::parse(m_field->text(), now);
    const bool empty = m_field->text().trimmed().isEmpty();
    m_ok->setEnabled(deadline.ok());
    if (!deadline) {
        m_preview->setText(empty ? QString() : deadline.error().message);
        m_preview->setStyleSheet(QStringLiteral("color:#8c1d18;"));
        return std::nullopt;
    }
    m_preview->setText(tr("Stops at %1 (%2).").arg(ShareDeadline::clockText(deadline->end()), deadline->leftText(now)));
    m_preview->setStyleSheet(QString());
    return *deadline;
}

void ShareUntilDialog::onAccepted() {
    // Read again: a duration counts from the moment the user agrees, not from when the dialog opened.
    if (const std::optional<ShareDeadline> deadline = preview()) {
        Q_EMIT deadlineChosen(*deadline, m_field->text().trimmed());
        accept();
    }
}

} // namespace labshare::ui
