// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/MemoryStore.h"

#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace labshare::secrets;

namespace {

// The one answer a call got, once the event loop has delivered it.
struct Answer {
    std::optional<SecretReply> reply;
    int calls = 0;

    SecretCallback callback() {
        return [this](const SecretReply& r) {
            reply = r;
            ++calls;
        };
    }
};

const QByteArray secret("rt-\0\xfe-7f3a9c", 12); // binary, with a NUL inside

} // namespace

class TestMemoryStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readingAMissingKeyIsNotFound() {
        MemoryStore store;
        Answer read;
        store.read("refresh-token", read.callback());
        QTRY_COMPARE(read.calls, 1);
        QCOMPARE(read.reply->status, SecretStatus::NotFound);
        QVERIFY(read.reply->secret.isEmpty());
        QVERIFY2(read.reply->message.contains("refresh-token"), qPrintable(read.reply->message));
    }

    void writesReadsAndRemoves() {
        MemoryStore store;
        Answer write, read, remove, readAgain;
        store.write("refresh-token", secret, write.callback());
        QTRY_COMPARE(write.calls, 1);
        QCOMPARE(write.reply->status, SecretStatus::Ok);
        QCOMPARE(store.keys(), QStringList{"refresh-token"});

        store.read("refresh-token", read.callback());
        QTRY_COMPARE(read.calls, 1);
        QCOMPARE(read.reply->status, SecretStatus::Ok);
        QCOMPARE(read.reply->secret.exposed(), secret);

        store.remove("refresh-token", remove.callback());
        QTRY_COMPARE(remove.calls, 1);
        QCOMPARE(remove.reply->status, SecretStatus::Ok);
        QVERIFY(store.keys().isEmpty());

        store.read("refresh-token", readAgain.callback());
        QTRY_COMPARE(readAgain.calls, 1);
        QCOMPARE(readAgain.reply->status, SecretStatus::NotFound);
    }

    void aReadRightAfterAWriteFindsIt() {
        MemoryStore store;
        Answer write, read;
        store.write("b", "second", {});
        store.write("a", "first", write.callback());
        store.read("a", read.callback());
        QTRY_COMPARE(read.calls, 1);
        QCOMPARE(write.calls, 1); // answered in the order asked
        QCOMPARE(read.reply->secret.exposed(), QByteArray("first"));
        QCOMPARE(store.keys(), (QStringList{"a", "b"}));
    }

    void removingAMissingKeyIsOk() {
        MemoryStore store;
        Answer remove;
        store.remove("never-written", remove.callback());
        QTRY_COMPARE(remove.calls, 1);
        QCOMPARE(remove.reply->status, SecretStatus::Ok);
    }

    void callbacksAreNeverReentrant_data() {
        QTest::addColumn<int>("operation");
        QTest::addColumn<bool>("unavailable");
        for (const bool unavailable : {false, true}) {
            const char* mode = unavailable ? " (unavailable)" : "";
            QTest::addRow("read%s", mode) << 0 << unavailable;
            QTest::addRow("write%s", mode) << 1 << unavailable;
            QTest::addRow("remove%s", mode) << 2 << unavailable;
        }
    }

    void callbacksAreNeverReentrant() {
        QFETCH(int, operation);
        QFETCH(bool, unavailable);
        MemoryStore store;
        store.setUnavailable(unavailable);
        bool returned = false;
        bool called = false;
        bool returnedBeforeCall = false;
        const SecretCallback done = [&](const SecretReply&) {
            called = true;
            returnedBeforeCall = returned;
        };
        if (operation == 0)
            store.read("k", done);
        else if (operation == 1)
            store.write("k", secret, done);
        else
            store.remove("k", done);
        returned = true;
        QVERIFY(!called);
        QTRY_VERIFY(called);
        QVERIFY(returnedBeforeCall);
    }

    void destroyingTheStoreDropsPendingCallbacks() {
        // Control: a callback queued before a sentinel runs before it.
        bool called = false;
        bool sentinel = false;
        auto store = std::make_unique<MemoryStore>();
        store->write("k", secret, [&](const SecretReply&) { called = true; });
        QTimer::singleShot(0, this, [&] { sentinel = true; });
        QTRY_VERIFY(sentinel);
        QVERIFY(called);

        // Destroyed first: the answer never comes, not even after the sentinel.
        called = false;
        sentinel = false;
        store->read("k", [&](const SecretReply&) { called = true; });
        store->remove("k", [&](const SecretReply&) { called = true; });
        store.reset();
        QTimer::singleShot(0, this, [&] { sentinel = true; });
        QTRY_VERIFY(sentinel);
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void aCallbackMayDestroyTheStore() {
        auto store = std::make_unique<MemoryStore>();
        Answer second;
        bool first = false;
        store->write("k", secret, [&](const SecretReply&) {
            first = true;
            store.reset();
        });
        store->read("k", second.callback());
        QTRY_VERIFY(first);
        QVERIFY(!store);
        bool sentinel = false;
        QTimer::singleShot(0, this, [&] { sentinel = true; });
        QTRY_VERIFY(sentinel);
        QCOMPARE(second.calls, 0);
    }

    void unavailableAnswersUnavailableAndKeepsNothing() {
        MemoryStore store;
        store.setUnavailable(true);
        Answer write, read, remove;
        store.write("refresh-token", secret, write.callback());
        store.read("refresh-token", read.callback());
        store.remove("refresh-token", remove.callback());
        QTRY_COMPARE(remove.calls, 1);
        for (const Answer* a : {&write, &read, &remove}) {
            QCOMPARE(a->calls, 1);
            QCOMPARE(a->reply->status, SecretStatus::Unavailable);
            QVERIFY(a->reply->secret.isEmpty());
            QVERIFY2(a->reply->message.contains("refresh-token"), qPrintable(a->reply->message));
        }
        QVERIFY(store.keys().isEmpty());

        store.setUnavailable(false);
        Answer again;
        store.write("refresh-token", secret, again.callback());
        QTRY_COMPARE(again.calls, 1);
        QCOMPARE(again.reply->status, SecretStatus::Ok);
        QCOMPARE(store.keys(), QStringList{"refresh-token"});
    }

    void messagesNeverContainTheSecret() {
        const QByteArray printable = "s3cr3t-refresh-token-value";
        MemoryStore store;
        Answer write, missing, unavailable;
        store.write("refresh-token", printable, write.callback());
        store.read("other", missing.callback());
        QTRY_COMPARE(missing.calls, 1);
        store.setUnavailable(true);
        store.read("refresh-token", unavailable.callback());
        QTRY_COMPARE(unavailable.calls, 1);
        QCOMPARE(write.reply->message, QString());
        QVERIFY(!missing.reply->message.isEmpty());
        QVERIFY(!unavailable.reply->message.isEmpty());
        QVERIFY(!missing.reply->message.contains(QString::fromLatin1(printable)));
        QVERIFY(!unavailable.reply->message.contains(QString::fromLatin1(printable)));
    }

    void namesItsBackend() {
        MemoryStore store;
        QCOMPARE(store.backendName(), "memory (not remembered)");
    }
};

QTEST_GUILESS_MAIN(TestMemoryStore)
#include "tst_memorystore.moc"
