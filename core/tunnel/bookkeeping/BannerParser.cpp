// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/BannerParser.h"
#include "common/HostName.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <optional>

namespace labshare::tunnel {

namespace {

constexpr qsizetype kMaxLineBytes = 16 * 1024; // banner lines are short; a longer one is noise, not an address
constexpr int kMaxCsiLength = 64;              // parameter + intermediate bytes of one CSI sequence
constexpr int kMaxStringLength = 4096;         // an OSC/DCS string that never ends must not swallow the stream
constexpr char16_t kEsc = 0x1b;

bool isAsciiDigit(QChar c) {
    return c >= u'0' && c <= u'9';
}

// A TCP port students can connect to: 1-65535 written in decimal digits only ("+22", "0x50", "0" are rejected).
std::optional<quint16> parsePort(QStringView text) {
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    int value = 0;
    for (const QChar c : text) {
        if (!isAsciiDigit(c))
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    if (value < 1 || value > 65535)
        return std::nullopt;
    return static_cast<quint16>(value);
}

bool isIpv6Literal(QStringView host) {
    if (host.isEmpty() || host.size() > 45 || !host.contains(u':'))
        return false;
    for (const QChar c : host)
        if (!isAsciiDigit(c) && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F') && c != u':' && c != u'.')
            return false;
    return true;
}

struct HostPort {
    QString host;
    std::optional<quint16> port;
};

// "host", "host:port", "[v6]" or "[v6]:port". Nothing when malformed, including a port that is not 1-65535.
std::optional<HostPort> splitHostPort(QStringView text) {
    QStringView host = text;
    QStringView port;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        host = text.mid(1, close - 1);
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (rest.front() != u':')
                return std::nullopt;
            port = rest.mid(1);
            hasPort = true;
        }
        if (!isIpv6Literal(host))
            return std::nullopt;
    } else {
        const qsizetype colon = text.indexOf(u':');
        if (colon >= 0) {
            if (text.lastIndexOf(u':') != colon) // an IPv6 address without brackets: host and port are ambiguous
                return std::nullopt;
            host = text.left(colon);
            port = text.mid(colon + 1);
            hasPort = true;
        }
        if (!isHostName(host))
            return std::nullopt;
    }
    HostPort out{host.toString(), std::nullopt};
    if (hasPort) {
        out.port = parsePort(port);
        if (!out.port)
            return std::nullopt;
    }
    return out;
}

struct ParsedUrl {
    QString scheme; // lower case
    HostPort authority;
    QStringView path; // from the first '/', '?' or '#' on; empty when there is none
};

// "scheme://[userinfo@]host[:port][/path]". The user info (sish's HTTP basic auth binding) is not part of the host.
std::optional<ParsedUrl> parseUrl(QStringView text) {
    const qsizetype separator = text.indexOf(u"://");
    if (separator <= 0)
        return std::nullopt;
    const QStringView scheme = text.left(separator);
    for (const QChar c : scheme)
        if (!(c >= u'a' && c <= u'z') && !(c >= u'A' && c <= u'Z'))
            return std::nullopt;
    const QStringView rest = text.mid(separator + 3);
    qsizetype end = 0;
    while (end < rest.size() && rest[end] != u'/' && rest[end] != u'?' && rest[end] != u'#')
        ++end;
    QStringView authority = rest.left(end);
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0)
        authority = authority.mid(at + 1);
    std::optional<HostPort> hostPort = splitHostPort(authority);
    if (!hostPort)
        return std::nullopt;
    return ParsedUrl{scheme.toString().toLower(), std::move(*hostPort), rest.mid(end)};
}

bool isWebScheme(const QString& scheme) {
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

// "HTTP: http://sub.example.org[:8080][/path]" and the like: an http(s) URL as printed.
std::optional<PublicAddress> webAddress(const QString& kind, const QString& text) {
    const std::optional<ParsedUrl> url = parseUrl(text);
    if (!url || !isWebScheme(url->scheme))
        return std::nullopt;
    return PublicAddress{kind, url->authority.host, url->authority.port.value_or(0), text};
}

// "example.org:40123": a host and a port, both required.
std::optional<PublicAddress> endpointAddress(const QString& kind, QStringView text) {
    const std::optional<HostPort> hostPort = splitHostPort(text);
    if (!hostPort || !hostPort->port)
        return std::nullopt;
    return PublicAddress{kind, hostPort->host, *hostPort->port, QString()};
}

// localhost.run names one TLS-terminated HTTPS host per forward; it prints no port.
std::optional<PublicAddress> localhostRunAddress(QStringView name) {
    QString host;
    if (name.contains(u"://")) {
        const std::optional<ParsedUrl> url = parseUrl(name);
        if (!url || url->authority.port)
            return std::nullopt;
        host = url->authority.host;
    } else if (isHostName(name)) {
        host = name.toString();
    } else {
        return std::nullopt;
    }
    return PublicAddress{QStringLiteral("HTTPS"), host, 443, QString(QStringLiteral("https://") + host)};
}

// Pinggy's own web site (dashboard, docs) shows up in its banner next to the tunnel URLs.
bool isPinggySite(const QString& host) {
    return host.compare(QLatin1String("pinggy.io"), Qt::CaseInsensitive) == 0 ||
           host.endsWith(QLatin1String(".pinggy.io"), Qt::CaseInsensitive);
}

// The web debugger (-L4300:localhost:4300) prints a loopback URL; students cannot use it.
bool isLoopback(const QString& host) {
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1") || host == QLatin1String("0.0.0.0");
}

} // namespace

quint16 PublicAddress::effectivePort() const {
    if (port != 0)
        return port;
    const qsizetype separator = url.indexOf(QLatin1String("://"));
    if (separator <= 0)
        return 0;
    const QString scheme = url.left(separator).toLower();
    if (scheme == QLatin1String("http"))
        return 80;
    if (scheme == QLatin1String("https") || scheme == QLatin1String("tls"))
        return 443;
    return 0;
}

BannerParser::BannerParser(RelayFlavor flavor)
    : m_flavor(flavor) {}

QString BannerParser::execCommand() const {
    switch (m_flavor) {
    case RelayFlavor::LocalhostRun:
        return QStringLiteral("--output json"); // JSON events instead of the text banner (erlef/localhost-run)
    case RelayFlavor::Lan:
    case RelayFlavor::OpenSsh:
    case RelayFlavor::Sish:
    case RelayFlavor::Serveo:
    case RelayFlavor::Pinggy:
        break;
    }
    return {};
}

QString BannerParser::stripAnsi(const QString& text) {
    QString out;
    out.reserve(text.size());
    EscapeState state = EscapeState::Text;
    int length = 0;
    for (const QChar c : text)
        if (scanEscape(state, length, c.unicode()) == ByteRole::Text)
            out.append(c);
    return out;
}

// One step of an ECMA-48 escape sequence recogniser. All escape sequences are ASCII, so the same steps work on
// UTF-8 bytes and on UTF-16 code units; anything else in the middle of a sequence ends it and is kept as text.
BannerParser::ByteRole BannerParser::scanEscape(EscapeState& state, int& length, char16_t unit) {
    switch (state) {
    case EscapeState::Text:
        if (unit == kEsc) {
            state = EscapeState::Escape;
            return ByteRole::Swallowed;
        }
        return ByteRole::Text;
    case EscapeState::Escape:
        length = 0;
        if (unit == u'[') {
            state = EscapeState::Csi;
            return ByteRole::Swallowed;
        }
        if (unit == u']' || unit == u'P' || unit == u'X' || unit == u'^' || unit == u'_') {
            state = EscapeState::String; // OSC, DCS, SOS, PM, APC
            return ByteRole::Swallowed;
        }
        if (unit == kEsc)
            return ByteRole::Swallowed;
        if (unit >= 0x20 && unit <= 0x2f) {
            state = EscapeState::Intermediate; // e.g. ESC ( B, a character set designation
            return ByteRole::Swallowed;
        }
        state = EscapeState::Text;
        return unit >= 0x30 && unit <= 0x7e ? ByteRole::Swallowed : ByteRole::Text;
    case EscapeState::Intermediate:
        if (unit >= 0x20 && unit <= 0x2f) {
            if (++length > kMaxCsiLength)
                state = EscapeState::Text;
            return ByteRole::Swallowed;
        }
        if (unit == kEsc) {
            state = EscapeState::Escape;
            return ByteRole::Swallowed;
        }
        state = EscapeState::Text;
        return unit >= 0x30 && unit <= 0x7e ? ByteRole::Swallowed : ByteRole::Text;
    case EscapeState::Csi:
        if (unit >= 0x20 && unit <= 0x3f) {
            if (++length > kMaxCsiLength)
                state = EscapeState::Text;
            return ByteRole::Swallowed;
        }
        if (unit >= 0x40 && unit <= 0x7e) {
            state = EscapeState::Text;
            switch (unit) {
            case u'A': // cursor up, down, next line, previous line, position, line position
            case u'B':
            case u'E':
            case u'F':
            case u'H':
            case u'f':
            case u'd':
                return ByteRole::RowMove;
            case u'C': // cursor forward, column
            case u'G':
                return ByteRole::ColumnMove;
            default:
                return ByteRole::Swallowed;
            }
        }
        if (unit == kEsc) {
            state = EscapeState::Escape;
            return ByteRole::Swallowed;
        }
        state = EscapeState::Text;
        return ByteRole::Text;
    case EscapeState::String:
        if (unit == 0x07) {
            state = EscapeState::Text;
        } else if (unit == kEsc) {
            state = EscapeState::StringEscape;
        } else if (++length > kMaxStringLength) {
            state = EscapeState::Text;
        }
        return ByteRole::Swallowed;
    case EscapeState::StringEscape:
        if (unit == u'\\') {
            state = EscapeState::Text;
            return ByteRole::Swallowed;
        }
        state = EscapeState::Escape; // an ESC inside the string ends it and starts a new sequence
        return scanEscape(state, length, unit);
    }
    return ByteRole::Text;
}

QList<PublicAddress> BannerParser::feed(const QByteArray& bytes) {
    QList<PublicAddress> found;
    if (m_flavor == RelayFlavor::Lan || m_flavor == RelayFlavor::OpenSsh)
        return found; // the public address comes from the bound port, not from text
    for (const char byte : bytes) {
        const auto unit = static_cast<unsigned char>(byte);
        switch (scanEscape(m_escape, m_escapeLength, unit)) {
        case ByteRole::Swallowed:
            break;
        case ByteRole::RowMove: // a TUI draws its rows by moving the cursor, with no line end in between
            endLine(found);
            break;
        case ByteRole::ColumnMove:
            appendByte(' ', found);
            break;
        case ByteRole::Text:
            if (unit == '\n' || unit == '\r')
                endLine(found);
            else if (unit == '\t')
                appendByte(' ', found);
            else if (unit >= 0x20 && unit != 0x7f) // other control characters (BEL, backspace, …) carry nothing
                appendByte(byte, found);
            break;
        }
    }
    return found;
}

QList<PublicAddress> BannerParser::finish() {
    QList<PublicAddress> found;
    if (m_flavor != RelayFlavor::Lan && m_flavor != RelayFlavor::OpenSsh)
        endLine(found);
    m_escape = EscapeState::Text;
    m_escapeLength = 0;
    return found;
}

void BannerParser::appendByte(char byte, QList<PublicAddress>& found) {
    if (m_lineOverflow)
        return;
    if (m_line.size() >= kMaxLineBytes) {
        m_lineOverflow = true;
        m_line.clear();
        return;
    }
    m_line.append(byte);
    if (m_flavor != RelayFlavor::LocalhostRun)
        return;

    // The JSON structure characters are ASCII, so a byte-wise scan finds the end of the object.
    if (!m_lineHasText) {
        if (byte == ' ')
            return;
        m_lineHasText = true;
        m_inJson = byte == '{';
        m_jsonDepth = m_inJson ? 1 : 0;
        return;
    }
    if (!m_inJson)
        return;
    if (m_jsonInString) {
        if (m_jsonEscaped)
            m_jsonEscaped = false;
        else if (byte == '\\')
            m_jsonEscaped = true;
        else if (byte == '"')
            m_jsonInString = false;
        return;
    }
    if (byte == '"') {
        m_jsonInString = true;
    } else if (byte == '{' || byte == '[') {
        ++m_jsonDepth;
    } else if (byte == '}' || byte == ']') {
        if (--m_jsonDepth == 0)
            endLine(found);
    }
}

void BannerParser::endLine(QList<PublicAddress>& found) {
    if (!m_lineOverflow && !m_line.isEmpty()) {
        const QString line = QString::fromUtf8(m_line).trimmed();
        if (!line.isEmpty())
            parseLine(line, found);
    }
    m_line.clear();
    m_lineOverflow = false;
    m_lineHasText = false;
    m_inJson = false;
    m_jsonDepth = 0;
    m_jsonInString = false;
    m_jsonEscaped = false;
}

void BannerParser::parseLine(const QString& line, QList<PublicAddress>& found) {
    switch (m_flavor) {
    case RelayFlavor::Sish:
        parseSishLine(line, found);
        break;
    case RelayFlavor::LocalhostRun:
        parseLocalhostRunLine(line, found);
        break;
    case RelayFlavor::Serveo:
        parseServeoLine(line, found);
        break;
    case RelayFlavor::Pinggy:
        parsePinggyLine(line, found);
        break;
    case RelayFlavor::Lan:
    case RelayFlavor::OpenSsh:
        break;
    }
}

// sish (sshmuxer/httphandler.go, tcphandler.go, aliashandler.go) prints one "<label>: <where>" line per way to
// reach a forward after "Starting SSH Forwarding service for …"; the label is aurora-coloured, stripped by now.
// The welcome, "Starting …", "Service console …" and log lines do not match.
void BannerParser::parseSishLine(const QString& line, QList<PublicAddress>& found) const {
    static const QRegularExpression labelled(QStringLiteral("^(HTTPS?|TCP Alias|TCP|TLS): (\\S+)$"));
    const QRegularExpressionMatch match = labelled.match(line);
    if (!match.hasMatch())
        return;
    const QString kind = match.captured(1);
    const QString where = match.captured(2);
    const std::optional<PublicAddress> address =
        kind.startsWith(QLatin1String("HTTP")) ? webAddress(kind, where) : endpointAddress(kind, where);
    if (address)
        found.append(*address);
}

// JSON mode (exec "--output json"): {"event":"tcpip-forward","address":"abc.lhr.life",…} per forward; text mode:
// "abc.lhr.life tunneled with tls termination, https://abc.lhr.life".
void BannerParser::parseLocalhostRunLine(const QString& line, QList<PublicAddress>& found) const {
    if (line.startsWith(u'{')) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return;
        const QJsonObject event = document.object();
        if (event.value(QLatin1String("event")).toString() != QLatin1String("tcpip-forward"))
            return;
        const QJsonValue status = event.value(QLatin1String("status"));
        if (status.isString() && status.toString() != QLatin1String("success"))
            return;
        if (const std::optional<PublicAddress> address =
                localhostRunAddress(event.value(QLatin1String("address")).toString()))
            found.append(*address);
        return;
    }
    static const QRegularExpression tunneled(QStringLiteral("^(\\S+) tunneled with tls termination(?:, (\\S+))?"));
    const QRegularExpressionMatch match = tunneled.match(line);
    if (!match.hasMatch())
        return;
    std::optional<PublicAddress> address;
    if (match.hasCaptured(2))
        address = localhostRunAddress(match.capturedView(2));
    if (!address)
        address = localhostRunAddress(match.capturedView(1));
    if (address)
        found.append(*address);
}

