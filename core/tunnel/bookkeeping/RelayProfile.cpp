// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/RelayProfile.h"
#include "common/HostName.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace labshare::tunnel {

namespace {

constexpr quint16 kDefaultSshPort = 22;
constexpr int kDefaultTimeoutMs = 10000;

const QStringList& optionNames() {
    static const QStringList names{
        QStringLiteral("flavor"),      QStringLiteral("public-host"), QStringLiteral("identity"),
        QStringLiteral("known-hosts"), QStringLiteral("auth"),        QStringLiteral("bind"),
        QStringLiteral("proxy"),       QStringLiteral("cipher"),      QStringLiteral("timeout")};
    return names;
}

QString sshFlavorNames() {
    QStringList names;
    for (RelayFlavor f :
         {RelayFlavor::OpenSsh, RelayFlavor::Sish, RelayFlavor::LocalhostRun, RelayFlavor::Serveo, RelayFlavor::Pinggy})
        names << relayFlavorName(f);
    return names.join(QStringLiteral(", "));
}

// The parts of "scheme://userinfo@host:port/path?query#fragment" as written (RFC 3986 delimiters, no decoding).
// Split by hand because QUrl rewrites or drops parts of a URL it finds invalid, and the checks that keep a
// password out of messages must not depend on that.
struct RawUrl {
    QString scheme; // empty when there is no "://"
    bool hasUserInfo = false;
    QString userInfo;
    QString hostPort; // as written, brackets included
    QString host;     // as written, brackets included
    bool hasPort = false;
    QString port;
    QString path;
    QString query;
    bool hasFragment = false;
};

RawUrl splitUrl(const QString& text) {
    RawUrl raw;
    const qsizetype sep = text.indexOf(QStringLiteral("://"));
    if (sep < 0)
        return raw;
    raw.scheme = text.left(sep);
    QString rest = text.mid(sep + 3);
    if (const qsizetype hash = rest.indexOf(QLatin1Char('#')); hash >= 0) {
        raw.hasFragment = true;
        rest.truncate(hash);
    }
    if (const qsizetype question = rest.indexOf(QLatin1Char('?')); question >= 0) {
        raw.query = rest.mid(question + 1);
        rest.truncate(question);
    }
    if (const qsizetype slash = rest.indexOf(QLatin1Char('/')); slash >= 0) {
        raw.path = rest.mid(slash);
        rest.truncate(slash);
    }
    if (const qsizetype at = rest.lastIndexOf(QLatin1Char('@')); at >= 0) {
        raw.hasUserInfo = true;
        raw.userInfo = rest.left(at);
        rest = rest.mid(at + 1);
    }
    raw.hostPort = rest;
    qsizetype hostEnd = rest.startsWith(QLatin1Char('[')) ? rest.indexOf(QLatin1Char(']')) + 1 : 0;
    hostEnd = hostEnd > 0 ? hostEnd : rest.indexOf(QLatin1Char(':'));
    raw.host = hostEnd < 0 ? rest : rest.left(hostEnd);
    if (hostEnd >= 0 && rest.mid(hostEnd).startsWith(QLatin1Char(':'))) {
        raw.hasPort = true;
        raw.port = rest.mid(hostEnd + 1);
    }
    return raw;
}

// An option key safe to repeat in a message: a short word, not a value someone pasted by mistake.
QString shownKey(const QString& key) {
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return word.match(key).hasMatch() ? key : QStringLiteral("…");
}

// The URL as error messages quote it: no password, no values of unknown options, no proxy credentials.
QString shownUrl(const RawUrl& raw) {
    QString out = raw.scheme + QStringLiteral("://");
    if (raw.hasUserInfo)
        out += raw.userInfo.section(QLatin1Char(':'), 0, 0) + QLatin1Char('@');
    out += raw.hostPort + raw.path;
    if (raw.query.isEmpty())
        return out;
    QStringList items;
    for (const QString& item : raw.query.split(QLatin1Char('&'))) {
        const QString key = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toUtf8());
        const QString value = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 1).toUtf8());
        const bool known = optionNames().contains(key) || key == QLatin1String("allow");
        if (known && !(key == QLatin1String("proxy") && value.contains(QLatin1Char('@'))))
            items << item;
        else
            items << (item.contains(QLatin1Char('=')) ? shownKey(key) + QStringLiteral("=…") : shownKey(key));
    }
    return out + QLatin1Char('?') + items.join(QLatin1Char('&'));
}

