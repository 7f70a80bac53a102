// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/LocalTarget.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace labshare::share {

// What LabShare remembers about one lab between runs (QSettings, keyed by the topology's absolute
// path): the ticked shares, the relay, how long a class runs, and what the user typed (node addresses, login
// users).
// Never a secret.
class LabSettings {
public:
    explicit LabSettings(const QString& topologyFile);

    QStringList ticked() const;
    void setTicked(const QStringList& shareNames);
    QString relayUrl() const; // "" = the default (LAN)
    void setRelayUrl(const QString& url);
    bool autoPublish() const; // publish the ticked shares as soon as the lab opens
    void setAutoPublish(bool on);
    QHash<QString, QString> addressOverrides() const;
    void setAddressOverride(const QString& node, const QString& host);
    // Lab targets on this computer the user agreed to publish (node and address; `why` is not kept).
    QList<LocalTarget> allowedLocalTargets() const;
    void allowLocalTargets(const QList<LocalTarget>& targets);
    // How long the last "Share until…" for the whole lab ran, in seconds (0: never set): offered again for the next
    // class as a duration, never as yesterday's clock time.
    qint64 classSeconds() const;
    void setClassSeconds(qint64 seconds);
    QString loginUser(const QString& node) const;
    void setLoginUser(const QString& node, const QString& user);

    static QStringList recentFiles();
    static void addRecentFile(const QString& topologyFile);

private:
    QString m_group;
};

} // namespace labshare::share
