// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "topology/Topology.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace labshare::share {

// Loads a topology off the calling thread (reading files and maybe running `containerlab inspect`
// never blocks the GUI), and loads it again whenever the file changes on disk (debounced; editors
// that save by rename are followed).
class LabWatcher : public QObject {
    Q_OBJECT

public:
    explicit LabWatcher(QObject* parent = nullptr);

    void open(const QString& path);
    QString path() const { return m_path; }

Q_SIGNALS:
    void loaded(const labshare::Result<labshare::topology::Topology>& topology, bool reload);

private:
    void load(bool reload);
    void onFileChanged();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    quint64 m_generation = 0; // a late answer for an older request is dropped
};

} // namespace labshare::share

Q_DECLARE_METATYPE(labshare::Result<labshare::topology::Topology>)
