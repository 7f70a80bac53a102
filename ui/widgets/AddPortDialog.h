// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/PublishSpec.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace labshare::ui {

// Asks for one more <type>/<port> to offer on a node. Not modal to the app: opened with open(), it
// checks the text as it is typed and, while the text is refused, keeps it and says why under it.
class AddPortDialog : public QDialog {
    Q_OBJECT

public:
    // `offered`: the node's ports already in the tree, refused as duplicates.
    AddPortDialog(const QString& node, const QList<topology::PublishSpec>& offered, QWidget* parent = nullptr);

    QString node() const { return m_node; }

    void accept() override;

Q_SIGNALS:
    void portChosen(const QString& node, const labshare::topology::PublishSpec& spec);

private:
    void onTextChanged();
    Result<topology::PublishSpec> check() const;

    QString m_node;
    QList<topology::PublishSpec> m_offered;
    QLineEdit* m_edit = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace labshare::ui
