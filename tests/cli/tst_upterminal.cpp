// SPDX-License-Identifier: GPL-3.0-or-later
// The real `labshare up` on a terminal (a pseudo-terminal) redraws one table in place; into a pipe it prints
// the table again on every change, with no terminal control sequences.
#include "LabshareRun.h"
#include "TerminalScreen.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace labshare::clitest;

namespace {

constexpr int kColumns = 120;

// One child on a pseudo-terminal kColumns wide; what it writes is collected while a wait runs.
class PtyChild {
public:
    ~PtyChild() {
        if (m_pid > 0 && !m_exited) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_master >= 0)
            ::close(m_master);
    }

    bool start(const QStringList& args, const QString& dir, const QString& home) {
        QList<QByteArray> storage{QByteArray(LABSHARE_BINARY)};
        for (const QString& a : args)
            storage << a.toLocal8Bit();
        std::vector<char*> argv;
        for (QByteArray& a : storage)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const QByteArray where = dir.toLocal8Bit(), homeDir = home.toLocal8Bit();
        winsize size{};
        size.ws_col = kColumns;
        size.ws_row = 40;
        m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
        if (m_pid == 0) {
            if (::chdir(where.constData()) != 0)
                ::_exit(127);
            ::setenv("HOME", homeDir.constData(), 1);
            ::setenv("TERM", "xterm", 1);
            ::unsetenv("DISPLAY");
            ::unsetenv("WAYLAND_DISPLAY");
            ::unsetenv("QT_QPA_PLATFORM");
            ::execv(argv.front(), argv.data());
            ::_exit(127);
        }
        return m_pid > 0;
    }

    // Reads until `done` holds for the screen so far, or the timeout.
    template <typename Predicate> bool waitForScreen(Predicate done, int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        while (!done(screen())) {
            if (deadline.hasExpired() || !readSome(static_cast<int>(deadline.remainingTime())))
                return done(screen());
        }
        return true;
    }

    // Waits for the exit, reading what is left; the exit code, or -1.
    int finish(int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        int status = 0;
        while (!deadline.hasExpired()) {
            readSome(50);
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exited = true;
                while (readSome(50)) {
                }
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
        }
        return -1;
    }

    void interrupt() { ::kill(m_pid, SIGINT); }
    pid_t pid() const { return m_pid; }
    QByteArray output() const { return m_output; }
    QStringList screen() const { return renderTerminal(m_output, kColumns); }

private:
    bool readSome(int timeoutMs) {
        pollfd p{m_master, POLLIN, 0};
        if (::poll(&p, 1, std::max(timeoutMs, 0)) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
            return false;
        char buffer[4096];
        const ssize_t n = ::read(m_master, buffer, sizeof(buffer));
        if (n <= 0)
            return false;
        m_output.append(buffer, n);
        return true;
    }

    pid_t m_pid = -1;
    int m_master = -1;
    bool m_exited = false;
    QByteArray m_output;
};

const QStringList kShares{"clab-n1-tcp-22", "clab-n1-http-80", "clab-n2-tcp-22"};

// The rows of the table on `screen` whose state is `state`, by share name.
int rowsIn(const QStringList& screen, const QString& state) {
    int count = 0;
    for (const QString& line : screen) {
        const QStringList cells = line.split(' ', Qt::SkipEmptyParts);
        if (cells.size() >= 2 && kShares.contains(cells.at(0)) && cells.at(1) == state)
            ++count;
    }
    return count;
}

// Whether the last table on `screen` gives every share a public address.
bool allPublished(const QStringList& screen) {
    QSet<QString> published;
    for (const QString& line : screen) {
        if (line.startsWith("SHARE "))
            published.clear();
        else if (kShares.contains(line.section(' ', 0, 0)) && line.contains("127.0.0.1:"))
            published << line.section(' ', 0, 0);
    }
    return published.size() == kShares.size();
}

} // namespace