// "Forwarding HTTP traffic from https://x.serveo.net", "Forwarding TCP connections from serveo.net:12345"
// (some recordings show "tcp://serveo.net:12345"). The kind follows the URL's scheme: serveo's "HTTP traffic"
// is served over HTTPS.
void BannerParser::parseServeoLine(const QString& line, QList<PublicAddress>& found) const {
    static const QRegularExpression forwarding(
        QStringLiteral("^Forwarding (HTTPS?|TCP) (?:traffic|connections) from (\\S+)"));
    const QRegularExpressionMatch match = forwarding.match(line);
    if (!match.hasMatch())
        return;
    const QString where = match.captured(2);
    std::optional<PublicAddress> address;
    if (where.contains(QLatin1String("://"))) {
        const std::optional<ParsedUrl> url = parseUrl(where);
        if (url && isWebScheme(url->scheme))
            address = PublicAddress{url->scheme.toUpper(), url->authority.host, url->authority.port.value_or(0), where};
        else if (url && url->scheme == QLatin1String("tcp") && url->authority.port && url->path.isEmpty())
            address = PublicAddress{QStringLiteral("TCP"), url->authority.host, *url->authority.port, QString()};
    } else if (match.captured(1) == QLatin1String("TCP")) {
        address = endpointAddress(QStringLiteral("TCP"), where);
    }
    if (address)
        found.append(*address);
}

