// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSet>

namespace labshare::secrets {
class SecretStore;
}
namespace labshare::share {
struct ShareRow;
}
namespace labshare::ui {
class MainWindow;
}

namespace labshare::app {

class LabController;

// The instructor's logins for browser terminals, in the window: read from the keychain for each node whose
// terminal is ticked and handed to the lab's session; set or forgotten with a browser terminal's "Students log
// in as…" (NodeLoginDialog). Problems go to the status bar; students then log in themselves.
class NodeLoginController : public QObject {
    Q_OBJECT

public:
    NodeLoginController(secrets::SecretStore& keychain, ui::MainWindow& window, LabController& lab,
                        QObject* parent = nullptr);

    void edit(const share::ShareRow& row);

private:
    void readTicked(); // the nodes of ticked terminals whose login was not read for this lab yet
    void tell(const QString& message);

    secrets::SecretStore& m_keychain;
    ui::MainWindow& m_window;
    LabController& m_lab;
    QSet<QString> m_read; // nodes asked for since the lab opened
};

} // namespace labshare::app
