// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/ContainerlabInspect.h"
#include "common/Logging.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>

namespace labshare::topology {

std::optional<QByteArray> runContainerlabInspect(const QString& topologyFile, const QProcessEnvironment& environment,
                                                 int timeoutMs) {
    const QStringList path = environment.value(QStringLiteral("PATH")).split(QDir::listSeparator(), Qt::SkipEmptyParts);
    const QString program = QStandardPaths::findExecutable(QStringLiteral("containerlab"), path);
    if (program.isEmpty())
        return std::nullopt;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, {QStringLiteral("inspect"), QStringLiteral("-t"), topologyFile, QStringLiteral("--format"),
                            QStringLiteral("json")});
    if (!process.waitForFinished(timeoutMs)) {
        qCWarning(lcTopology) << "containerlab inspect did not finish:" << process.errorString();
        process.kill();
        process.waitForFinished(1000);
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qCInfo(lcTopology) << "containerlab inspect exited with" << process.exitCode()
                           << process.readAllStandardError().left(200);
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

} // namespace labshare::topology
