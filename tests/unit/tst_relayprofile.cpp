// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/RelayProfile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace labshare::tunnel;

namespace {

// Fields of a parsed profile, compared as one string so a table row stays readable and a failure shows all of it.
QString describe(const RelayProfile& p) {
    return QStringList{relayFlavorName(p.flavor),
                       "user=" + p.user,
                       "host=" + p.host,
                       "port=" + QString::number(p.port),
                       "public=" + p.publicHost,
                       "identity=" + p.identityFile,
                       "known=" + p.knownHostsFile,
                       "auth=" + relayAuthName(p.auth),
                       "bind=" + p.bindAddress,
                       "proxy=" + p.proxyHost + ":" + QString::number(p.proxyPort),
                       "cipher=" + p.cipher,
                       "timeout=" + QString::number(p.connectTimeoutMs)}
        .join(" ");
}

} // namespace

class TestRelayProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void parsesGoodUrls_data();
    void parsesGoodUrls();
    void rejectsBadUrls_data();
    void rejectsBadUrls();
    void neverRepeatsSecrets_data();
    void neverRepeatsSecrets();
    void roundTripsThroughToUrl_data();
    void roundTripsThroughToUrl();
    void roundTripsAwkwardValues_data();
    void roundTripsAwkwardValues();
    void expandsTildeAgainstHome_data();
    void expandsTildeAgainstHome();
    void idHasNoQuery_data();
    void idHasNoQuery();
    void showsDisplayName_data();
    void showsDisplayName();
    void namesAuthMethods();
    void knowsWhetherThePortWasGiven_data();
    void knowsWhetherThePortWasGiven();
    void lanAllowAdmitsOnlyItsNetworks_data();
    void lanAllowAdmitsOnlyItsNetworks();

private:
    QByteArray m_savedHome;
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestRelayProfile::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_savedHome = qgetenv("HOME");
}

void TestRelayProfile::init() {
    // A fresh home per test: "~/" must expand against it, never against the user's real one.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    qputenv("HOME", QFile::encodeName(m_home->path()));
}

void TestRelayProfile::cleanup() {
    qputenv("HOME", m_savedHome);
    m_home.reset();
}

