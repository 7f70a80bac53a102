// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/OpenAnywayDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace labshare::ui {

namespace {
constexpr int kShareNameRole = Qt::UserRole + 1;
}

OpenAnywayDialog::OpenAnywayDialog(const QList<QPair<QString, QStringList>>& entries, const QString& whyNoGate,
                                   QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("openAnywayDialog"));
    setWindowTitle(tr("Publish declared ports"));
    auto* text = new QLabel(tr("The ports the lab declares open to everyone are published. These %n port(s) are "
                               "meant only for the people named, but LabShare's gate cannot check who connects, "
                               "because %1: a port you tick here is open to anyone who has its address.",
                               nullptr, entries.size())
                                .arg(whyNoGate),
                            this);
    text->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("restrictedListWidget"));
    for (const auto& [name, allowed] : entries) {
        auto* item =
            new QListWidgetItem(tr("%1 — the lab asks for %2").arg(name, allowed.join(QStringLiteral(", "))), m_list);
        item->setData(kShareNameRole, name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Publish"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(560, 320);
}

QStringList OpenAnywayDialog::chosen() const {
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << m_list->item(i)->data(kShareNameRole).toString();
    return out;
}

} // namespace labshare::ui
