// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LabSettings.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace labshare::share {

namespace {

constexpr int kMaxRecent = 10;

QString key(const QString& group, const char* name) {
    return group + QLatin1Char('/') + QLatin1String(name);
}

} // namespace

LabSettings::LabSettings(const QString& topologyFile) {
    // Paths can hold characters QSettings keys must not: key the lab by a hash of its path.
    const QByteArray path = QFileInfo(topologyFile).absoluteFilePath().toUtf8();
    m_group = QStringLiteral("labs/") +
              QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

QStringList LabSettings::ticked() const {
    return QSettings().value(key(m_group, "ticked")).toStringList();
}

void LabSettings::setTicked(const QStringList& shareNames) {
    QSettings().setValue(key(m_group, "ticked"), shareNames);
}

QString LabSettings::relayUrl() const {
    return QSettings().value(key(m_group, "relay")).toString();
}

void LabSettings::setRelayUrl(const QString& url) {
    QSettings().setValue(key(m_group, "relay"), url);
}

bool LabSettings::autoPublish() const {
    return QSettings().value(key(m_group, "autoPublish"), false).toBool();
}

void LabSettings::setAutoPublish(bool on) {
    QSettings().setValue(key(m_group, "autoPublish"), on);
}

QHash<QString, QString> LabSettings::addressOverrides() const {
    QSettings s;
    s.beginGroup(key(m_group, "addresses"));
    QHash<QString, QString> out;
    for (const QString& node : s.childKeys())
        out.insert(node, s.value(node).toString());
    return out;
}

void LabSettings::setAddressOverride(const QString& node, const QString& host) {
    QSettings s;
    s.beginGroup(key(m_group, "addresses"));
    if (host.isEmpty())
        s.remove(node);
    else
        s.setValue(node, host);
}

QList<LocalTarget> LabSettings::allowedLocalTargets() const {
    QList<LocalTarget> out;
    for (const QString& pair : QSettings().value(key(m_group, "localTargets")).toStringList())
        out.append({pair.section(QLatin1Char(' '), 0, 0), pair.section(QLatin1Char(' '), 1), QString()});
    return out;
}

void LabSettings::allowLocalTargets(const QList<LocalTarget>& targets) {
    QSettings s;
    QStringList pairs = s.value(key(m_group, "localTargets")).toStringList();
    for (const LocalTarget& t : targets)
        if (const QString pair = t.node + QLatin1Char(' ') + t.host; !pairs.contains(pair))
            pairs << pair;
    s.setValue(key(m_group, "localTargets"), pairs);
}

qint64 LabSettings::classSeconds() const {
    return QSettings().value(key(m_group, "classSeconds"), 0).toLongLong();
}

void LabSettings::setClassSeconds(qint64 seconds) {
    QSettings().setValue(key(m_group, "classSeconds"), seconds);
}

QString LabSettings::loginUser(const QString& node) const {
    return QSettings().value(key(m_group, "users") + QLatin1Char('/') + node).toString();
}

void LabSettings::setLoginUser(const QString& node, const QString& user) {
    QSettings().setValue(key(m_group, "users") + QLatin1Char('/') + node, user);
}

QStringList LabSettings::recentFiles() {
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void LabSettings::addRecentFile(const QString& topologyFile) {
    QStringList files = recentFiles();
    const QString path = QFileInfo(topologyFile).absoluteFilePath();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
}

} // namespace labshare::share