void TestRelayProfile::parsesGoodUrls_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("fields");

    const QString defaults = " identity= known= auth=default bind= proxy=:0 cipher= timeout=10000";
    QTest::newRow("lan default interface") << "lan://"
                                           << "lan user= host= port=22 public=" + defaults;
    QTest::newRow("lan trailing slash") << "lan:///"
                                        << "lan user= host= port=22 public=" + defaults;
    QTest::newRow("lan IPv4") << "lan://192.0.2.10"
                              << "lan user= host=192.0.2.10 port=22 public=" + defaults;
    QTest::newRow("lan IPv6") << "lan://[::1]"
                              << "lan user= host=::1 port=22 public=" + defaults;
    QTest::newRow("lan upper-case scheme") << "LAN://192.0.2.10"
                                           << "lan user= host=192.0.2.10 port=22 public=" + defaults;
    QTest::newRow("ssh host only") << "ssh://relay.example.org"
                                   << "openssh user= host=relay.example.org port=22 public=relay.example.org" +
                                          defaults;
    QTest::newRow("ssh surrounding space")
        << "  ssh://relay.example.org  "
        << "openssh user= host=relay.example.org port=22 public=relay.example.org" + defaults;
    QTest::newRow("ssh host lower-cased")
        << "ssh://Relay.Example.ORG"
        << "openssh user= host=relay.example.org port=22 public=relay.example.org" + defaults;
    QTest::newRow("ssh user and port") << "ssh://tunnel@relay.example.org:2222"
                                       << "openssh user=tunnel host=relay.example.org port=2222 "
                                          "public=relay.example.org" +
                                              defaults;
    QTest::newRow("ssh encoded user") << "ssh://first%20last@h.example"
                                      << "openssh user=first last host=h.example port=22 public=h.example" + defaults;
    QTest::newRow("ssh IPv6 and port") << "ssh://[2001:db8::1]:2222"
                                       << "openssh user= host=2001:db8::1 port=2222 public=2001:db8::1" + defaults;
    QTest::newRow("ssh highest port") << "ssh://h.example:65535"
                                      << "openssh user= host=h.example port=65535 public=h.example" + defaults;
    QTest::newRow("ssh explicit openssh and public host")
        << "ssh://u@10.0.0.5?flavor=openssh&public-host=relay.example.org"
        << "openssh user=u host=10.0.0.5 port=22 public=relay.example.org" + defaults;
    QTest::newRow("sish") << "ssh://tuns.sh?flavor=sish"
                          << "sish user= host=tuns.sh port=22 public=" + defaults;
    QTest::newRow("localhost.run") << "ssh://nokey@localhost.run?flavor=localhost.run"
                                   << "localhost.run user=nokey host=localhost.run port=22 public=" + defaults;
    QTest::newRow("serveo flavor case") << "ssh://serveo.net?flavor=Serveo"
                                        << "serveo user= host=serveo.net port=22 public=" + defaults;
    QTest::newRow("pinggy") << "ssh://a.pinggy.io:443?flavor=pinggy"
                            << "pinggy user= host=a.pinggy.io port=443 public=" + defaults;
    QTest::newRow("every option")
        << "ssh://u@r.example:2200?flavor=openssh&public-host=pub.example&identity=/keys/id&known-hosts=/keys/kh"
           "&auth=key&bind=0.0.0.0&proxy=http://proxy.example:3128&cipher=aes128-gcm@openssh.com&timeout=15"
        << "openssh user=u host=r.example port=2200 public=pub.example identity=/keys/id known=/keys/kh auth=key "
           "bind=0.0.0.0 proxy=proxy.example:3128 cipher=aes128-gcm@openssh.com timeout=15000";
    QTest::newRow("options in any order")
        << "ssh://r.example?timeout=2.5&auth=token&flavor=sish"
        << "sish user= host=r.example port=22 public= identity= known= auth=token bind= proxy=:0 cipher= "
           "timeout=2500";
    QTest::newRow("auth agent") << "ssh://r.example?auth=agent"
                                << "openssh user= host=r.example port=22 public=r.example identity= known= "
                                   "auth=agent bind= proxy=:0 cipher= timeout=10000";
    QTest::newRow("auth password") << "ssh://r.example?auth=password"
                                   << "openssh user= host=r.example port=22 public=r.example identity= known= "
                                      "auth=password bind= proxy=:0 cipher= timeout=10000";
    QTest::newRow("bind star and IPv6 proxy")
        << "ssh://r.example?bind=*&proxy=http://[::1]:8080"
        << "openssh user= host=r.example port=22 public=r.example identity= known= auth=default bind=* "
           "proxy=::1:8080 cipher= timeout=10000";
    QTest::newRow("proxy with trailing slash")
        << "ssh://r.example?proxy=http://p.example:3128/"
        << "openssh user= host=r.example port=22 public=r.example identity= known= auth=default bind= "
           "proxy=p.example:3128 cipher= timeout=10000";
    QTest::newRow("cipher list") << "ssh://r.example?cipher=aes128-gcm@openssh.com,chacha20-poly1305@openssh.com"
                                 << "openssh user= host=r.example port=22 public=r.example identity= known= "
                                    "auth=default bind= proxy=:0 cipher=aes128-gcm@openssh.com,"
                                    "chacha20-poly1305@openssh.com timeout=10000";
    // Paths are fully percent-decoded; '+' stays a plus (not a form-encoded space).
    QTest::newRow("identity space decoded") << "ssh://r.example?identity=/keys/my%20key"
                                            << "openssh user= host=r.example port=22 public=r.example "
                                               "identity=/keys/my key known= auth=default bind= proxy=:0 cipher= "
                                               "timeout=10000";
    QTest::newRow("identity slashes encoded") << "ssh://r.example?identity=%2Fkeys%2Fid"
                                              << "openssh user= host=r.example port=22 public=r.example "
                                                 "identity=/keys/id known= auth=default bind= proxy=:0 cipher= "
                                                 "timeout=10000";
    QTest::newRow("identity percent, ampersand, plus")
        << "ssh://r.example?identity=/k/100%25%26a+b%3D"
        << "openssh user= host=r.example port=22 public=r.example identity=/k/100%&a+b= known= auth=default bind= "
           "proxy=:0 cipher= timeout=10000";
    QTest::newRow("identity stray percent") << "ssh://r.example?identity=/k/100%key"
                                            << "openssh user= host=r.example port=22 public=r.example "
                                               "identity=/k/100%key known= auth=default bind= proxy=:0 cipher= "
                                               "timeout=10000";
    QTest::newRow("identity with at sign") << "ssh://r.example:2222?identity=/k/me@laptop"
                                           << "openssh user= host=r.example port=2222 public=r.example "
                                              "identity=/k/me@laptop known= auth=default bind= proxy=:0 cipher= "
                                              "timeout=10000";
    QTest::newRow("identity UTF-8") << "ssh://r.example?identity=/k/cl%C3%A9"
                                    << QString::fromUtf8("openssh user= host=r.example port=22 public=r.example "
                                                         "identity=/k/cl\u00e9 known= auth=default bind= proxy=:0 "
                                                         "cipher= timeout=10000");
    QTest::newRow("empty items skipped") << "ssh://r.example?&auth=key&&"
                                         << "openssh user= host=r.example port=22 public=r.example identity= known= "
                                            "auth=key bind= proxy=:0 cipher= timeout=10000";
}

