// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/OidcHttp.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace labshare::auth {

// LabShare at the identity provider: its client id and, for providers that give installed apps a
// client secret all the same (it is not confidential in an installed app, RFC 8252 §8.5), that secret.
// A copy holds a copy of the secret of its own (never a shared buffer), wiped when it goes.
struct ClientCredentials {
    ClientCredentials() = default;
    ClientCredentials(QString id, secrets::SecretBytes clientSecret = {})
        : clientId(std::move(id))
        , secret(std::move(clientSecret)) {}
    ClientCredentials(const ClientCredentials& other)
        : clientId(other.clientId)
        , secret(other.secret.copy()) {}
    ClientCredentials& operator=(const ClientCredentials& other) {
        clientId = other.clientId;
        secret = other.secret.copy();
        return *this;
    }
    ClientCredentials(ClientCredentials&&) noexcept = default;
    ClientCredentials& operator=(ClientCredentials&&) noexcept = default;
    ~ClientCredentials() = default;

    QString clientId;
    secrets::SecretBytes secret; // empty: a public client
};

// A form for a client-authenticated endpoint and the Authorization header to send with it (may be empty).
struct AuthenticatedForm {
    FormFields fields;
    QByteArray authorization;
};

// How a request proves the client (RFC 6749 §2.3.1): a public client names itself with client_id
// (RFC 7009 §2.1, RFC 8628 §3.1); a client with a secret sends it in the form when `advertised` (the
// endpoint's *_auth_methods_supported from discovery) lists client_secret_post, else with HTTP Basic.
// A public client is sent as one even where the endpoint advertises no "none": several providers
// accept public clients without saying so, and a refusal is reported by the caller.
AuthenticatedForm authenticateClient(FormFields fields, const ClientCredentials& client, const QStringList& advertised);

// True when `advertised` names methods and none of them is one this client can use.
bool cannotAuthenticate(const ClientCredentials& client, const QStringList& advertised);

// POSTs `fields` to `endpoint` as the client (see authenticateClient).
void postAsClient(OidcHttp& http, const QUrl& endpoint, const QStringList& advertised, const ClientCredentials& client,
                  FormFields fields, QObject* context, AnswerCallback done);

} // namespace labshare::auth