// Pinggy prints bare URLs (http://, https://, tcp://host:port, tls://), in its TUI among box-drawing characters,
// and redraws them; links with a path are to its web site, not tunnels.
void BannerParser::parsePinggyLine(const QString& line, QList<PublicAddress>& found) {
    static const QRegularExpression urlPattern(
        QStringLiteral("(?<![A-Za-z0-9+.-])(https?|tcp|tls)://([A-Za-z0-9._:\\[\\]-]+)([/?#][!-~]*)?"),
        QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatchIterator matches = urlPattern.globalMatch(line);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QStringView path = match.capturedView(3);
        if (!path.isEmpty() && path != u"/")
            continue;
        QStringView authority = match.capturedView(2);
        while (authority.endsWith(u'.')) // the end of a sentence
            authority.chop(1);
        const std::optional<HostPort> hostPort = splitHostPort(authority);
        if (!hostPort || isPinggySite(hostPort->host) || isLoopback(hostPort->host))
            continue;
        const QString scheme = match.captured(1).toLower();
        const bool tcp = scheme == QLatin1String("tcp");
        if (tcp && !hostPort->port)
            continue;
        const QString url = scheme + QStringLiteral("://") + authority;
        if (m_seenUrls.contains(url.toLower()) || m_seenUrls.size() >= kMaxPinggyUrls)
            continue;
        m_seenUrls.insert(url.toLower());
        found.append(
            PublicAddress{scheme.toUpper(), hostPort->host, hostPort->port.value_or(0), tcp ? QString() : url});
    }
}

} // namespace labshare::tunnel