void TestRelayProfile::parsesGoodUrls() {
    QFETCH(QString, url);
    QFETCH(QString, fields);

    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
    QCOMPARE(describe(*profile), fields);
    QCOMPARE(profile->isLan(), url.trimmed().startsWith("lan", Qt::CaseInsensitive));
}

void TestRelayProfile::rejectsBadUrls_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << "   "
                           << "empty relay URL";
    QTest::newRow("no scheme") << "relay.example.org"
                               << "relay URL 'relay.example.org' has no scheme: write ssh://";
    QTest::newRow("unsupported scheme") << "https://relay.example.org"
                                        << "scheme 'https' is not supported: write ssh://[user@]host[:port]";
    QTest::newRow("unknown flavor") << "ssh://x?flavor=nope"
                                    << "relay URL 'ssh://x?flavor=nope': unknown flavor 'nope' (use openssh, sish, "
                                       "localhost.run, serveo, pinggy)";
    QTest::newRow("lan flavor on ssh") << "ssh://x?flavor=lan"
                                       << "flavor 'lan' is not an SSH relay: write lan://ADDRESS";
    QTest::newRow("unknown option") << "ssh://x?identiy=/k"
                                    << "unknown option 'identiy' (use flavor, public-host, identity";
    QTest::newRow("option twice") << "ssh://x?auth=key&auth=agent"
                                  << "option 'auth' is given more than once";
    QTest::newRow("option without value") << "ssh://x?identity="
                                          << "option 'identity' has no value";
    QTest::newRow("option without =") << "ssh://x?cipher"
                                      << "option 'cipher' has no value";
    QTest::newRow("port zero") << "ssh://x:0"
                               << "port '0' is not a number from 1 to 65535";
    QTest::newRow("port too big") << "ssh://x:65536"
                                  << "port '65536' is not a number from 1 to 65535";
    QTest::newRow("port huge") << "ssh://x:99999999999"
                               << "port '99999999999'";
    QTest::newRow("port not a number") << "ssh://x:ssh"
                                       << "port 'ssh' is not a number";
    QTest::newRow("port empty") << "ssh://x:"
                                << "port '' is not a number";
    QTest::newRow("IPv6 port bad") << "ssh://[2001:db8::1]:x"
                                   << "port 'x'";
    QTest::newRow("no host") << "ssh://"
                             << "no relay host";
    QTest::newRow("user but no host") << "ssh://u@"
                                      << "no relay host";
    QTest::newRow("port but no host") << "ssh://:22"
                                      << "no relay host";
    QTest::newRow("bad host") << "ssh://exa mple"
                              << "host 'exa mple' is not a valid host name";
    QTest::newRow("path") << "ssh://x/tunnel"
                          << "relay URLs have no path: remove '/tunnel'";
    QTest::newRow("fragment") << "ssh://x?identity=/k/a#b"
                              << "'#' starts a fragment";
    QTest::newRow("bad auth") << "ssh://x?auth=kerberos"
                              << "unknown auth 'kerberos' (use agent, key, password or token)";
    QTest::newRow("default auth is not a value") << "ssh://x?auth=default"
                                                 << "unknown auth 'default'";
    QTest::newRow("proxy socks") << "ssh://x?proxy=socks5://p:1080"
                                 << "proxy 'socks5://p:1080' is not http://host:port";
    QTest::newRow("proxy https") << "ssh://x?proxy=https://p:443"
                                 << "is not http://host:port";
    QTest::newRow("proxy without port") << "ssh://x?proxy=http://p"
                                        << "proxy 'http://p' is not http://host:port";
    QTest::newRow("proxy port zero") << "ssh://x?proxy=http://p:0"
                                     << "is not http://host:port";
    QTest::newRow("proxy with path") << "ssh://x?proxy=http://p:3128/x"
                                     << "is not http://host:port";
    QTest::newRow("proxy bare host") << "ssh://x?proxy=p:3128"
                                     << "is not http://host:port";
    QTest::newRow("bad timeout") << "ssh://x?timeout=soon"
                                 << "timeout 'soon' is not a number of seconds";
    QTest::newRow("zero timeout") << "ssh://x?timeout=0"
                                  << "timeout '0'";
    QTest::newRow("negative timeout") << "ssh://x?timeout=-1"
                                      << "timeout '-1'";
    QTest::newRow("timeout too long") << "ssh://x?timeout=3601"
                                      << "timeout '3601'";
    QTest::newRow("bad cipher") << "ssh://x?cipher=aes 128"
                                << "cipher 'aes 128' is not a cipher name";
    QTest::newRow("bad bind") << "ssh://x?bind=a b"
                              << "bind address 'a b'";
    QTest::newRow("bad public host") << "ssh://x?public-host=-bad-"
                                     << "public-host '-bad-' is not a host name";
    QTest::newRow("public host on sish") << "ssh://x?flavor=sish&public-host=p.example"
                                         << "public-host applies to openssh relays only";
    QTest::newRow("lan host name") << "lan://classroom.local"
                                   << "lan address 'classroom.local' is not an IP address";
    QTest::newRow("lan short IPv4") << "lan://10"
                                    << "lan address '10' is not an IP address";
    QTest::newRow("lan three-part IPv4") << "lan://192.168.1"
                                         << "lan address '192.168.1' is not an IP address";
    QTest::newRow("lan user") << "lan://u@192.0.2.10"
                              << "lan relays have no user";
    QTest::newRow("lan port") << "lan://192.0.2.10:8000"
                              << "lan relays take no port";
    QTest::newRow("lan options") << "lan://192.0.2.10?bind=0.0.0.0"
                                 << "unknown option 'bind': lan relays take allow=CIDR[,CIDR…] only";
    QTest::newRow("lan allow not a network") << "lan://192.0.2.10?allow=classroom"
                                             << "allow 'classroom' is not a network";
    QTest::newRow("lan allow bad prefix") << "lan://192.0.2.10?allow=10.0.0.0/33"
                                          << "allow '10.0.0.0/33' is not a network";
    QTest::newRow("lan allow empty item") << "lan://192.0.2.10?allow=10.0.0.0/8,"
                                          << "allow '' is not a network";
    QTest::newRow("lan allow twice") << "lan://?allow=10.0.0.0/8&allow=fd00::/8"
                                     << "option 'allow' is given more than once";
    QTest::newRow("allow on ssh") << "ssh://relay.example.org?allow=10.0.0.0/8"
                                  << "allow= applies to lan relays only";
    QTest::newRow("password") << "ssh://u:secret@h"
                              << "relay URL 'ssh://u@h': a password follows the user name, and passwords never go "
                                 "in relay URLs";
    QTest::newRow("empty password") << "ssh://u:@h"
                                    << "passwords never go in relay URLs";
    QTest::newRow("password option") << "ssh://h?password=x"
                                     << "option 'password' would put a secret in the URL";
    QTest::newRow("token option") << "ssh://h?token=x"
                                  << "use auth=token";
    QTest::newRow("proxy credentials") << "ssh://h?proxy=http://u:p@proxy:3128"
                                       << "the proxy has a user name or password";
}

