// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientAuthentication.h"
#include "auth/IssuerMetadata.h"

#include <QObject>
#include <QPointer>

#include <map>
#include <memory>

class QNetworkAccessManager;

namespace labshare::auth {
class StudentSignIn;
}
namespace labshare::tunnel {
class TunnelEngine;
}

namespace labshare::app {

// The students' sign-ins the gates of one tunnel engine ask for: each runs a device sign-in at the
// instructor's identity provider (core/auth/StudentSignIn) and its code and outcome go back to the
// engine, which hands them to the waiting connection. Lives on the engine's thread.
class GateSignIns : public QObject {
    Q_OBJECT

public:
    GateSignIns(QNetworkAccessManager& network, auth::IssuerMetadata issuer, auth::ClientCredentials client,
                QObject* parent = nullptr);
    ~GateSignIns() override;

    void attach(tunnel::TunnelEngine& engine);

private:
    void start(quint64 id);

    QNetworkAccessManager& m_network;
    auth::IssuerMetadata m_issuer;
    auth::ClientCredentials m_client;
    QPointer<tunnel::TunnelEngine> m_engine;
    std::map<quint64, std::unique_ptr<auth::StudentSignIn>> m_running;
};

} // namespace labshare::app
