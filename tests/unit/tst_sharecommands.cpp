// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareCommands.h"

#include <QTest>

using namespace labshare::share;
using labshare::topology::PublishSpec;
using labshare::tunnel::ShareState;

Q_DECLARE_METATYPE(ShareRow)
Q_DECLARE_METATYPE(ShareCommand)

namespace {

// A share of `entry` ("tcp/22") on a node of `kind`, published at host:port (empty host: not yet).
ShareRow row(const QString& kind, const QString& entry, const QString& host, quint16 port, const QString& url = {}) {
    ShareRow r;
    r.name = QStringLiteral("clab-r1-") + QString(entry).replace(QLatin1Char('/'), QLatin1Char('-'));
    r.node = QStringLiteral("r1");
    r.kind = kind;
    auto spec = PublishSpec::parse(entry);
    if (!spec)
        qFatal("bad entry in test");
    r.spec = spec.value();
    r.health.name = r.name;
    r.health.state = host.isEmpty() ? ShareState::Connecting : ShareState::Up;
    r.health.publicHost = host;
    r.health.publicPort = host.isEmpty() ? 0 : port;
    r.health.url = url;
    r.url = shareUrl(r);
    return r;
}

// The same share behind the gate with key SHA256:pin.
ShareRow gated(ShareRow r) {
    r.gateFingerprint = QStringLiteral("SHA256:pin");
    return r;
}

const QString relay = QStringLiteral("relay.example.org");
const QString v6 = QStringLiteral("2001:db8::1");

} // namespace

class TestShareCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commands_data() {
        QTest::addColumn<ShareRow>("share");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("ssh");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("hostPort");
        QTest::addColumn<QString>("gnmic");
        QTest::addColumn<QString>("qr");

