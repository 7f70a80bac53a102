// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "topology/Topology.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace labshare::share {

// Loads topologies off the calling thread (reading files and maybe running `containerlab inspect`
// never blocks the GUI), and loads the watched one again whenever it changes on disk (debounced;
// editors that save by rename are followed). Opening a lab is two steps, so a file that turns out
// broken never replaces the one the user has open: load() it, then watch() it once it is accepted.
class LabWatcher : public QObject {
    Q_OBJECT

public:
    explicit LabWatcher(QObject* parent = nullptr);

    // Loads `path` once: answered by loaded(path, …, false). What is watched does not change.
    void load(const QString& path);
    // Watches `path` from now on: every change is answered by loaded(path, …, true).
    void watch(const QString& path);
    QString path() const { return m_path; } // the watched file, absolute

Q_SIGNALS:
    // Only the newest request is answered: an answer overtaken by a later load() or change is dropped.
    void loaded(const QString& path, const labshare::Result<labshare::topology::Topology>& topology, bool reload);

private:
    void start(const QString& path, bool reload);
    void onFileChanged();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    quint64 m_generation = 0;
};

} // namespace labshare::share

Q_DECLARE_METATYPE(labshare::Result<labshare::topology::Topology>)
