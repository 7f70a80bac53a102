// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ShareSheetDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QMimeData>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace labshare::ui {

ShareSheetDialog::ShareSheetDialog(QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shareSheetDialog"));
    setWindowTitle(tr("Share sheet"));
    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("shareSheetTextBrowser"));
    m_view->setReadOnly(true);
    m_view->setOpenExternalLinks(false);
    m_view->setOpenLinks(false); // a preview: links are for students, not for navigating away here
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copySheetPushButton"));
    copy->setToolTip(tr("Put the sheet on the clipboard, as a page and as Markdown text"));
    QPushButton* save = buttons->addButton(tr("Save…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveSheetPushButton"));
    connect(copy, &QPushButton::clicked, this, &ShareSheetDialog::onCopy);
    connect(save, &QPushButton::clicked, this, &ShareSheetDialog::onSave);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    resize(720, 560);
}

void ShareSheetDialog::setSheet(const QString& html, const QString& markdown) {
    m_html = html;
    m_markdown = markdown;
    m_view->setHtml(html);
}

void ShareSheetDialog::onCopy() {
    auto* mime = new QMimeData;
    mime->setHtml(m_html);
    mime->setText(m_markdown); // pasted into a chat or a plain editor, Markdown reads well
    QApplication::clipboard()->setMimeData(mime);
    Q_EMIT copied();
}

void ShareSheetDialog::onSave() {
    auto* dialog = new QFileDialog(this, tr("Save the share sheet"), m_folder.isEmpty() ? QDir::homePath() : m_folder);
    dialog->setObjectName(QStringLiteral("saveSheetFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    const QString htmlFilter = tr("Web page (*.html)");
    const QString markdownFilter = tr("Markdown (*.md)");
    dialog->setNameFilters({htmlFilter, markdownFilter});
    dialog->selectFile(QStringLiteral("share-sheet.html"));
    // The suffix follows the chosen filter when the name has none.
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, markdownFilter](const QString& filter) {
        dialog->setDefaultSuffix(filter == markdownFilter ? QStringLiteral("md") : QStringLiteral("html"));
    });
    dialog->setDefaultSuffix(QStringLiteral("html"));
    connect(dialog, &QFileDialog::fileSelected, this, &ShareSheetDialog::saveRequested);
    dialog->open();
}

} // namespace labshare::ui
