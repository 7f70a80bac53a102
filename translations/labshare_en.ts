<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>labshare::app::AccountController</name>
    <message>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::AuthCommand</name>
    <message>
        <source>unknown (the identity provider could not be reached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already signed in as %1 at %2 (remembered in the keychain); the access token expires at %3.
Run `labshare logout` first to sign in as someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 at %2; the access token expires at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in could not be saved, so other LabShare runs will not see it; start the keychain service (e.g. gnome-keyring) and run `labshare login` again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in is remembered in the keychain; `labshare logout` removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To sign in, open %1 in a browser on any device and enter the code

    %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to confirm (the code expires at %1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your browser shows the sign-in page; waiting for you to sign in (until %1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this link in a browser on this computer to sign in:

%1

Waiting for you to sign in (until %2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the ticket for shares for named people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot %1 tickets for shares for named people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::ConnectCommand</name>
    <message>
        <source>labshare connect: give the share&apos;s address as HOST:PORT (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: the gate at %1 is not known yet: give --fingerprint SHA256:… from the instructor&apos;s handout (or --accept-new to trust the key it shows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admitted as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>carrying every connection to %1 through the gate at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::ConnectionsController</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare forgets every connection of this lab: the list here and its log file. Export CSV first if you want to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::DeadlineController</name>
    <message>
        <source>every share of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shares run until you stop them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend 30 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare: the class ends soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Extend 30 min from the tray menu or the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shares stopped at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class is over: %1. Their addresses are kept for the next class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare: the class is over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::DesktopController</name>
    <message>
        <source>LabShare is still sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your shares stay up while the window is closed. Use the tray icon to show the window again, or Quit in its menu to stop every share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone signs in again at their next connection; open connections stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signs in again at their next connection; open connections stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare: sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping shares…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User students log in to %1 as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share sheet saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::DesktopGate</name>
    <message>
        <source>no identity provider is set (Account → Identity provider…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 offers no device sign-in, which the gate needs to sign students in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::GateKey</name>
    <message>
        <source>the gate&apos;s key needs the keychain, which did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gate&apos;s key could not be kept in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::GateTunnel</name>
    <message>
        <source>the gate at %1:%2 closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To use %1, sign in: open %2 on any device and enter the code %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (or open %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. The code is valid for %1 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::HeadlessAuth</name>
    <message>
        <source>no identity provider is set: give --issuer URL and --client-id ID (they are remembered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no client id is set for %1: give --client-id ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::InspectReport</name>
    <message>
        <source>for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FROM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHARE: PUBLISH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab %1 (%2), %3 nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::Invocation</name>
    <message>
        <source>labshare inspect: unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare inspect: one topology file at a time (got %1 and %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare inspect: name a topology file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: --relay needs a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: --only needs NODE or NODE:TYPE/PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: --target needs NODE=HOST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: one topology file at a time (got %1 and %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: name a topology file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: unknown argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: name the share&apos;s HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare connect: --fingerprint wants SHA256:… as the handout shows it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: --scope must include openid (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: --redirect-port wants a port from 1 to 65535, or 0 for any port (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: --timeout wants seconds from 10 to 3600 (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: unknown argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: choose --device or --browser, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: --no-browser goes with --browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare login: --timeout goes with --browser (a device code has its own expiry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare logout: takes no arguments (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare: one topology file at a time (got %1 and %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare: no such file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare up: give --for or --until once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage:
  labshare [FILE]                 open the desktop app, optionally on a topology
  labshare inspect FILE [--json]  show the lab&apos;s nodes, addresses, publish entries and
                                  problems; exit 0 when there is no error, 2 when
                                  there is one, 1 when the file cannot be read
  labshare up FILE [--relay URL] [--only NODE[:TYPE/PORT]]... [--target NODE=HOST]...
              [--json] [--accept-new-host-key] [--open-anyway] [--allow-local-targets]
              [--issuer URL --client-id ID] [--for DURATION | --until HH:MM] [-v]
                                  publish the lab&apos;s ports until SIGINT/SIGTERM, or until the
                                  class ends: --for 90m (1h30m, 45s) after the start, --until
                                  17:00 local time (tomorrow if past), warned 5 minutes before,
                                  then every share stops and up exits 0; relay URLs:
                                  lan://[ADDRESS] (the default, no account) or
                                  ssh://user@host:port?flavor=openssh&amp;public-host=H
                                  &amp;identity=KEY&amp;known-hosts=FILE&amp;auth=agent|key|password|token
                                  &amp;bind=ADDRESS&amp;proxy=http://host:port; a node the lab has
                                  reached on this computer itself (loopback, its own or a
                                  link-local address, a host name, network-mode: host) is
                                  left out unless --allow-local-targets or --target says so;
                                  -v also prints libssh&apos;s own messages
  labshare login [--issuer URL] [--client-id ID] [--client-secret SECRET] [--scope SCOPES]
                 [--device | --browser [--no-browser] [--redirect-port PORT] [--timeout SECONDS]]
                                  sign in with your identity provider (remembered in the
                                  keychain) for relays with auth=token; --device (the
                                  default) prints a code to enter on any device; the secret
                                  is for providers that require one even of installed apps;
                                  --redirect-port fixes the browser&apos;s return address at
                                  http://127.0.0.1:PORT/callback (0: any port again);
                                  --scope replaces &quot;openid email profile offline_access&quot;
  labshare logout                 sign out: revoke the sign-in at the provider and delete it
  labshare connect HOST:PORT [--fingerprint SHA256:...] [--accept-new] [--listen ADDR:PORT]
                                  reach a share for named people: sign in at the gate (a
                                  code on stderr), then carry stdin/stdout (a ProxyCommand)
                                  or every connection to --listen
  labshare node-login FILE NODE USER [--key KEYFILE] | node-login FILE NODE --forget
                                  browser terminals on NODE log students in as USER with the
                                  password read from stdin (or the private key in KEYFILE),
                                  kept in the keychain for this lab; --forget: students log
                                  in themselves again
  labshare --version | --help
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare node-login: --key needs a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare node-login: unknown argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare node-login: --forget takes the lab file and the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare node-login: give the lab file, the node and the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare: unknown command &apos;%1&apos; (the commands are inspect, up, login, logout, connect and node-login; labshare FILE opens a topology file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare: no display: the desktop app needs one (DISPLAY or WAYLAND_DISPLAY is unset); the headless verbs are inspect, up, login, logout, connect and node-login</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::LabController</name>
    <message>
        <source>%1 has no nodes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: there is no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;LabShare keeps the last good version of the lab and its shares until the file is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2&lt;br&gt;%3 stays open, with its shares.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 no longer has the node(s) of %n share(s); they keep running, so students&apos; addresses stay, until you stop them:&lt;br&gt;%2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stop them…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lab&apos;s relay %1 cannot be used here: %2 Sharing on the LAN instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last time you shared %n port(s) of this lab.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Share them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n problem(s) in the lab file&lt;/b&gt; — the rest of the lab is loaded:&lt;br&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reloaded %1; what was ticked stays ticked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting LabShare&apos;s gate ready for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Type the address LabShare reaches it at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n share(s) for named people not published: LabShare&apos;s gate cannot check who connects, because %1. Tick one to publish it open to anyone instead.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped %1: students can no longer reach %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::NodeLoginCommand</name>
    <message>
        <source>%1 has no node &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students log in to %1&apos;s browser terminals themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 on %2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser terminals on %1 log students in as %2 (kept in the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>browser terminals on %1 log students in as %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::NodeLoginController</name>
    <message>
        <source>Browser terminals on %1 log students in as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; it holds until LabShare quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students log in to %1&apos;s browser terminals themselves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::RelayController</name>
    <message>
        <source>LAN — this machine (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare is quitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine has no private network address, so the LAN relay listens on 127.0.0.1 only, where students cannot reach it. Its address &lt;b&gt;%1&lt;/b&gt; is public: shares there are open to anyone on the internet who finds them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare has not connected to %1 before. Its host key fingerprint is &lt;b&gt;%2&lt;/b&gt;. Compare it with the one the relay&apos;s operator gave you before you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this relay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::ShareQuestions</name>
    <message>
        <source>%1 %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch relay?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Publishing through %1 gives every share a new address: %n student address(es) will change, and the addresses you handed out stop working.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Addresses that stop working:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another lab?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opening %1 stops the %n share(s) of the lab that is open now; students lose these addresses.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stop them and open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all shares?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Students lose the %n address(es) below. Ticking a port again later on this relay gives it the same address.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students lose this address. Ticking the port again later on this relay gives it the same address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1 to anyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab says %1 is only for: %2.

LabShare&apos;s gate cannot check who connects, because %3, so anyone who has the address will be able to reach it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish open to anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish services of this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has LabShare reach %n node(s) at an address of this computer itself, not of a lab node. Publishing them lets students reach whatever listens there on your machine. Only agree if you wrote or checked this lab; LabShare asks again if the lab names other such addresses.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Publish them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them unpublished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reach the nodes at their new addresses?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The reloaded lab gives the node(s) of %n share(s) another address. Until you say, these shares keep reaching the old one. Students&apos; addresses stay the same either way.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reach the new addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the old ones</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::UpCommand</name>
    <message>
        <source>Passphrase for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is meant only for %2; it is left out: %3. Add --open-anyway to publish it open to anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--only %1: the lab has no node &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--only %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gate needs your identity provider to sign students in, and %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this relay admits signed-in users and you are not signed in at %1: run `labshare login` first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine has no private network address, so lan:// listens on 127.0.0.1 only; %1 is public, and shares there are open to the internet: to use it, name it with --relay %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this relay admits signed-in users: run `labshare login`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shares for named people go through LabShare&apos;s gate, key %1; students connect with `labshare connect HOST:PORT --fingerprint %1`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: run `labshare login`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Run `labshare login`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach the relay: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; give one with --target %2=HOST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; left out (publish it with --allow-local-targets for the whole lab, or --target %2=HOST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to publish in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every share stops %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::UpGate</name>
    <message>
        <source>%1 offers no device sign-in, which the gate needs to sign students in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::app::UpReport</name>
    <message>
        <source>admitted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHARE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PUBLIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN / ERROR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the class is over (%1): stopping every share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the class ends at %1 (%2): every share stops then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: your own terminal, which the watch link mirrors: %2 ; the read-only watch link: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::AuthSession</name>
    <message>
        <source>no client id is set for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1): a sign-in will last until LabShare quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the remembered sign-in from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in at %1 has ended (%2); sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 issued no refresh token: this sign-in lasts until %2 and is not remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider issued an access token that had already expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your sign-in expired; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are not signed in; sign in first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay refused your sign-in; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay refused your sign-in even with a fresh token: sign in again, or ask the relay&apos;s operator to admit %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret could not be kept in the keychain (%1); give it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret for %1 is not in the keychain (%2); the identity provider may refuse LabShare until it is set again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1): this sign-in lasts until LabShare quits and will not be remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in could not be saved in the keychain and will not be remembered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the sign-in from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::BrowserAuthorization</name>
    <message>
        <source>%1 does not advertise PKCE with S256, which LabShare requires for browser sign-in; use device sign-in instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the browser did not come back within %1. If the provider&apos;s page showed an error (such as &quot;redirect_uri mismatch&quot;, &quot;invalid redirect&quot; or a bare 403), it does not accept %2 as a redirect URI for client %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Providers that match redirect URIs exactly need a fixed port: set one (--redirect-port, or the Identity provider window) and register http://127.0.0.1:PORT/callback with that port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Register exactly that address at the provider, or use the device sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::DeviceAuthorization</name>
    <message>
        <source>the identity provider&apos;s device sign-in answer has no valid %1; LabShare does not show it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider&apos;s device sign-in answer names a %1 that is not an https address (scheme &quot;%2&quot;, host &quot;%3&quot;); LabShare does not show or open it. Ask the provider&apos;s operator to fix the provider, or use the browser sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider did not start a device sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider&apos;s device sign-in answer lacks user_code, device_code, verification_uri or expires_in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer device sign-in; use the browser sign-in instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in code expired before it was used; start the sign-in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in was declined in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider refused the device sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::Identity</name>
    <message>
        <source>%1 (e-mail not verified by the identity provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider&apos;s ID token is not a JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider&apos;s ID token cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ID token was issued by &quot;%1&quot;, not by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ID token is not meant for client %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ID token does not carry the nonce of this sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::IssuerDiscovery</name>
    <message>
        <source>cannot read the identity provider&apos;s settings at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::IssuerMetadata</name>
    <message>
        <source>the issuer&apos;s discovery document has no %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the issuer&apos;s %1 is not an https address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no issuer is set: give the address of your identity provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer &quot;%1&quot; is not a valid address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer %1 must not have a query or fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer %1 must use https (plain http is only accepted on this computer&apos;s loopback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the issuer&apos;s discovery document is not JSON: %1 (offset %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the discovery document at %1 is for issuer &quot;%2&quot;, not %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::LoopbackReceiver</name>
    <message>
        <source>cannot listen on 127.0.0.1 for the browser&apos;s answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on 127.0.0.1:%1 for the browser&apos;s answer (%2); the redirect port is set to %1: close whatever uses it (another sign-in?) and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a sign-in answer LabShare understands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not this sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in LabShare is waiting for, so LabShare ignored it. If you are signing in, finish in the tab LabShare opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider did not sign you in. You can close this tab and try again in LabShare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no authorization code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider did not sign you in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in to LabShare. You can close this tab and go back to LabShare.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::OAuthErrors</name>
    <message>
        <source>the request lacks something the identity provider requires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider does not accept this client: check the client id, and whether the provider requires a client secret for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in or code is no longer valid (it expired, was already used or was revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client may not sign in this way at the identity provider (the grant type is not enabled for it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider does not offer this kind of sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider refused the scopes LabShare asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in was declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider does not know this sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in code expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider cannot revoke this kind of token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider had an internal problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider is temporarily unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::OidcHttp</name>
    <message>
        <source>the identity provider answered HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider answered HTTP %1 with &quot;%2&quot;, which is not a standard OAuth error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; it says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> without saying why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::SignOutOutcome</name>
    <message>
        <source>Signed out of %1: nothing was left to revoke, and the sign-in is removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out of %1: the sign-in was revoked at the provider and removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out of %1: the sign-in was removed from this computer, but the provider did not revoke it (%2). It stays valid until it expires or until you revoke it at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::StudentSignIn</name>
    <message>
        <source>the identity provider answered without an ID token, so who signed in is unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::TokenResponse</name>
    <message>
        <source>the identity provider refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider&apos;s answer has no access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider issued a &quot;%1&quot; token; LabShare needs a Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::auth::TokenRevocation</name>
    <message>
        <source>the identity provider refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider could not be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; it lets only clients with a secret revoke (it lists %1), and none is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; it lists only %1 for revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it offers no revocation endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::AllowList</name>
    <message>
        <source>%1 is admitted to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not on the list for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not verified by the identity provider, so it cannot be admitted to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the identity provider gave no usable e-mail address for %1, so it cannot be admitted to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::GateClient</name>
    <message>
        <source>the gate closed the connection without a verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gate sent a message only a helper sends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::GateMessages</name>
    <message>
        <source>the gate&apos;s exchange is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing or not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ticket&quot; is not a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not version %1 of the protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown message &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in has no code or no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;expires&quot; is not a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing is read after an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message is longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare: %1 admits only the people its lab names. Connect with `labshare connect HOST:PORT` (the instructor&apos;s handout shows the command).<byte value="xd"/>
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::GateSession</name>
    <message>
        <source>a client without labshare connect reached %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the student left before the gate let them in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the helper broke the exchange (an unexpected message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in code expired before it was used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no hello from labshare connect within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::HttpGate</name>
    <message>
        <source>a browser at %1 sent %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::HttpGatePages</name>
    <message>
        <source>%1 is only for the people it names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, shared by %2, is only for the people it names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;On this or any other device (a phone will do), open&lt;br&gt;&lt;a href=&quot;%1&quot; target=&quot;_blank&quot; rel=&quot;noopener&quot;&gt;%2&lt;/a&gt;&lt;br&gt;and enter this code:&lt;/p&gt;&lt;p class=&quot;code&quot; id=&quot;user-code&quot;&gt;%3&lt;/p&gt;&lt;p&gt;This page continues by itself once you have signed in (or reload it). The code is valid for %4 more min.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Asking the identity provider for a sign-in code…&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p class=&quot;note&quot;&gt;This share is plain HTTP: this page, your sign-in cookie and everything you do here travel unencrypted, like the rest of the share&apos;s traffic.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in as &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the list — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-ins at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several sign-ins to %1 are under way from your address already. Finish one of them (in the tab or browser that shows its code), or wait a few minutes for them to expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-ins — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare&apos;s gate: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::HttpRequestStream</name>
    <message>
        <source>not an HTTP request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a request head longer than %1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an HTTP/1.x request (HTTP/%1.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an ambiguous request head (it reads differently once written out again)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::TicketBook</name>
    <message>
        <source>cannot write the gate&apos;s tickets to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be the gate&apos;s tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the gate&apos;s tickets from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file of the gate&apos;s tickets (version 1); students sign in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::TlsIdentity</name>
    <message>
        <source>cannot make the gate&apos;s TLS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set up TLS with the gate&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gate&apos;s TLS key in the keychain is damaged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::gate::TlsSession</name>
    <message>
        <source>the connection broke off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set up TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gate&apos;s key is %1, not %2 as the handout says: someone may be in between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::secrets::KeychainStore</name>
    <message>
        <source>the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is stored as &quot;%1&quot; in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot; from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store &quot;%1&quot; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove &quot;%1&quot; from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no keychain service is available (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::secrets::MemoryStore</name>
    <message>
        <source>Nothing is stored as &quot;%1&quot; in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory (not remembered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not use &quot;%1&quot;: %2 is unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::CandidatePorts</name>
    <message>
        <source>declared in the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>well-known port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ConnectionJournal</name>
    <message>
        <source>cannot write the connection log %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::DeadlineWatch</name>
    <message>
        <source>The share stops at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every share stops at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 share stops at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shares stop at %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::LocalTarget</name>
    <message>
        <source>network-mode: host, the network of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a host name, which may name any computer, this one included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loopback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link-local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address meaning this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer&apos;s own address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::NodeLoginKeychain</name>
    <message>
        <source>the login set for %1&apos;s browser terminals cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the login set for %1&apos;s browser terminals: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the login for %1 could not be kept in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the login for %1 could not be removed from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareAccess</name>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone (the lab asks for %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 (signed in)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareCommands</name>
    <message>
        <source>Copy ssh command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy gnmic command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy labshare connect command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareDeadline</name>
    <message>
        <source>&quot;%1&quot; is not a duration: write it as 90m, 1h30m, 2h or 45s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a duration of &quot;%1&quot; would end the class at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day: write it as 17:00 or 9:05 (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareSession</name>
    <message>
        <source>the lab has no node &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab has LabShare reach %1 at %2 (%3): that is this computer itself, not a lab node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node &apos;%1&apos; has no management address yet (is the lab deployed?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareSheet</name>
    <message>
        <source>Lab access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: lab access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are not written here: replace %1 with the password your instructor gives you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated by LabShare on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is shared yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command or link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the instructor&apos;s terminal (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareStatus</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node not answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 live · %2 reclaiming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · also %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::share::ShareVisitors</name>
    <message>
        <source>%1 connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused %2×</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::terminal::NodeLogin</name>
    <message>
        <source>no user name for the node&apos;s login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name &apos;%1&apos; has a character a login name cannot have (@, a space or a control character)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password or key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the node login kept in the keychain is not LabShare&apos;s form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than a private key (over 16 KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a private key (OpenSSH or PEM form)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::terminal::TerminalPage</name>
    <message>
        <source>Terminal on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal needs the full link your instructor handed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many connections to this terminal at once; try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xterm.js is not installed (%1 has no public/Terminal.js): install the Debian package node-xterm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::terminal::WebSocketReader</name>
    <message>
        <source>a WebSocket frame with reserved bits set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unmasked WebSocket frame from the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fragmented or oversized WebSocket control frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown WebSocket opcode %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a WebSocket message over %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a WebSocket continuation frame with no message to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new WebSocket message inside a fragmented one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a WebSocket text message that is not UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::LabDiscovery</name>
    <message>
        <source>cannot read node addresses from this file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::LinkReader</name>
    <message>
        <source>&apos;links&apos; must be a list of links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a link must be a map, for example endpoints: [&quot;r1:e1-1&quot;, &quot;r2:e1-1&quot;]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link endpoint &apos;%1&apos; names node &apos;%2&apos;, which the topology does not define</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a link needs &apos;endpoints:&apos; (a list of &quot;node:interface&quot;) or a &apos;type:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a link endpoint must be text such as &quot;r1:e1-1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link endpoint &apos;%1&apos; must be written node:interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a link endpoint needs &apos;node:&apos; and &apos;interface:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;%1&apos; link needs &apos;endpoints:&apos; or &apos;endpoint:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::NodeDefinition</name>
    <message>
        <source>&apos;%1&apos; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 is listed twice here; the first entry is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a publish entry must be text such as tcp/22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;publish&apos; must be a list of entries such as [tcp/22, tls/57400]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write it as a label instead: labels: {%1: &quot;%2&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>containerlab v0.62 and later refuse the retired &apos;publish&apos; key, so this file will not deploy; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;labels&apos; must be a map of names to values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a node definition must be a map of settings such as kind: and image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is the old spelling; containerlab v0.69 and later only accept &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::PublishSpec</name>
    <message>
        <source>empty publish entry: write &lt;type&gt;/&lt;port&gt;, for example tcp/22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish entry &apos;%1&apos; has no port: write &lt;type&gt;/&lt;port&gt;, for example tcp/22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish entry &apos;%1&apos; has too many &apos;/&apos; sections: write &lt;type&gt;/&lt;port&gt;[/&lt;allowed users&gt;]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port &apos;%1&apos; in publish entry &apos;%2&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1 in publish entry &apos;%2&apos; is out of range: use 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; in publish entry &apos;%2&apos; is neither an e-mail address nor a domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish entry &apos;%1&apos; ends with &apos;/&apos; but names no allowed users: remove the last &apos;/&apos; or list e-mail addresses and domains after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish entry &apos;%1&apos; has no type: use tcp, tls, http, https or term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type &apos;%1&apos; in publish entry &apos;%2&apos; is not supported: use tcp, tls, http, https or term (lower case)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::TopologyLoader</name>
    <message>
        <source>the file is larger than %1 MiB; LabShare does not read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::topology::TopologyParser</name>
    <message>
        <source>variable defaults nested more than %1 deep (${A:-${B:-…}}); LabShare does not read this file further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment variables here make the file larger than %1 MiB; LabShare does not read this file further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this alias takes the values repeated through YAML aliases past %1; LabShare does not read a file that stands for a tree this large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file is a containerlab Go template ({{ … }}), which LabShare cannot render; open the rendered file instead (containerlab deploy --export-rendered FILE writes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YAML syntax error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file uses containerlab&apos;s Go template syntax ({{ … }}); LabShare shows it unrendered, so values made by the template appear as written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read this part of the topology: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a containerlab topology: the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a containerlab topology: a topology is a YAML map with &apos;name:&apos; and &apos;topology:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab name &apos;%1&apos; is not a plain name: containerlab makes the folder clab-&lt;name&gt; from it, and a name with &apos;/&apos; or &apos;..&apos; would point elsewhere (LabShare uses &apos;%2&apos; meanwhile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;: containerlab refuses keys it does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a containerlab topology: it has no &apos;topology:&apos; section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab has no &apos;name:&apos;; containerlab needs one (LabShare uses &apos;%1&apos; meanwhile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;topology&apos; must be a map with a &apos;nodes:&apos; section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the topology has no nodes: &apos;topology.nodes&apos; must be a map of node names to settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node &apos;%1&apos; has no kind: set &apos;kind:&apos; on the node, its group or topology.defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node &apos;%1&apos; is the tunnel agent of the retired %2 service; LabShare does not need it and current containerlab no longer knows the kind &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node &apos;%1&apos; is a %2, which has no container: its publish entries are ignored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::ConnectAnswer</name>
    <message>
        <source>the proxy did not answer in HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy refused to connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::ConnectionRecord</name>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by the student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent nothing in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered by the gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share expired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::GateDesk</name>
    <message>
        <source>%1 sign-ins are under way from %2 already; finish one first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::HttpConnectProxy</name>
    <message>
        <source>the proxy did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to the proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read from the proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read from the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy sent an over-long answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::LanAddress</name>
    <message>
        <source>%1: this machine has no address %2, so nobody could connect there; its addresses are %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::LanRelay</name>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::RelayProbe</name>
    <message>
        <source>Connected to %1 and logged in as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached %1, whose host key is not known yet. Log-in is tried once you trust the key, when you first share through this relay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::RelayProfile</name>
    <message>
        <source>allow &apos;%1&apos; is not a network: write allow=192.168.10.0/24 or allow=10.0.0.0/8,fd00::/8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy has a user name or password, and credentials never go in relay URLs: write proxy=http://host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy &apos;%1&apos; is not http://host:port (only HTTP CONNECT proxies are supported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flavor &apos;lan&apos; is not an SSH relay: write lan://ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown flavor &apos;%1&apos; (use %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public-host &apos;%1&apos; is not a host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown auth &apos;%1&apos; (use agent, key, password or token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind address &apos;%1&apos; is not an address, a host name or *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cipher &apos;%1&apos; is not a cipher name (for example aes128-gcm@openssh.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout &apos;%1&apos; is not a number of seconds from 0.001 to 3600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAN (default interface)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write ssh://[user@]host[:port][?options] or lan://[ADDRESS]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty relay URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay URL has no scheme: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay URL &apos;%1&apos; has no scheme: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay URL &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay URL &apos;%1&apos;: a password follows the user name, and passwords never go in relay URLs: remove it and use auth=password (LabShare asks for it) or a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheme &apos;%1&apos; is not supported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;#&apos; starts a fragment, which relay URLs do not have: write %23 for a &apos;#&apos; in a path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay URLs have no path: remove &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port &apos;%1&apos; is not a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host &apos;%1&apos; is not a valid host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lan relays have no user: write lan://ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lan relays take no port (every share gets its own listener): write lan://ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;: lan relays take allow=CIDR[,CIDR…] only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;allow&apos; is given more than once: list the networks in one, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lan address &apos;%1&apos; is not an IP address: write lan://192.0.2.10, lan://[2001:db8::1], or lan:// for the default interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no relay host: write ssh://[user@]host[:port]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;%1&apos; would put a secret in the URL, and passwords and tokens never go in relay URLs: use auth=%1 and LabShare supplies it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allow= applies to lan relays only: an SSH relay decides who reaches it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos; (use %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;%1&apos; is given more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;%1&apos; has no value: write %1=VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public-host applies to openssh relays only: a %1 relay tells LabShare its public address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::RelayWorker</name>
    <message>
        <source>lost the relay: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the relay closed the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the relay stopped answering keepalives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the relay refused to listen on port %1 (an earlier session may still hold it); retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the relay refused the forward: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the relay left a request unanswered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::ShareBook</name>
    <message>
        <source>port %1, which this share had before, is taken; asking the relay for another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1 does not answer on %2 port %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::Socket</name>
    <message>
        <source>cannot connect to %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot resolve %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::SshAuthentication</name>
    <message>
        <source>your SSH key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1 needs you to sign in first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1 needs a password, and none was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1 refused your sign-in; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1 refused the login (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::SshConnection</name>
    <message>
        <source>cannot set SSH option %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host key of relay %1 has changed: it is now %2, which %3 does not list. Refusing to connect; if the relay was really reinstalled, remove its old entry from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot record the host key of relay %1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host key of relay %1 is not known yet (%2). Check it with the relay&apos;s operator, then accept it (headless: --accept-new-host-key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot check the host key of relay %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create an SSH session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH handshake with relay %1:%2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::TerminalServer</name>
    <message>
        <source>cannot open the terminal&apos;s socket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen for the terminal on 127.0.0.1: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::tunnel::TerminalTab</name>
    <message>
        <source>This terminal share already has %1 sessions open, its limit. Close another tab, or ask your instructor to raise the limit.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 login as: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host key of %1 has CHANGED: it is now %2, not the key LabShare remembered for this lab. Not connecting. If the node was redeployed, your instructor can forget its old key.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host key changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First connection to %1: its host key %2 is remembered for this lab.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot check the host key of %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host key unchecked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2&apos;s password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepts no password login for %2.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused a shell: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare stopped this share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too much input at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
No login in time.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The earlier session on %1 has ended. Log in again.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own terminal on %1 is open in another tab already, and the watch link shows that one. Close it first.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown in another tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key LabShare has for %1 cannot be read (a key with a passphrase?). Your instructor can set the login again.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the login LabShare has for it (%2). Your instructor can set it again, or let students log in themselves.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This watch link already has %1 viewers, its limit.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many viewers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watching the instructor&apos;s terminal (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the instructor&apos;s terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::AccountMenu</name>
    <message>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows a code to enter on any browser, e.g. your phone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with this computer&apos;s browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Not signed in&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No identity provider is set yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity provider: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in is only needed for relays that admit signed-in users; the LAN relay needs no account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the remembered sign-in at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the remembered sign-in of %1 at %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the remembered sign-in from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sign-in is in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in at %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider has not verified this e-mail address;&lt;br&gt;relays and shares that admit people by e-mail refuse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not remembered: no keychain. The sign-in lasts until LabShare quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1; the token is valid until %2 and renewed automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sign in again&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in at %1 has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in of %1 at %2 has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relays that admit signed-in users refuse LabShare until you sign in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::AddPortDialog</name>
    <message>
        <source>Add a port to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another port to offer on &lt;b&gt;%1&lt;/b&gt;, as &amp;lt;type&amp;gt;/&amp;lt;port&amp;gt;, e.g. tcp/8080 or http/3000:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tcp/8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already offers %2/%3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::ConnectionsModel</name>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::ConnectionsPane</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the connections shown as a spreadsheet (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this lab&apos;s connections, here and in its log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::DiagnosticsPane</name>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug and up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info and up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the lines shown, e.g. for a bug report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::DropZone</name>
    <message>
        <source>&lt;div style=&apos;font-size:22pt&apos;&gt;Drop a containerlab topology here&lt;/div&gt;&lt;div style=&apos;font-size:11pt; color:palette(mid)&apos;&gt;a .clab.yml or .clab.yaml file — or open one&lt;/div&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a topology…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent labs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::IdentityProviderDialog</name>
    <message>
        <source>Identity provider — LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare signs you in with OpenID Connect. The operator of your relay tells you which identity provider it admits and LabShare&apos;s client id there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://id.example.org/realms/lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labshare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only if your provider requires one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some providers (Google, for one) give installed apps a client secret and require it; it is kept in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the stored client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For providers that match redirect URIs exactly: the browser sign-in then comes back to http://127.0.0.1:PORT/callback, the address to register there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser redirect port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the issuer URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent labs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;LabShare %1&lt;/h3&gt;&lt;p&gt;Publish ports of containerlab lab nodes to students.&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::MainWindow</name>
    <message>
        <source>LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Shares&lt;/b&gt; — what students can reach now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick every port the lab file declares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer another &lt;type&gt;/&lt;port&gt; on the selected node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Big addresses and QR codes for the projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page to hand to students: preview, copy or save it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share on open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish this lab&apos;s ticked ports again whenever it is opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share sheet copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Relay: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 · tick a port to publish it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a relay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a containerlab topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>containerlab topologies (*.clab.yml *.clab.yaml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YAML files (*.yml *.yaml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a node first, then Add port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a containerlab topology: drop a .clab.yml or .clab.yaml file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share until…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every share on its own at a time of day or after a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who connected: every connection to the shares, with Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::NodeAddressText</name>
    <message>
        <source>deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>containerlab inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>static</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the deployed lab&apos;s topology-data.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From containerlab inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The static mgmt-ipv4 / mgmt-ipv6 in the topology file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— %1: nothing to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (typed by you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 (host network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— no address: deploy the lab or type one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 node has no container of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You typed %1; clear it to use the lab&apos;s address again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv4: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv6: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node uses this machine&apos;s network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topology-data.json, containerlab inspect or static address gave this node an address. Deploy the lab, or double-click to type the address it is reached at.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::NodeLoginDialog</name>
    <message>
        <source>Students log in as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every browser terminal on &lt;b&gt;%1&lt;/b&gt; logs in with this login, so students land straight in the node&apos;s command line. LabShare keeps it in the keychain for this lab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keychain: type a new one to change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students log in &amp;themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key for the node</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::OpenAnywayDialog</name>
    <message>
        <source>Publish declared ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The ports the lab declares open to everyone are published. These %n port(s) are meant only for the people named, but LabShare&apos;s gate cannot check who connects, because %1: a port you tick here is open to anyone who has its address.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — the lab asks for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::PresentationCard</name>
    <message>
        <source>waiting for a public address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::PresentationView</name>
    <message>
        <source>LabShare — presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing shared yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::Question</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::RelayProfileDialog</name>
    <message>
        <source>New relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAN — this machine (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your user on the relay (empty: ~/.ssh/config or yours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name students use, if not the host above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/id_ed25519 (empty: agent and default keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/known_hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where the relay listens (empty: its default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://proxy.example.org:3128 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone (or networks: 192.168.10.0/24,…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only students from these networks reach the shares; others are refused at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the relay and log in; nothing is published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flavour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine&apos;s address (empty: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::RelaySecretDialog</name>
    <message>
        <source>Relay password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay wants a password for &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SSH key &lt;b&gt;%1&lt;/b&gt; is protected by a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay refused that password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase does not open the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::ShareSheetDialog</name>
    <message>
        <source>Share sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the sheet on the clipboard, as a page and as Markdown text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the share sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::ShareUntilDialog</name>
    <message>
        <source>Share until…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When should %1 stop on its own?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>17:00 or 90m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A time of day (17:00, tomorrow when it has passed) or a duration from now (90m, 1h30m). Five minutes before, LabShare offers to extend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share until then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shares run until you stop them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops at %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::SharesModel</name>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2, %3 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct students who connected today: who signed in at a gated share, else source addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1, the one students were given, is still held by an earlier relay session. LabShare keeps asking for it and serves the share on port %2 meanwhile; both work once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 served the share while its own port was held; it keeps working until the share stops.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::SharesView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command or link to hand out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login user (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign %1 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign everyone out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share until…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my own terminal (the watch link mirrors it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy watch link (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students log in as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students log in as %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::SignInDialog</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in — LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened here: open the address above on another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or scan this with your phone: it opens the page with the code filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. On any device — this computer or your phone — open:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Enter this code and sign in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for a sign-in code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the sign-in at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in… The code is valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue in your browser.&lt;/b&gt;&lt;br&gt;Sign in on the page that opened; LabShare carries on by itself once you have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No browser could be opened.&lt;/b&gt;&lt;br&gt;Copy this link into a browser on this computer and sign in there; LabShare carries on by itself once you have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LabShare waits %1:%2 more for the browser to come back (until %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::TopologyModel</name>
    <message>
        <source>not answering on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, no container)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written as %1 in the topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — suggested for %2; the lab does not declare it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared through LabShare&apos;s gate: only these people get through, signed in at your identity provider, with `labshare connect`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared open: LabShare&apos;s gate was not used, so anyone with the address can connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only these people may connect: ticking it publishes it through LabShare&apos;s gate, which signs them in at your identity provider (without one, LabShare asks before publishing it open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node / port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Management address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can connect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::TrayHealth</name>
    <message>
        <source>1 share: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shares: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students cannot connect to it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable again at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: new address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students now reach it at %1; %2 no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: up at %2 meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An earlier relay session still holds %1, the address students have; LabShare is getting it back and says so when it works again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 works again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address students have is back; %1 keeps working too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address students have is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shares up at stand-in addresses meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shares back at the addresses students have</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::TrayIcon</name>
    <message>
        <source>Stop all shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit LabShare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend 30 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping shares…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labshare::ui::clockText</name>
    <message>
        <source>tomorrow %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
