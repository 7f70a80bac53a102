// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/EnvExpansion.h"

#include <QTest>

#include <map>

using namespace labshare::topology;

namespace {

EnvExpansion expand(const std::string& input) {
    static const std::map<std::string, std::string> env = {
        {"BAR", "bar"}, {"FOO", "foo"}, {"EMPTY", ""}, {"LONG", "a-much-longer-value"}};
    return EnvExpansion::expand(input, [](const std::string& name) -> std::optional<std::string> {
        const auto it = env.find(name);
        if (it == env.end())
            return std::nullopt;
        return it->second;
    });
}

} // namespace

class TestEnvExpansion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void expandsLikeContainerlab_data();
    void expandsLikeContainerlab();
    void mapsOffsetsBackToTheInput();
    void reportsWhetherAnythingChanged();
    void nestedDefaultsStopAtTheLimit();
    void deepNestingIsRefusedWithoutCrashing();
    void unclosedBracesTakeOnePass();
    void refusesToGrowPastTheCap();
};

void TestEnvExpansion::expandsLikeContainerlab_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no variables") << "name: lab"
                                  << "name: lab";
    QTest::newRow("plain") << "$BAR"
                           << "bar";
    QTest::newRow("plain with text") << "$BAR baz"
                                     << "bar baz";
    QTest::newRow("concatenated") << "$BAR$FOO"
                                  << "barfoo";
    QTest::newRow("braces") << "${BAR}baz"
                            << "barbaz";
    QTest::newRow("unset stays literal") << "${NOTSET}"
                                         << "${NOTSET}";
    QTest::newRow("unset plain stays literal") << "x $NOTSET y"
                                               << "x $NOTSET y";
    QTest::newRow("empty stays literal") << "${EMPTY}"
                                         << "${EMPTY}";
    QTest::newRow(":= default when unset") << "${NOTSET:=latest}"
                                           << "latest";
    QTest::newRow(":= default when empty") << "${EMPTY:=latest}"
                                           << "latest";
    QTest::newRow(":= value when set") << "${BAR:=latest}"
                                       << "bar";
    QTest::newRow(":- default") << "${NOTSET:-x}"
                                << "x";
    QTest::newRow("= default when unset") << "${NOTSET=x}"
                                          << "x";
    QTest::newRow("= keeps empty") << "${EMPTY=x}"
                                   << "";
    QTest::newRow("- default when unset") << "${NOTSET-x}"
                                          << "x";
    QTest::newRow("+ when set") << "${BAR+other}"
                                << "other";
    QTest::newRow("+ when unset") << "${NOTSET+other}"
                                  << "";
    QTest::newRow(":+ when set") << "${FOO:+other}"
                                 << "other";
    QTest::newRow("default is expanded") << "${NOTSET:=$BAR}"
                                         << "bar";
    QTest::newRow("nested default") << "${NOTSET:=${FOO}-x}"
                                    << "foo-x";
    QTest::newRow("quoted empty default") << "prefix: ${CLAB_PREFIX:=\"\"}"
                                          << "prefix: \"\"";
    QTest::newRow("default with url") << "${URL-http://localhost:8080}"
                                      << "http://localhost:8080";
    QTest::newRow("escape") << "FOO $$BAR BAZ"
                            << "FOO $BAR BAZ";
    QTest::newRow("escape braces") << "$${BAR}"
                                   << "${BAR}";
    QTest::newRow("digit names are not expanded") << "$1 ${1}"
                                                  << "$1 ${1}";
    QTest::newRow("lone underscore") << "$_ bar"
                                     << "$_ bar";
    QTest::newRow("unclosed brace") << "hello ${"
                                    << "hello ${";
    QTest::newRow("dollar at end") << "cost $"
                                   << "cost $";
    QTest::newRow("multi line") << "a: $BAR\nb: ${EMPTY:=$FOO}"
                                << "a: bar\nb: foo";
}

void TestEnvExpansion::expandsLikeContainerlab() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(expand(input.toStdString()).text()), expected);
}