QString expandHome(const QString& path) {
    return path.startsWith(QLatin1String("~/")) ? QDir(QDir::homePath()).filePath(path.mid(2)) : path;
}

bool isHostOrAddress(const QString& text) {
    return isHostName(text) || !QHostAddress(text).isNull();
}

// "host" or "[v6]" (a zone's '%' encoded, as a URL needs it).
QString bracketed(const QString& host, bool forUrl) {
    if (!host.contains(QLatin1Char(':')))
        return host;
    return QLatin1Char('[') + (forUrl ? QString(host).replace(QLatin1Char('%'), QStringLiteral("%25")) : host) +
           QLatin1Char(']');
}

QString encoded(const QString& value) {
    return QString::fromLatin1(QUrl::toPercentEncoding(value, "/:~,@"));
}

// allow=CIDR[,CIDR…]: networks written "address/prefix" (or one address), kept as "address/prefix".
QString applyAllow(RelayProfile& profile, const QString& value) {
    QStringList networks;
    for (const QString& item : value.split(QLatin1Char(','))) {
        const QString text = item.trimmed();
        const QHostAddress single(text);
        const QPair<QHostAddress, int> subnet =
            text.contains(QLatin1Char('/'))
                ? QHostAddress::parseSubnet(text)
                : qMakePair(single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32);
        if (text.isEmpty() || subnet.first.isNull() || subnet.second < 0 || !single.scopeId().isEmpty())
            return RelayProfile::tr(
                       "allow '%1' is not a network: write allow=192.168.10.0/24 or allow=10.0.0.0/8,fd00::/8")
                .arg(text);
        networks << subnet.first.toString() + QLatin1Char('/') + QString::number(subnet.second);
    }
    profile.allowedSources = networks;
    return {};
}

QString applyProxy(RelayProfile& profile, const QString& value) {
    if (value.contains(QLatin1Char('@')))
        return RelayProfile::tr("the proxy has a user name or password, and credentials never go in relay URLs: write "
                                "proxy=http://host:port");
    const QUrl proxy(value, QUrl::StrictMode);
    const bool noPath = proxy.path().isEmpty() || proxy.path() == QLatin1String("/");
    if (!proxy.isValid() || proxy.scheme() != QLatin1String("http") || proxy.host().isEmpty() || proxy.port() < 1 ||
        !noPath || proxy.hasQuery() || proxy.hasFragment())
        return RelayProfile::tr("proxy '%1' is not http://host:port (only HTTP CONNECT proxies are supported)")
            .arg(value);
    profile.proxyHost = proxy.host();
    profile.proxyPort = static_cast<quint16>(proxy.port());
    return {};
}