void TestRelayProfile::rejectsBadUrls() {
    QFETCH(QString, url);
    QFETCH(QString, messagePart);

    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(!profile.ok(), qPrintable(url));
    QVERIFY2(profile.error().message.contains(messagePart), qPrintable(profile.error().message));
    QCOMPARE(profile.error().code, labshare::ErrorCode::BadInput);
}

void TestRelayProfile::neverRepeatsSecrets_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("secret");

    QTest::newRow("user password") << "ssh://u:Hunter2x@relay.example.org"
                                   << "Hunter2x";
    QTest::newRow("password and bad port") << "ssh://u:Hunter2x@relay.example.org:99999"
                                           << "Hunter2x";
    QTest::newRow("password and bad flavor") << "ssh://u:Hunter2x@h?flavor=nope"
                                             << "Hunter2x";
    QTest::newRow("password, other scheme") << "https://u:Hunter2x@h"
                                            << "Hunter2x";
    QTest::newRow("password on lan") << "lan://u:Hunter2x@192.0.2.10"
                                     << "Hunter2x";
    QTest::newRow("password with slash") << "ssh://u:Hun/ter2x@h"
                                         << "Hun";
    QTest::newRow("password with question mark") << "ssh://u:Hun?ter2x@h"
                                                 << "Hun";
    QTest::newRow("password with hash") << "ssh://u:Hun#ter2x@h"
                                        << "Hun";
    QTest::newRow("digits, then slash") << "ssh://u:1234/5678@h"
                                        << "5678";
    QTest::newRow("password with at") << "ssh://u:Hun@ter2x@h"
                                      << "Hun@ter";
    QTest::newRow("no scheme") << "u:Hunter2x@h"
                               << "Hunter2x";
    QTest::newRow("password option") << "ssh://h?password=Hunter2x"
                                     << "Hunter2x";
    QTest::newRow("token option") << "ssh://h?token=eyJhbGciOi"
                                  << "eyJhbGciOi";
    QTest::newRow("unknown option value") << "ssh://h?secret=Hunter2x"
                                          << "Hunter2x";
    QTest::newRow("unknown option, then bad flavor") << "ssh://h?flavor=nope&pw=Hunter2x"
                                                     << "Hunter2x";
    QTest::newRow("pasted key=value") << "ssh://h?Hunter2x@example"
                                      << "Hunter2x";
    QTest::newRow("proxy credentials") << "ssh://h?proxy=http://u:Hunter2x@proxy:3128"
                                       << "Hunter2x";
    QTest::newRow("proxy credentials, bad auth") << "ssh://h?auth=nope&proxy=http://u:Hunter2x@proxy:3128"
                                                 << "Hunter2x";
}