void TestEnvExpansion::mapsOffsetsBackToTheInput() {
    const std::string input = "image: ${LONG}:x\nport: tcp/0\n";
    const EnvExpansion out = expand(input);
    QCOMPARE(QString::fromStdString(out.text()), QStringLiteral("image: a-much-longer-value:x\nport: tcp/0\n"));
    // A byte copied from the input maps to its own place there.
    const std::size_t expandedTcp = out.text().find("tcp/0");
    QCOMPARE(out.inputOffset(expandedTcp), input.find("tcp/0"));
    // Any byte of an expansion maps to the start of the variable.
    QCOMPARE(out.inputOffset(out.text().find("longer")), input.find("${LONG}"));
    QCOMPARE(out.inputOffset(out.text().find(":x")), input.find(":x"));
    QCOMPARE(out.inputOffset(0), std::size_t(0));
}

void TestEnvExpansion::reportsWhetherAnythingChanged() {
    QVERIFY(!expand("name: $NOTSET").changed());
    QVERIFY(expand("name: $BAR").changed());
}

namespace {

// `${X:-${X:-…z…}}`, `depth` defaults deep.
std::string nested(std::size_t depth) {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i)
        out += "${NOTSET:-";
    out += 'z';
    out.append(depth, '}');
    return out;
}

} // namespace

void TestEnvExpansion::nestedDefaultsStopAtTheLimit() {
    const EnvExpansion within = expand("image: " + nested(EnvExpansion::kMaxNesting));
    QCOMPARE(QString::fromStdString(within.text()), QStringLiteral("image: z"));
    QVERIFY(!within.refusal());

    const std::string input = "image: " + nested(EnvExpansion::kMaxNesting + 1);
    const EnvExpansion beyond = expand(input);
    QVERIFY(beyond.refusal());
    QCOMPARE(beyond.refusal()->kind, EnvExpansion::Refusal::Kind::TooDeep);
    // The construct one past the limit is named, and kept as written.
    const std::size_t tooDeep =
        std::string("image: ").size() + EnvExpansion::kMaxNesting * std::string("${NOTSET:-").size();
    QCOMPARE(beyond.refusal()->inputOffset, tooDeep);
    QCOMPARE(QString::fromStdString(beyond.text()),
             QStringLiteral("image: ") + QString::fromStdString(input.substr(tooDeep, 10)) + QStringLiteral("z}"));
}

// Tens of thousands deep overflowed the stack of the recursive expansion.
void TestEnvExpansion::deepNestingIsRefusedWithoutCrashing() {
    const EnvExpansion out = expand("image: " + nested(200000) + "\nname: lab\n");
    QVERIFY(out.refusal());
    QCOMPARE(out.refusal()->kind, EnvExpansion::Refusal::Kind::TooDeep);
    QVERIFY(out.text().size() > 200000);
}

// A million unclosed `${` took quadratic time (minutes): each one searched the rest of the text.
void TestEnvExpansion::unclosedBracesTakeOnePass() {
    std::string input = "image: ";
    for (int i = 0; i < 1000000; ++i)
        input += "${";
    const EnvExpansion out = expand(input + "}");
    QCOMPARE(out.text().size(), input.size() + 1);
    QVERIFY(!out.changed());
}

void TestEnvExpansion::refusesToGrowPastTheCap() {
    const std::string big(std::size_t{1} << 20, 'x');
    const auto lookup = [&big](const std::string& name) -> std::optional<std::string> {
        return name == "BIG" ? std::optional<std::string>(big) : std::nullopt;
    };
    std::string input = "a: ";
    for (int i = 0; i < 100; ++i)
        input += "$BIG ";
    const EnvExpansion out = EnvExpansion::expand(input, lookup);
    QVERIFY(out.refusal());
    QCOMPARE(out.refusal()->kind, EnvExpansion::Refusal::Kind::TooLarge);
    QVERIFY(out.text().size() <= EnvExpansion::kMaxExpandedSize);
    // 63 values and the text around them fit in 64 MiB; the 64th does not.
    QCOMPARE(out.refusal()->inputOffset, input.find("$BIG") + 63 * std::string("$BIG ").size());
}

QTEST_GUILESS_MAIN(TestEnvExpansion)
#include "tst_envexpansion.moc"