// Applies one query option; returns what is wrong with it, or an empty string.
QString applyOption(RelayProfile& profile, const QString& key, const QString& value) {
    if (key == QLatin1String("flavor")) {
        const auto flavor = relayFlavorFromName(value);
        if (flavor == RelayFlavor::Lan)
            return RelayProfile::tr("flavor 'lan' is not an SSH relay: write lan://ADDRESS");
        if (!flavor)
            return RelayProfile::tr("unknown flavor '%1' (use %2)").arg(value, sshFlavorNames());
        profile.flavor = *flavor;
    } else if (key == QLatin1String("public-host")) {
        if (!isHostOrAddress(value))
            return RelayProfile::tr("public-host '%1' is not a host name or address").arg(value);
        profile.publicHost = value;
    } else if (key == QLatin1String("identity")) {
        profile.identityFile = expandHome(value);
    } else if (key == QLatin1String("known-hosts")) {
        profile.knownHostsFile = expandHome(value);
    } else if (key == QLatin1String("auth")) {
        const auto auth = relayAuthFromName(value);
        if (!auth)
            return RelayProfile::tr("unknown auth '%1' (use agent, key, password or token)").arg(value);
        profile.auth = *auth;
    } else if (key == QLatin1String("bind")) {
        if (value != QLatin1String("*") && !isHostOrAddress(value))
            return RelayProfile::tr("bind address '%1' is not an address, a host name or *").arg(value);
        profile.bindAddress = value;
    } else if (key == QLatin1String("proxy")) {
        return applyProxy(profile, value);
    } else if (key == QLatin1String("cipher")) {
        static const QRegularExpression names(QStringLiteral("^[A-Za-z0-9@._+-]+(,[A-Za-z0-9@._+-]+)*$"));
        if (!names.match(value).hasMatch())
            return RelayProfile::tr("cipher '%1' is not a cipher name (for example aes128-gcm@openssh.com)").arg(value);
        profile.cipher = value;
    } else if (key == QLatin1String("timeout")) {
        static const QRegularExpression seconds(QStringLiteral("^[0-9]{1,4}(\\.[0-9]{1,3})?$"));
        const int ms = seconds.match(value).hasMatch() ? qRound(value.toDouble() * 1000) : -1;
        if (ms < 1 || ms > 3600 * 1000)
            return RelayProfile::tr("timeout '%1' is not a number of seconds from 0.001 to 3600").arg(value);
        profile.connectTimeoutMs = ms;
    }
    return {};
}

} // namespace

QString relayAuthName(RelayAuth auth) {
    switch (auth) {
    case RelayAuth::Default:
        return QStringLiteral("default");
    case RelayAuth::Agent:
        return QStringLiteral("agent");
    case RelayAuth::Key:
        return QStringLiteral("key");
    case RelayAuth::Password:
        return QStringLiteral("password");
    case RelayAuth::Token:
        return QStringLiteral("token");
    }
    return {};
}

std::optional<RelayAuth> relayAuthFromName(const QString& name) {
    for (RelayAuth a : {RelayAuth::Agent, RelayAuth::Key, RelayAuth::Password, RelayAuth::Token})
        if (relayAuthName(a).compare(name, Qt::CaseInsensitive) == 0)
            return a;
    return std::nullopt;
}

bool RelayProfile::admitsSource(const QString& address) const {
    if (allowedSources.isEmpty())
        return true;
    QHostAddress from(address);
    from.setScopeId({});
    bool v4 = false;
    if (const quint32 mapped = from.toIPv4Address(&v4); v4) // an IPv4 client of an IPv6 socket
        from = QHostAddress(mapped);
    return std::any_of(allowedSources.cbegin(), allowedSources.cend(),
                       [&from](const QString& network) { return from.isInSubnet(QHostAddress::parseSubnet(network)); });
}

QString RelayProfile::id() const {
    if (isLan())
        return QStringLiteral("lan://") + bracketed(host, false);
    QString out = relayFlavorName(flavor) + QStringLiteral("://");
    if (!user.isEmpty())
        out += encoded(user) + QLatin1Char('@');
    return out + bracketed(host, false) + QLatin1Char(':') + QString::number(port);
}

QString RelayProfile::displayName() const {
    if (isLan())
        return host.isEmpty() ? tr("LAN (default interface)") : tr("LAN %1").arg(host);
    QString where = bracketed(host, false);
    if (port != kDefaultSshPort)
        where += QLatin1Char(':') + QString::number(port);
    return tr("%1 (%2)").arg(where, relayFlavorName(flavor));
}

