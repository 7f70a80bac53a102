// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/EnvExpansion.h"
#include "topology/SourceLocation.h"

#include <yaml-cpp/mark.h>

#include <QString>

#include <string>
#include <vector>

namespace labshare::topology {

// Turns yaml-cpp positions, which count bytes of the env-expanded text, into line and column of
// the file the user wrote (columns count characters, not bytes).
class YamlLocator {
public:
    YamlLocator(QString file, const std::string& original, const EnvExpansion& expansion);

    SourceLocation at(const YAML::Mark& mark) const;
    SourceLocation atOriginalOffset(std::size_t offset) const;
    const QString& file() const { return m_file; }

private:
    static constexpr std::size_t kBlock = 1024;
    static bool isCharacterStart(char byte);
    std::size_t charactersBefore(std::size_t offset) const;

    QString m_file;
    const std::string& m_original;
    const EnvExpansion& m_expansion;
    std::vector<std::size_t> m_lineStarts;
    std::vector<std::size_t> m_charactersBefore; // characters before each kBlock-th byte
    std::size_t m_characters = 0;
};

} // namespace labshare::topology
