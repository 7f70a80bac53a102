// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectCommand.h"
#include "Console.h"
#include "InspectReport.h"
#include "common/TerminalText.h"
#include "topology/TopologyLoader.h"

#include <QJsonDocument>

#include <cstdio>

namespace labshare::app {

int runInspect(const QString& file, bool json) {
    const Result<topology::Topology> loaded = topology::TopologyLoader::load(file);
    if (!loaded) {
        printProblem(loaded.error().message);
        return 1;
    }
    // Node names, labels and problems come from the file: nothing in them reaches the terminal unescaped.
    const QString text = json ? escapeJsonForTerminal(QString::fromUtf8(
                                    QJsonDocument(inspectJson(*loaded)).toJson(QJsonDocument::Indented)))
                              : escapeForTerminal(inspectTable(*loaded), LineBreaks::Keep);
    const QByteArray out = text.toUtf8();
    std::fwrite(out.constData(), 1, static_cast<std::size_t>(out.size()), stdout);
    return loaded->hasErrors() ? 2 : 0;
}

} // namespace labshare::app
