// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/YamlLocator.h"

#include <algorithm>

namespace labshare::topology {

YamlLocator::YamlLocator(QString file, const std::string& original, const EnvExpansion& expansion)
    : m_file(std::move(file))
    , m_original(original)
    , m_expansion(expansion) {
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < original.size(); ++i)
        if (original[i] == '\n')
            m_lineStarts.push_back(i + 1);
}

SourceLocation YamlLocator::at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0)
        return {m_file, 0, 0};
    return atOriginalOffset(m_expansion.inputOffset(static_cast<std::size_t>(mark.pos)));
}

SourceLocation YamlLocator::atOriginalOffset(std::size_t offset) const {
    offset = std::min(offset, m_original.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const std::size_t lineIndex = static_cast<std::size_t>(std::distance(m_lineStarts.begin(), next)) - 1;
    int column = 1;
    for (std::size_t i = m_lineStarts[lineIndex]; i < offset; ++i)
        if ((static_cast<unsigned char>(m_original[i]) & 0xC0) != 0x80) // count UTF-8 lead bytes only
            ++column;
    return {m_file, static_cast<int>(lineIndex) + 1, column};
}

} // namespace labshare::topology