QString RelayProfile::toUrl() const {
    if (isLan())
        return QStringLiteral("lan://") + bracketed(host, true) +
               (allowedSources.isEmpty() ? QString()
                                         : QStringLiteral("?allow=") + encoded(allowedSources.join(QLatin1Char(','))));
    QString url = QStringLiteral("ssh://");
    if (!user.isEmpty())
        url += encoded(user) + QLatin1Char('@');
    url += bracketed(host, true);
    if (port != kDefaultSshPort || explicitPort)
        url += QLatin1Char(':') + QString::number(port);

    QStringList items;
    const auto add = [&items](const char* key, const QString& value) {
        items << QString(QLatin1String(key) + QLatin1Char('=') + encoded(value));
    };
    if (flavor != RelayFlavor::OpenSsh)
        add("flavor", relayFlavorName(flavor));
    if (!publicHost.isEmpty() && !(flavor == RelayFlavor::OpenSsh && publicHost == host))
        add("public-host", publicHost);
    if (!identityFile.isEmpty())
        add("identity", identityFile);
    if (!knownHostsFile.isEmpty())
        add("known-hosts", knownHostsFile);
    if (auth != RelayAuth::Default)
        add("auth", relayAuthName(auth));
    if (!bindAddress.isEmpty())
        add("bind", bindAddress);
    if (proxyPort != 0)
        add("proxy",
            QStringLiteral("http://") + bracketed(proxyHost, true) + QLatin1Char(':') + QString::number(proxyPort));
    if (!cipher.isEmpty())
        add("cipher", cipher);
    if (connectTimeoutMs != kDefaultTimeoutMs)
        add("timeout", QString::number(connectTimeoutMs / 1000.0, 'g', 10));
    return items.isEmpty() ? url : url + QLatin1Char('?') + items.join(QLatin1Char('&'));
}