void TestRelayProfile::neverRepeatsSecrets() {
    QFETCH(QString, url);
    QFETCH(QString, secret);

    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(!profile.ok(), qPrintable(profile.ok() ? profile->toUrl() : QString()));
    QVERIFY2(!profile.error().message.isEmpty(), "an error must say something");
    QVERIFY2(!profile.error().message.contains(secret, Qt::CaseInsensitive), qPrintable(profile.error().message));
    QVERIFY2(!profile.error().detail.contains(secret, Qt::CaseInsensitive), qPrintable(profile.error().detail));
}

void TestRelayProfile::roundTripsThroughToUrl_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("lan default") << "lan://"
                                 << "lan://";
    QTest::newRow("lan IPv4") << "lan://192.0.2.10"
                              << "lan://192.0.2.10";
    QTest::newRow("lan IPv6") << "lan://[2001:db8::5]"
                              << "lan://[2001:db8::5]";
    QTest::newRow("lan allow") << "lan://192.168.10.5?allow=192.168.10.0/24,fd00::/8"
                               << "lan://192.168.10.5?allow=192.168.10.0/24,fd00::/8";
    QTest::newRow("lan allow, one address") << "lan://?allow=127.0.0.2"
                                            << "lan://?allow=127.0.0.2/32";
    QTest::newRow("ssh defaults dropped") << "ssh://relay.example.org?flavor=openssh&timeout=10"
                                          << "ssh://relay.example.org";
    // A port written in the URL, even 22, beats ~/.ssh/config's Port, so it is kept.
    QTest::newRow("ssh port 22 kept") << "ssh://relay.example.org:22?flavor=openssh&timeout=10"
                                      << "ssh://relay.example.org:22";
    QTest::newRow("ssh public host kept") << "ssh://u@10.0.0.5:2222?public-host=relay.example.org"
                                          << "ssh://u@10.0.0.5:2222?public-host=relay.example.org";
    QTest::newRow("ssh IPv6") << "ssh://[2001:db8::1]:2222"
                              << "ssh://[2001:db8::1]:2222";
    QTest::newRow("sish") << "ssh://tuns.sh?flavor=sish&auth=token"
                          << "ssh://tuns.sh?flavor=sish&auth=token";
    QTest::newRow("every option")
        << "ssh://u@r.example:2200?cipher=aes128-gcm@openssh.com&timeout=2.5&proxy=http://[::1]:3128&bind=*"
           "&auth=key&known-hosts=/k/kh&identity=/k/my%20id&public-host=pub.example"
        << "ssh://u@r.example:2200?public-host=pub.example&identity=/k/my%20id&known-hosts=/k/kh&auth=key&bind=%2A"
           "&proxy=http://%5B::1%5D:3128&cipher=aes128-gcm@openssh.com&timeout=2.5";
}

