// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LabWatcher.h"
#include "topology/TopologyLoader.h"

#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace labshare::share {

LabWatcher::LabWatcher(QObject* parent)
    : QObject(parent) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, [this] { load(true); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &LabWatcher::onFileChanged);
    // An editor that saves by writing a new file and renaming it drops the watch on the old one.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LabWatcher::onFileChanged);
}

void LabWatcher::open(const QString& path) {
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_path = QFileInfo(path).absoluteFilePath();
    m_watcher.addPath(m_path);
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    load(false);
}

void LabWatcher::onFileChanged() {
    if (!QFileInfo::exists(m_path))
        return; // mid-save; the new file comes with the next event
    if (!m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    m_debounce.start();
}

void LabWatcher::load(bool reload) {
    const quint64 generation = ++m_generation;
    const QString path = m_path;
    QPointer<LabWatcher> self(this);
    QThreadPool::globalInstance()->start([self, path, generation, reload] {
        Result<topology::Topology> result = topology::TopologyLoader::load(path);
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self,
            [self, result = std::move(result), generation, reload] {
                if (self && generation == self->m_generation)
                    Q_EMIT self->loaded(result, reload);
            },
            Qt::QueuedConnection);
    });
}

} // namespace labshare::share