        QTest::newRow("srl ssh, default user")
            << row("nokia_srlinux", "tcp/22", relay, 40123) << QString() << "ssh -p 40123 admin@relay.example.org"
            << "ssh://admin@relay.example.org:40123"
            << "relay.example.org:40123" << QString() << "ssh://admin@relay.example.org:40123";
        QTest::newRow("linux ssh is root")
            << row("linux", "tcp/22", relay, 40124) << QString() << "ssh -p 40124 root@relay.example.org"
            << "ssh://root@relay.example.org:40124"
            << "relay.example.org:40124" << QString() << "ssh://root@relay.example.org:40124";
        QTest::newRow("user typed by the instructor")
            << row("nokia_srlinux", "tcp/22", relay, 40123) << "student1"
            << "ssh -p 40123 student1@relay.example.org"
            << "ssh://admin@relay.example.org:40123"
            << "relay.example.org:40123" << QString() << "ssh://student1@relay.example.org:40123";
        QTest::newRow("unknown kind: no user")
            << row("juniper_crpd", "tcp/22", relay, 40125) << QString() << "ssh -p 40125 relay.example.org" << QString()
            << "relay.example.org:40125" << QString() << "ssh://relay.example.org:40125";
        QTest::newRow("ipv6 relay") << row("linux", "tcp/22", v6, 40126) << QString() << "ssh -p 40126 root@2001:db8::1"
                                    << "ssh://root@[2001:db8::1]:40126"
                                    << "[2001:db8::1]:40126" << QString() << "ssh://root@[2001:db8::1]:40126";
        QTest::newRow("srl gnmi")
            << row("nokia_srlinux", "tls/57400", relay, 40127) << QString() << QString() << QString()
            << "relay.example.org:40127"
            << "gnmic -a relay.example.org:40127 -u admin -p <password> --skip-verify capabilities"
            << "relay.example.org:40127";
        QTest::newRow("ceos gnmi")
            << row("arista_ceos", "tls/6030", relay, 40128) << QString() << QString() << QString()
            << "relay.example.org:40128"
            << "gnmic -a relay.example.org:40128 -u admin -p <password> --skip-verify capabilities"
            << "relay.example.org:40128";
        QTest::newRow("plain gnmi over tcp") << row("arista_ceos", "tcp/6030", relay, 40129) << "ops" << QString()
                                             << QString() << "relay.example.org:40129"
                                             << "gnmic -a relay.example.org:40129 -u ops -p <password> --insecure "
                                                "capabilities"
                                             << "relay.example.org:40129";
        QTest::newRow("gnmi on ipv6")
            << row("nokia_sros", "tls/57400", v6, 40130) << QString() << QString() << QString() << "[2001:db8::1]:40130"
            << "gnmic -a [2001:db8::1]:40130 -u admin -p <password> --skip-verify capabilities"
            << "[2001:db8::1]:40130";
        QTest::newRow("grafana http") << row("linux", "http/3000", relay, 40131) << QString() << QString()
                                      << "http://relay.example.org:40131"
                                      << "relay.example.org:40131" << QString() << "http://relay.example.org:40131";
        QTest::newRow("relay gave the url") << row("linux", "https/443", relay, 443, "https://r1.tuns.example.org")
                                            << QString() << QString() << "https://r1.tuns.example.org"
                                            << "relay.example.org:443" << QString() << "https://r1.tuns.example.org";
        QTest::newRow("raw tcp") << row("linux", "tcp/8080", relay, 40132) << QString() << QString() << QString()
                                 << "relay.example.org:40132" << QString() << "relay.example.org:40132";
        QTest::newRow("not published yet") << row("nokia_srlinux", "tcp/22", QString(), 0) << QString() << QString()
                                           << QString() << QString() << QString() << QString();
        const QString proxy = "ssh -o ProxyCommand='labshare connect %h:%p --fingerprint SHA256:pin' ";
        QTest::newRow("gated ssh") << gated(row("nokia_srlinux", "tcp/22", relay, 40123)) << QString()
                                   << proxy + "-p 40123 admin@relay.example.org" << QString()
                                   << "relay.example.org:40123" << QString()
                                   << proxy + "-p 40123 admin@relay.example.org";
        QTest::newRow("gated gnmi") << gated(row("nokia_srlinux", "tls/57400", relay, 40127)) << QString() << QString()
                                    << QString() << "relay.example.org:40127"
                                    << "gnmic -a 127.0.0.1:57400 -u admin -p <password> --skip-verify capabilities"
                                    << "labshare connect relay.example.org:40127 --fingerprint SHA256:pin --listen "
                                       "127.0.0.1:57400";
        QTest::newRow("gated web: the link leads to the sign-in page")
            << gated(row("linux", "http/3000", relay, 40131)) << QString() << QString()
            << "http://relay.example.org:40131"
            << "relay.example.org:40131" << QString() << "http://relay.example.org:40131";
        QTest::newRow("gated https: no link a browser could pass the gate with")
            << gated(row("linux", "https/3000", relay, 40134)) << QString() << QString() << QString()
            << "relay.example.org:40134" << QString()
            << "labshare connect relay.example.org:40134 --fingerprint SHA256:pin --listen 127.0.0.1:3000";
    }

    void commands() {
        QFETCH(ShareRow, share);
        QFETCH(QString, user);
        QFETCH(QString, ssh);
        QFETCH(QString, url);
        QFETCH(QString, hostPort);
        QFETCH(QString, gnmic);
        QFETCH(QString, qr);
        QCOMPARE(ShareCommands::sshCommand(share, user), ssh);
        QCOMPARE(ShareCommands::url(share), url);
        QCOMPARE(ShareCommands::hostPort(share), hostPort);
        QCOMPARE(ShareCommands::gnmicCommand(share, user), gnmic);
        QCOMPARE(ShareCommands::qrPayload(share, user), qr);
    }

    void listsTheCommandsThatApply_data() {
        QTest::addColumn<ShareRow>("share");
        QTest::addColumn<QList<ShareCommand>>("commands");
        QTest::addColumn<QString>("primary");
        QTest::newRow("ssh") << row("nokia_srlinux", "tcp/22", relay, 40123)
                             << QList{ShareCommand::Ssh, ShareCommand::Url, ShareCommand::HostPort}
                             << "ssh -p 40123 admin@relay.example.org";
        QTest::newRow("gnmi") << row("nokia_srlinux", "tls/57400", relay, 40127)
                              << QList{ShareCommand::Gnmic, ShareCommand::HostPort}
                              << "gnmic -a relay.example.org:40127 -u admin -p <password> --skip-verify capabilities";
        QTest::newRow("web") << row("linux", "http/3000", relay, 40131)
                             << QList{ShareCommand::Url, ShareCommand::HostPort} << "http://relay.example.org:40131";
        QTest::newRow("netconf") << row("nokia_srlinux", "tcp/830", relay, 40133) << QList{ShareCommand::HostPort}
                                 << "relay.example.org:40133";
        QTest::newRow("no address yet") << row("nokia_srlinux", "tcp/22", QString(), 0) << QList<ShareCommand>()
                                        << QString();
        QTest::newRow("gated ssh") << gated(row("nokia_srlinux", "tcp/22", relay, 40123))
                                   << QList{ShareCommand::Ssh, ShareCommand::Connect, ShareCommand::HostPort}
                                   << "ssh -o ProxyCommand='labshare connect %h:%p --fingerprint SHA256:pin' -p 40123 "
                                      "admin@relay.example.org";
        QTest::newRow("gated gnmi") << gated(row("nokia_srlinux", "tls/57400", relay, 40127))
                                    << QList{ShareCommand::Connect, ShareCommand::Gnmic, ShareCommand::HostPort}
                                    << "labshare connect relay.example.org:40127 --fingerprint SHA256:pin --listen "
                                       "127.0.0.1:57400";
        QTest::newRow("gated web") << gated(row("linux", "http/3000", relay, 40131))
                                   << QList{ShareCommand::Url, ShareCommand::Connect, ShareCommand::HostPort}
                                   << "http://relay.example.org:40131";
    }

    void listsTheCommandsThatApply() {
        QFETCH(ShareRow, share);
        QFETCH(QList<ShareCommand>, commands);
        QFETCH(QString, primary);
        QCOMPARE(ShareCommands::availableCommands(share), commands);
        QCOMPARE(ShareCommands::primaryCommand(share), primary);
        for (ShareCommand c : commands) {
            QVERIFY(!ShareCommands::text(share, c).isEmpty());
            QVERIFY(!ShareCommands::copyLabel(c).isEmpty());
        }
    }

    void namesTheService_data() {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("name");
        QTest::newRow("ssh") << "tcp/22"
                             << "SSH";
        QTest::newRow("border0 ssh") << "ssh/22"
                                     << "SSH";
        QTest::newRow("gnmi srl") << "tls/57400"
                                  << "gNMI";
        QTest::newRow("gnmi ceos") << "tcp/6030"
                                   << "gNMI";
        QTest::newRow("netconf") << "tcp/830"
                                 << "NETCONF";
        QTest::newRow("http") << "http/3000"
                              << "HTTP";
        QTest::newRow("https") << "https/443"
                               << "HTTPS";
        QTest::newRow("tls other") << "tls/443"
                                   << "TLS 443";
        QTest::newRow("tcp other") << "tcp/8080"
                                   << "TCP 8080";
    }

    void namesTheService() {
        QFETCH(QString, entry);
        QFETCH(QString, name);
        QCOMPARE(ShareCommands::serviceName(row("linux", entry, relay, 1)), name);
    }

    void neverCarriesAPassword() {
        // SR Linux's factory password must not reach a clipboard, a QR code or a sheet.
        const ShareRow gnmi = row("nokia_srlinux", "tls/57400", relay, 40127);
        QVERIFY(ShareCommands::gnmicCommand(gnmi).contains(ShareCommands::passwordPlaceholder()));
        for (ShareCommand c : ShareCommands::availableCommands(gnmi))
            QVERIFY(!ShareCommands::text(gnmi, c).contains("NokiaSrl1!"));
    }
};

QTEST_GUILESS_MAIN(TestShareCommands)
#include "tst_sharecommands.moc"
