// SPDX-License-Identifier: GPL-3.0-or-later
#include "NodeLoginController.h"
#include "LabController.h"
#include "MainWindow.h"
#include "share/NodeLoginKeychain.h"
#include "share/ShareSession.h"
#include "topology/KindAliases.h"
#include "widgets/NodeLoginDialog.h"

#include <QPointer>
#include <QStatusBar>

namespace labshare::app {

NodeLoginController::NodeLoginController(secrets::SecretStore& keychain, ui::MainWindow& window, LabController& lab,
                                         QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
    , m_window(window)
    , m_lab(lab) {
    connect(&lab, &LabController::labOpened, this, [this] { m_read.clear(); });
    connect(&lab, &LabController::sharesChanged, this, &NodeLoginController::readTicked);
}

void NodeLoginController::tell(const QString& message) {
    m_window.statusBar()->showMessage(message, 10000);
}

void NodeLoginController::readTicked() {
    share::ShareSession* session = m_lab.session();
    if (!session)
        return;
    for (const share::ShareRow& row : session->rows()) {
        if (row.spec.type != topology::PublishType::Term || m_read.contains(row.node))
            continue;
        m_read.insert(row.node);
        QPointer<share::ShareSession> asked(session);
        share::readNodeLogin(
            m_keychain, session->topology().file, row.node,
            [this, asked, node = row.node](std::shared_ptr<const terminal::NodeLogin> login, const QString& problem) {
                if (!problem.isEmpty())
                    tell(problem);
                if (login && asked && asked == m_lab.session())
                    asked->setNodeLogin(node, std::move(login));
            });
    }
}

void NodeLoginController::edit(const share::ShareRow& row) {
    share::ShareSession* session = m_lab.session();
    if (!session)
        return;
    const bool isSet = !row.terminalUser.isEmpty();
    auto* dialog = new ui::NodeLoginDialog(row.node, isSet ? row.terminalUser : topology::defaultLoginUser(row.kind),
                                           isSet, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<share::ShareSession> asked(session);
    const QString node = row.node;
    const QString file = session->topology().file;
    connect(dialog, &QDialog::accepted, this, [this, dialog, asked, node, file] {
        auto login = std::make_shared<const terminal::NodeLogin>(dialog->takeLogin());
        if (asked && asked == m_lab.session())
            asked->setNodeLogin(node, login);
        share::writeNodeLogin(m_keychain, file, node, *login, [this, node, user = login->user](const QString& problem) {
            tell(problem.isEmpty() ? tr("Browser terminals on %1 log students in as %2.").arg(node, user)
                                   : tr("%1; it holds until LabShare quits.").arg(problem));
        });
    });
    connect(dialog, &ui::NodeLoginDialog::forgetRequested, this, [this, asked, node, file] {
        if (asked && asked == m_lab.session())
            asked->setNodeLogin(node, nullptr);
        share::forgetNodeLogin(m_keychain, file, node, [this, node](const QString& problem) {
            tell(problem.isEmpty() ? tr("Students log in to %1's browser terminals themselves.").arg(node) : problem);
        });
    });
    dialog->open();
}

} // namespace labshare::app
