// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/RelayFlavor.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace labshare::tunnel {

// One address at which students reach a forward, as a relay announced it on the session channel.
struct PublicAddress {
    QString kind;     // "HTTP", "HTTPS", "TCP", "TLS", "TCP Alias" as the relay labels it
    QString host;     // host name or address students connect to (no brackets around IPv6, no user info)
    quint16 port = 0; // 0 when the relay gave only a URL without explicit port; then the URL's default port (80/443)
    QString url;      // the URL the relay printed ("https://abc.example.org"); empty for TCP and for host:port forms

    // The port to connect to: `port`, or for a URL without one the default port of its scheme
    // (http 80; https and tls 443). 0 when neither is known.
    quint16 effectivePort() const;

    friend bool operator==(const PublicAddress&, const PublicAddress&) = default;
};

// Reads what a relay prints on the SSH session channel and picks out the public addresses it announces
// (the tcpip-forward reply carries at most a port, never a host name, RFC 4254 7.1). One parser per session
// channel; feed it stdout and stderr bytes as they arrive. Never throws; garbage yields nothing.
//
// Terminal escape sequences are removed (cursor moves that change rows end a line, as a TUI draws rows that
// way), lines end at \n or \r, a partial last line is kept for the next call, and a line longer than
// 16 KiB is dropped.
class BannerParser {
public:
    // Distinct pinggy URLs reported at most: a real session has a handful; a relay that keeps inventing
    // new ones is not believed beyond this (and cannot grow the parser's memory without end).
    static constexpr qsizetype kMaxPinggyUrls = 32;

    explicit BannerParser(RelayFlavor flavor);

    RelayFlavor flavor() const { return m_flavor; }

    // Feeds bytes read from the relay session channel (stdout or stderr, in whatever chunks they arrive:
    // a line may be split across calls, multi-byte UTF-8 too). Returns the public addresses completed by these
    // bytes, in order.
    QList<PublicAddress> feed(const QByteArray& bytes);

    // The channel has closed: parses a buffered last line that never got its line end.
    QList<PublicAddress> finish();

    // The exec command to send on the session channel for this flavour before requesting forwards
    // (localhost.run: "--output json"; sish/pinggy/serveo: empty = run a shell-less session), or empty.
    QString execCommand() const;

    // Removes CSI sequences (\x1b[...X), OSC/DCS/APC/PM/SOS strings (ended by BEL or ESC \) and the other
    // ESC sequences; keeps every other character.
    static QString stripAnsi(const QString& text);

private:
    // Where the byte stream is within a terminal escape sequence (ECMA-48).
    enum class EscapeState { Text, Escape, Intermediate, Csi, String, StringEscape };
    enum class ByteRole { Text, Swallowed, RowMove, ColumnMove };

    static ByteRole scanEscape(EscapeState& state, int& length, char16_t unit);

    void appendByte(char byte, QList<PublicAddress>& found);
    void endLine(QList<PublicAddress>& found);
    void parseLine(const QString& line, QList<PublicAddress>& found);
    void parseSishLine(const QString& line, QList<PublicAddress>& found) const;
    void parseLocalhostRunLine(const QString& line, QList<PublicAddress>& found) const;
    void parseServeoLine(const QString& line, QList<PublicAddress>& found) const;
    void parsePinggyLine(const QString& line, QList<PublicAddress>& found);

    RelayFlavor m_flavor;
    QByteArray m_line;
    bool m_lineOverflow = false; // the current line grew past the limit: drop it up to its end
    EscapeState m_escape = EscapeState::Text;
    int m_escapeLength = 0;

    // localhost.run sends one JSON object per message; a complete object ends the line even without "\n".
    bool m_lineHasText = false;
    bool m_inJson = false;
    int m_jsonDepth = 0;
    bool m_jsonInString = false;
    bool m_jsonEscaped = false;

    QSet<QString> m_seenUrls; // pinggy redraws its screen: report each URL once
};

} // namespace labshare::tunnel
