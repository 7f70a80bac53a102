// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QTextBrowser;

namespace labshare::ui {

// A preview of the share sheet (the page handed to students), rendered read-only, with Copy (the
// page and its Markdown on the clipboard) and Save… (as .html or .md; the file is written by whoever
// handles saveRequested).
class ShareSheetDialog : public QDialog {
    Q_OBJECT

public:
    explicit ShareSheetDialog(QWidget* parent = nullptr);

    void setSheet(const QString& html, const QString& markdown);
    // Where Save… starts: the lab's folder.
    void setSaveFolder(const QString& folder) { m_folder = folder; }
    QString html() const { return m_html; }

Q_SIGNALS:
    void saveRequested(const QString& path);
    void copied();

private:
    void onCopy();
    void onSave();

    QTextBrowser* m_view = nullptr;
    QString m_html;
    QString m_markdown;
    QString m_folder;
};

} // namespace labshare::ui
