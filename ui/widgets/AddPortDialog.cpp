// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AddPortDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace labshare::ui {

using topology::PublishSpec;

AddPortDialog::AddPortDialog(const QString& node, const QList<PublishSpec>& offered, QWidget* parent)
    : QDialog(parent)
    , m_node(node)
    , m_offered(offered) {
    setObjectName(QStringLiteral("addPortDialog"));
    setWindowTitle(tr("Add a port to %1").arg(node));
    auto* label = new QLabel(tr("Another port to offer on <b>%1</b>, as &lt;type&gt;/&lt;port&gt;, e.g. tcp/8080 or "
                                "http/3000:")
                                 .arg(node.toHtmlEscaped()),
                             this);
    label->setObjectName(QStringLiteral("addPortLabel"));
    label->setWordWrap(true);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("addPortLineEdit"));
    m_edit->setPlaceholderText(tr("tcp/8080"));
    label->setBuddy(m_edit);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("addPortProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddPortDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &AddPortDialog::onTextChanged);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 50);
    onTextChanged();
}

Result<PublishSpec> AddPortDialog::check() const {
    Result<PublishSpec> spec = PublishSpec::parse(m_edit->text().trimmed());
    if (!spec)
        return spec;
    const bool known = std::any_of(m_offered.cbegin(), m_offered.cend(), [&spec](const PublishSpec& p) {
        return p.type == spec->type && p.port == spec->port;
    });
    if (known)
        return makeError(
            ErrorCode::BadInput,
            tr("%1 already offers %2/%3.").arg(m_node, topology::publishTypeName(spec->type)).arg(spec->port));
    return spec;
}

void AddPortDialog::onTextChanged() {
    // Nothing typed yet is not a mistake: no message, but nothing to add either.
    const bool empty = m_edit->text().trimmed().isEmpty();
    const Result<PublishSpec> spec = check();
    m_problem->setText(empty || spec ? QString() : spec.error().message);
    m_problem->setVisible(!m_problem->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!empty && spec.ok());
}

void AddPortDialog::accept() {
    const Result<PublishSpec> spec = check();
    if (!spec) {
        onTextChanged(); // the text stays; the reason shows under it
        return;
    }
    Q_EMIT portChosen(m_node, *spec);
    QDialog::accept();
}

} // namespace labshare::ui
