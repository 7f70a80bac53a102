// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LabWatcher.h"
#include "topology/TopologyLoader.h"

#include <QFileInfo>
#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace labshare::share {

LabWatcher::LabWatcher(QObject* parent)
    : QObject(parent) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, [this] { start(m_path, true); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &LabWatcher::onFileChanged);
    // An editor that saves by writing a new file and renaming it drops the watch on the old one.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LabWatcher::onFileChanged);
}

void LabWatcher::load(const QString& path) {
    start(QFileInfo(path).absoluteFilePath(), false);
}

void LabWatcher::watch(const QString& path) {
    m_debounce.stop();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_path = QFileInfo(path).absoluteFilePath();
    m_watcher.addPath(m_path);
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
}

void LabWatcher::onFileChanged() {
    if (m_path.isEmpty() || !QFileInfo::exists(m_path))
        return; // mid-save; the new file comes with the next event
    if (!m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    m_debounce.start();
}

void LabWatcher::start(const QString& path, bool reload) {
    const quint64 generation = ++m_generation;
    auto promise = std::make_shared<QPromise<Result<topology::Topology>>>();
    QFuture<Result<topology::Topology>> future = promise->future();
    QThreadPool::globalInstance()->start([promise, path] {
        promise->start();
        promise->addResult(topology::TopologyLoader::load(path));
        promise->finish();
    });
    // Runs on this object's thread, and never once this object is gone.
    future.then(this, [this, path, generation, reload](const Result<topology::Topology>& result) {
        if (generation == m_generation)
            Q_EMIT loaded(path, result, reload);
    });
}

} // namespace labshare::share
