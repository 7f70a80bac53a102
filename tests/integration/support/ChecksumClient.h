// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

struct ChecksumRun {
    int connections = 200; // opened at once, spread round-robin over the endpoints
    int minBytes = 32 * 1024;
    int maxBytes = 256 * 1024;
    int timeoutMs = 90000; // for the whole run
    quint32 seed = 0;      // 0: a random seed (reported in the summary, so a failure can be replayed)
    // The connections come from this many source addresses, 127.0.0.1, 127.0.0.2, … in turn (1: the
    // kernel's choice): LabShare holds at most 64 connections at once from one address.
    int sources = 1;
};

struct ChecksumSummary {
    int requested = 0;
    int ok = 0;
    quint32 seed = 0;
    qint64 elapsedMs = 0;
    QList<qint64> bytesSent; // per endpoint, in the order given
    QStringList failures;    // "#17 127.0.0.1:40123 (65536 bytes): ..."
    bool allOk() const { return requested > 0 && ok == requested; }
    QString describe() const;
};

// Opens `run.connections` TCP connections at once; each sends its own random payload, shuts down its
// sending side (half-close), reads the echo until EOF and compares length and SHA-256. Runs the calling
// thread's event loop until every connection has finished or the run times out.
ChecksumSummary runChecksumClients(const QList<Endpoint>& endpoints, const ChecksumRun& run = {});

} // namespace labshare::testsupport
