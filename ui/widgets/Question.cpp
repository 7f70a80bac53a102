// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Question.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace labshare::ui {

QMessageBox* ask(QWidget* parent, const Question& question, std::function<void(bool accepted)> decided) {
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("questionMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(question.title);
    box->setText(question.text);
    box->setInformativeText(question.details);
    QPushButton* accept = box->addButton(question.acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("acceptPushButton"));
    QPushButton* reject =
        box->addButton(question.rejectText.isEmpty() ? QCoreApplication::translate("labshare::ui::Question", "Cancel")
                                                     : question.rejectText,
                       QMessageBox::RejectRole);
    reject->setObjectName(QStringLiteral("rejectPushButton"));
    box->setDefaultButton(reject);
    box->setEscapeButton(reject);
    QObject::connect(box, &QMessageBox::finished, box, [box, accept, decided = std::move(decided)] {
        if (decided)
            decided(box->clickedButton() == accept);
    });
    box->open();
    return box;
}

} // namespace labshare::ui