class TestUpTerminal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Nobody listens on the nodes' addresses: the shares come up on the LAN relay regardless.
        QVERIFY(
            writeLab(m_dir.filePath("lab.clab.yml"),
                     "name: lab\ntopology:\n  nodes:\n"
                     "    n1: {kind: linux, mgmt-ipv4: 127.0.0.71, labels: {labshare.publish: \"tcp/22 http/80\"}}\n"
                     "    n2: {kind: linux, mgmt-ipv4: 127.0.0.72, labels: {labshare.publish: tcp/22}}\n"));
    }

    void aTerminalShowsOneTableRedrawnInPlace() {
        QTemporaryDir home;
        PtyChild up;
        QVERIFY(up.start({"up", "lab.clab.yml", "--relay", "lan://127.0.0.1", "--allow-local-targets"}, m_dir.path(),
                         home.path()));
        QVERIFY2(up.waitForScreen(allPublished, 30000), up.output().constData());
        up.interrupt();
        QCOMPARE(up.finish(30000), 0);
        const QStringList screen = up.screen();
        const QString shown = screen.join('\n');
        // The table was drawn more than once, each time over the last one: one header, one row per share.
        QVERIFY2(up.output().count("\x1b[J") >= 2, up.output().constData());
        QCOMPARE(screen.filter(QRegularExpression("^SHARE ")).size(), 1);
        QVERIFY2(rowsIn(screen, "stopped") == kShares.size(), qPrintable(shown));
        QCOMPARE(screen.filter(QRegularExpression("^clab-")).size(), kShares.size());
    }

    // A node name carrying terminal controls (clear screen, set the window title, bell, a C1 CSI, a
    // right-to-left override) reaches the terminal escaped: the only controls on it are the live table's own.
    void outsideTextReachesTheTerminalEscaped() {
        QVERIFY(writeLab(m_dir.filePath("hostile.clab.yml"),
                         "name: hostile\ntopology:\n  nodes:\n"
                         "    \"r1\\e[2J\\e]0;owned\\a\\x9b31m\\u202e\": {kind: linux, mgmt-ipv4: 127.0.0.73, "
                         "labels: {labshare.publish: tcp/22}}\n"));
        QTemporaryDir home;
        PtyChild up;
        QVERIFY(up.start({"up", "hostile.clab.yml", "--relay", "lan://127.0.0.1", "--allow-local-targets"},
                         m_dir.path(), home.path()));
        const auto published = [](const QStringList& screen) {
            return screen.join('\n').contains(QRegularExpression("tcp-22 .*127\\.0\\.0\\.1:"));
        };
        QVERIFY2(up.waitForScreen(published, 30000), up.output().constData());
        checkCoreDumpsAreOff(up.pid());
        up.interrupt();
        QCOMPARE(up.finish(30000), 0);
        QString shown = QString::fromUtf8(up.output());
        shown.remove(QRegularExpression("\x1b\\[[0-9]+A")).remove(QStringLiteral("\x1b[J"));
        QVERIFY2(shown.contains("clab-r1\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\u202e-tcp-22"), qPrintable(shown));
        for (const QChar c : std::as_const(shown)) {
            const char16_t u = c.unicode();
            const bool control = (u < 0x20 && u != '\n' && u != '\r') || (u >= 0x7f && u <= 0x9f) || u == 0x202e;
            QVERIFY2(!control,
                     qPrintable(QStringLiteral("U+%1 in: %2").arg(int(u), 4, 16, QLatin1Char('0')).arg(shown)));
        }
    }

    void aPipeGetsTheLineForm() {
        QTemporaryDir home;
        QProcessEnvironment env = headlessEnvironment();
        env.insert("HOME", home.path());
        env.insert("TERM", "xterm");
        QProcess up;
        up.setProcessEnvironment(env);
        up.setWorkingDirectory(m_dir.path());
        up.start(QStringLiteral(LABSHARE_BINARY),
                 {"up", "lab.clab.yml", "--relay", "lan://127.0.0.1", "--allow-local-targets"});
        QVERIFY(up.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += up.readAllStandardOutput(), allPublished(renderTerminal(out, 0))), 30000);
        ::kill(static_cast<pid_t>(up.processId()), SIGINT);
        QVERIFY(up.waitForFinished(30000));
        QCOMPARE(up.exitCode(), 0);
        out += up.readAllStandardOutput();
        QVERIFY2(!out.contains('\x1b'), out.constData());
        // Every change printed the whole table again, after a blank line.
        QVERIFY2(out.startsWith("\nSHARE "), out.constData());
        QVERIFY2(out.count("\n\nSHARE ") >= 2, out.constData());
        const QStringList lines = QString::fromUtf8(out).split('\n');
        QCOMPARE(lines.filter(QRegularExpression("^SHARE ")).size(), out.count("\nSHARE "));
    }

private:
    // A release build of labshare lets no core dump of itself be written (its size limit is 0).
    static void checkCoreDumpsAreOff(pid_t pid) {
#ifdef NDEBUG
        QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(limits.readAll());
        QVERIFY2(text.contains(QRegularExpression("Max core file size +0 +0 ")), qPrintable(text));
#else
        Q_UNUSED(pid);
#endif
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestUpTerminal)
#include "tst_upterminal.moc"