void TestRelayProfile::roundTripsThroughToUrl() {
    QFETCH(QString, url);
    QFETCH(QString, canonical);

    const auto first = RelayProfile::fromUrl(url);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first->toUrl(), canonical);
    const auto second = RelayProfile::fromUrl(first->toUrl());
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(describe(*second), describe(*first));
    QVERIFY(*second == *first);
}

void TestRelayProfile::roundTripsAwkwardValues_data() {
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("user");

    QTest::newRow("plain") << "/home/u/.ssh/id_ed25519"
                           << "tunnel";
    QTest::newRow("space") << "/home/u/my keys/id"
                           << "first last";
    QTest::newRow("percent") << "/k/100%25/100%"
                             << "u";
    QTest::newRow("query delimiters") << "/k/a&b=c?d#e"
                                      << "u";
    QTest::newRow("plus") << "/k/a+b"
                          << "a+b";
    QTest::newRow("at and colon") << "/k/me@host:1"
                                  << "u";
    QTest::newRow("UTF-8") << QString::fromUtf8("/home/j\u00f6rg/cl\u00e9") << QString::fromUtf8("j\u00f6rg");
    QTest::newRow("windows path") << "C:\\Users\\u\\id"
                                  << "u";
}

void TestRelayProfile::roundTripsAwkwardValues() {
    QFETCH(QString, identity);
    QFETCH(QString, user);

    RelayProfile profile;
    profile.flavor = RelayFlavor::OpenSsh;
    profile.user = user;
    profile.host = "relay.example.org";
    profile.publicHost = profile.host;
    profile.identityFile = identity;
    profile.knownHostsFile = identity + ".known";
    profile.connectTimeoutMs = 1234;
    const auto back = RelayProfile::fromUrl(profile.toUrl());
    QVERIFY2(back.ok(), qPrintable(profile.toUrl() + ": " + (back.ok() ? QString() : back.error().message)));
    QCOMPARE(describe(*back), describe(profile));
    QVERIFY(*back == profile);
}

