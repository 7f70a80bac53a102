// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/OAuthErrors.h"

#include <QCoreApplication>

namespace labshare::auth {

namespace {

// Gives this file's messages their tr() and translation context.
class OAuthErrors {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::OAuthErrors)
};

} // namespace

QString oauthErrorMeaning(const QString& code) {
    struct Meaning {
        const char* code;
        const char* text;
    };
    static const Meaning meanings[] = {
        {"invalid_request", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors",
                                              "the request lacks something the identity provider requires")},
        {"invalid_client",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors",
                           "the identity provider does not accept this client: check the client id, and whether the "
                           "provider requires a client secret for it")},
        {"invalid_grant", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors",
                                            "the sign-in or code is no longer valid (it expired, was already used or "
                                            "was revoked)")},
        {"unauthorized_client",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors",
                           "this client may not sign in this way at the identity provider (the grant type is not "
                           "enabled for it)")},
        {"unsupported_grant_type",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the identity provider does not offer this kind of sign-in")},
        {"invalid_scope", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors",
                                            "the identity provider refused the scopes LabShare asks for")},
        {"access_denied", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the sign-in was declined")},
        // Microsoft Entra ID's names for RFC 8628's access_denied and for a code it does not know.
        {"authorization_declined", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the sign-in was declined")},
        {"bad_verification_code",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the identity provider does not know this sign-in code")},
        {"expired_token", QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the sign-in code expired")},
        {"unsupported_token_type",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the identity provider cannot revoke this kind of token")},
        {"server_error",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the identity provider had an internal problem")},
        {"temporarily_unavailable",
         QT_TRANSLATE_NOOP("labshare::auth::OAuthErrors", "the identity provider is temporarily unavailable")},
    };
    for (const Meaning& meaning : meanings)
        if (code == QLatin1String(meaning.code))
            return OAuthErrors::tr(meaning.text);
    return {};
}

} // namespace labshare::auth