Result<RelayProfile> RelayProfile::fromUrl(const QString& url) {
    const QString text = url.trimmed();
    const QString forms = tr("write ssh://[user@]host[:port][?options] or lan://[ADDRESS]");
    if (text.isEmpty())
        return makeError(ErrorCode::BadInput, tr("empty relay URL: %1").arg(forms));
    const RawUrl raw = splitUrl(text);
    if (raw.scheme.isEmpty()) {
        // Quote it only when it cannot be "user:password@host" typed without a scheme.
        if (text.contains(QLatin1Char('@')))
            return makeError(ErrorCode::BadInput, tr("relay URL has no scheme: %1").arg(forms));
        return makeError(ErrorCode::BadInput, tr("relay URL '%1' has no scheme: %2").arg(text, forms));
    }
    const QString shown = shownUrl(raw);
    const auto fail = [&shown](const QString& problem) {
        return makeError(ErrorCode::BadInput, tr("relay URL '%1': %2").arg(shown, problem));
    };

    // "user:password@host"; or one whose password holds '/', '?' or '#', which RFC 3986 reads as host "user",
    // port "pass…" (or a short number and a path) and an '@' further on.
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    const bool numericPort = digits.match(raw.port).hasMatch();
    const bool atLater = text.mid(text.indexOf(QStringLiteral("://")) + 3).contains(QLatin1Char('@'));
    const bool passwordWithDelimiter =
        !raw.hasUserInfo && raw.hasPort && atLater && (!numericPort || raw.path.contains(QLatin1Char('@')));
    if (raw.userInfo.contains(QLatin1Char(':')) || passwordWithDelimiter) {
        const QString where = passwordWithDelimiter ? raw.scheme + QStringLiteral("://…") : shown;
        return makeError(ErrorCode::BadInput,
                         tr("relay URL '%1': a password follows the user name, and passwords never go in relay URLs: "
                            "remove it and use auth=password (LabShare asks for it) or a key")
                             .arg(where));
    }

    const QString scheme = raw.scheme.toLower();
    if (scheme != QLatin1String("ssh") && scheme != QLatin1String("lan"))
        return fail(tr("scheme '%1' is not supported: %2").arg(raw.scheme, forms));
    if (raw.hasFragment)
        return fail(tr("'#' starts a fragment, which relay URLs do not have: write %23 for a '#' in a path"));
    if (!raw.path.isEmpty() && raw.path != QLatin1String("/"))
        return fail(tr("relay URLs have no path: remove '%1'").arg(raw.path));
    if (raw.hasPort) {
        const int port = numericPort ? raw.port.toInt() : -1;
        if (port < 1 || port > 65535)
            return fail(tr("port '%1' is not a number from 1 to 65535").arg(raw.port));
    }
    const QUrl parsed(text, QUrl::TolerantMode);
    if (!parsed.isValid())
        return fail(tr("host '%1' is not a valid host name or address").arg(raw.host));

    RelayProfile profile;
    if (scheme == QLatin1String("lan")) {
        if (raw.hasUserInfo)
            return fail(tr("lan relays have no user: write lan://ADDRESS"));
        if (raw.hasPort)
            return fail(tr("lan relays take no port (every share gets its own listener): write lan://ADDRESS"));
        for (const auto& [key, value] : QUrlQuery(parsed).queryItems(QUrl::FullyDecoded)) {
            if (key.isEmpty() && value.isEmpty())
                continue;
            if (key != QLatin1String("allow"))
                return fail(tr("unknown option '%1': lan relays take allow=CIDR[,CIDR…] only").arg(shownKey(key)));
            if (!profile.allowedSources.isEmpty())
                return fail(
                    tr("option 'allow' is given more than once: list the networks in one, separated by commas"));
            if (const QString problem = applyAllow(profile, value); !problem.isEmpty())
                return fail(problem);
        }
        // Strict forms only: QUrl would read "lan://10" as 0.0.0.10.
        static const QRegularExpression dottedQuad(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
        const bool v6 = raw.host.startsWith(QLatin1Char('['));
        const QHostAddress address(parsed.host());
        if (!raw.host.isEmpty() && (address.isNull() || (!v6 && !dottedQuad.match(raw.host).hasMatch())))
            return fail(tr("lan address '%1' is not an IP address: write lan://192.0.2.10, lan://[2001:db8::1], "
                           "or lan:// for the default interface")
                            .arg(raw.host));
        profile.host = parsed.host();
        return profile;
    }

    profile.flavor = RelayFlavor::OpenSsh;
    profile.user = parsed.userName();
    profile.host = parsed.host();
    if (profile.host.isEmpty())
        return fail(tr("no relay host: write ssh://[user@]host[:port]"));
    if (parsed.port() > 0)
        profile.port = static_cast<quint16>(parsed.port());
    profile.explicitPort = raw.hasPort;

    QStringList seen;
    for (const auto& [key, value] : QUrlQuery(parsed).queryItems(QUrl::FullyDecoded)) {
        if (key.isEmpty() && value.isEmpty())
            continue; // "a=1&&b=2"
        if (key == QLatin1String("password") || key == QLatin1String("token"))
            return fail(tr("option '%1' would put a secret in the URL, and passwords and tokens never go in relay "
                           "URLs: use auth=%1 and LabShare supplies it")
                            .arg(key));
        if (key == QLatin1String("allow"))
            return fail(tr("allow= applies to lan relays only: an SSH relay decides who reaches it"));
        if (!optionNames().contains(key))
            return fail(
                tr("unknown option '%1' (use %2)").arg(shownKey(key), optionNames().join(QStringLiteral(", "))));
        if (seen.contains(key))
            return fail(tr("option '%1' is given more than once").arg(key));
        seen << key;
        if (value.trimmed().isEmpty())
            return fail(tr("option '%1' has no value: write %1=VALUE").arg(key));
        if (const QString problem = applyOption(profile, key, value); !problem.isEmpty())
            return fail(problem);
    }

    if (!profile.publicHost.isEmpty() && profile.flavor != RelayFlavor::OpenSsh)
        return fail(tr("public-host applies to openssh relays only: a %1 relay tells LabShare its public address")
                        .arg(relayFlavorName(profile.flavor)));
    if (profile.flavor == RelayFlavor::OpenSsh && profile.publicHost.isEmpty())
        profile.publicHost = profile.host;
    return profile;
}

} // namespace labshare::tunnel