void TestRelayProfile::expandsTildeAgainstHome_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("identity"); // relative to the test's HOME when it starts with "~/"
    QTest::addColumn<QString>("knownHosts");

    QTest::newRow("identity") << "ssh://h?identity=~/.ssh/id_ed25519"
                              << "~/.ssh/id_ed25519"
                              << "";
    QTest::newRow("encoded tilde") << "ssh://h?identity=%7E/.ssh/id"
                                   << "~/.ssh/id"
                                   << "";
    QTest::newRow("known hosts") << "ssh://h?known-hosts=~/lab/known_hosts"
                                 << ""
                                 << "~/lab/known_hosts";
    QTest::newRow("both") << "ssh://h?identity=~/a&known-hosts=~/b"
                          << "~/a"
                          << "~/b";
    QTest::newRow("absolute kept") << "ssh://h?identity=/etc/id"
                                   << "/etc/id"
                                   << "";
    QTest::newRow("other user's home kept") << "ssh://h?identity=~bob/id"
                                            << "~bob/id"
                                            << "";
    QTest::newRow("tilde inside kept") << "ssh://h?identity=/k/~/id"
                                       << "/k/~/id"
                                       << "";
}

void TestRelayProfile::expandsTildeAgainstHome() {
    QFETCH(QString, url);
    QFETCH(QString, identity);
    QFETCH(QString, knownHosts);

    // init() pointed HOME at a fresh temporary directory; QDir::homePath() must follow it.
    QCOMPARE(QDir::homePath(), QDir(m_home->path()).absolutePath());
    const auto expand = [this](const QString& path) {
        return path.startsWith("~/") ? m_home->path() + path.mid(1) : path;
    };
    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
    QCOMPARE(profile->identityFile, expand(identity));
    QCOMPARE(profile->knownHostsFile, expand(knownHosts));
}

void TestRelayProfile::idHasNoQuery_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("id");

    QTest::newRow("lan default") << "lan://"
                                 << "lan://";
    QTest::newRow("lan IPv4") << "lan://192.0.2.10"
                              << "lan://192.0.2.10";
    QTest::newRow("lan IPv6") << "lan://[::1]"
                              << "lan://[::1]";
    QTest::newRow("lan allow") << "lan://192.0.2.10?allow=192.0.2.0/24"
                               << "lan://192.0.2.10";
    QTest::newRow("openssh, default port spelled out") << "ssh://relay.example.org"
                                                       << "openssh://relay.example.org:22";
    QTest::newRow("openssh with options")
        << "ssh://tunnel@relay.example.org:2222?identity=/k/id&auth=key&proxy=http://p:3128&timeout=3"
        << "openssh://tunnel@relay.example.org:2222";
    QTest::newRow("sish") << "ssh://u@tuns.sh?flavor=sish&auth=token"
                          << "sish://u@tuns.sh:22";
    QTest::newRow("localhost.run") << "ssh://nokey@localhost.run?flavor=localhost.run"
                                   << "localhost.run://nokey@localhost.run:22";
    QTest::newRow("IPv6") << "ssh://[2001:db8::1]:2222?flavor=pinggy"
                          << "pinggy://[2001:db8::1]:2222";
}

void TestRelayProfile::idHasNoQuery() {
    QFETCH(QString, url);
    QFETCH(QString, id);

    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
    QCOMPARE(profile->id(), id);
    QVERIFY(!profile->id().contains('?'));
    QVERIFY(profile->identityFile.isEmpty() || !profile->id().contains(profile->identityFile));
}

void TestRelayProfile::showsDisplayName_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("name");

    QTest::newRow("openssh") << "ssh://tunnel@relay.example.org"
                             << "relay.example.org (openssh)";
    QTest::newRow("openssh other port") << "ssh://relay.example.org:2222"
                                        << "relay.example.org:2222 (openssh)";
    QTest::newRow("sish") << "ssh://tuns.sh?flavor=sish"
                          << "tuns.sh (sish)";
    QTest::newRow("IPv6") << "ssh://[2001:db8::1]?flavor=serveo"
                          << "[2001:db8::1] (serveo)";
    QTest::newRow("lan address") << "lan://192.0.2.10"
                                 << "LAN 192.0.2.10";
    QTest::newRow("lan default") << "lan://"
                                 << "LAN (default interface)";
}

void TestRelayProfile::showsDisplayName() {
    QFETCH(QString, url);
    QFETCH(QString, name);

    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
    QCOMPARE(profile->displayName(), name);
}

void TestRelayProfile::namesAuthMethods() {
    for (RelayAuth auth : {RelayAuth::Agent, RelayAuth::Key, RelayAuth::Password, RelayAuth::Token})
        QCOMPARE(relayAuthFromName(relayAuthName(auth)), std::optional<RelayAuth>(auth));
    QCOMPARE(relayAuthName(RelayAuth::Default), QStringLiteral("default"));
    QVERIFY(!relayAuthFromName("default"));
    QVERIFY(!relayAuthFromName(""));
    QCOMPARE(relayAuthFromName("TOKEN"), std::optional<RelayAuth>(RelayAuth::Token));

    const RelayProfile lan;
    QVERIFY(lan.isLan());
    QCOMPARE(lan.toUrl(), QStringLiteral("lan://"));
}

// A port the URL names beats ~/.ssh/config's Port, even 22; without one the configuration may fill it in.
void TestRelayProfile::knowsWhetherThePortWasGiven_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("explicitPort");
    QTest::addColumn<QString>("written");
    QTest::newRow("no port") << "ssh://u@r.example" << false << "ssh://u@r.example";
    QTest::newRow("port 22") << "ssh://u@r.example:22" << true << "ssh://u@r.example:22";
    QTest::newRow("port 1") << "ssh://u@r.example:1" << true << "ssh://u@r.example:1";
}

void TestRelayProfile::knowsWhetherThePortWasGiven() {
    QFETCH(QString, url);
    QFETCH(bool, explicitPort);
    QFETCH(QString, written);
    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY(profile.ok());
    QCOMPARE(profile->explicitPort, explicitPort);
    QCOMPARE(profile->toUrl(), written);
    const auto again = RelayProfile::fromUrl(profile->toUrl());
    QVERIFY(again.ok());
    QCOMPARE(*again, *profile);
}

void TestRelayProfile::lanAllowAdmitsOnlyItsNetworks_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("admitted");
    QTest::newRow("no allow: anyone") << "lan://"
                                      << "203.0.113.9" << true;
    QTest::newRow("in the /24") << "lan://?allow=192.168.10.0/24"
                                << "192.168.10.77" << true;
    QTest::newRow("outside the /24") << "lan://?allow=192.168.10.0/24"
                                     << "192.168.11.1" << false;
    QTest::newRow("one address, itself") << "lan://127.0.0.1?allow=127.0.0.2/32"
                                         << "127.0.0.2" << true;
    QTest::newRow("one address, its neighbour") << "lan://127.0.0.1?allow=127.0.0.2/32"
                                                << "127.0.0.3" << false;
    QTest::newRow("second network") << "lan://?allow=10.0.0.0/8,fd00::/8"
                                    << "fd00::42" << true;
    QTest::newRow("IPv4 client of an IPv6 socket") << "lan://?allow=10.0.0.0/8"
                                                   << "::ffff:10.1.2.3" << true;
    QTest::newRow("IPv6 outside") << "lan://?allow=10.0.0.0/8,fd00::/8"
                                  << "2001:db8::1" << false;
    QTest::newRow("unknown source") << "lan://?allow=10.0.0.0/8"
                                    << "" << false;
}

void TestRelayProfile::lanAllowAdmitsOnlyItsNetworks() {
    QFETCH(QString, url);
    QFETCH(QString, source);
    QFETCH(bool, admitted);
    const auto profile = RelayProfile::fromUrl(url);
    QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
    QCOMPARE(profile->admitsSource(source), admitted);
}

QTEST_GUILESS_MAIN(TestRelayProfile)
#include "tst_relayprofile.moc"
