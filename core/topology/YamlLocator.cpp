// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/YamlLocator.h"

#include <algorithm>

namespace labshare::topology {

YamlLocator::YamlLocator(QString file, const std::string& original, const EnvExpansion& expansion)
    : m_file(std::move(file))
    , m_original(original)
    , m_expansion(expansion) {
    m_lineStarts.push_back(0);
    std::size_t characters = 0;
    for (std::size_t i = 0; i < original.size(); ++i) {
        if (i % kBlock == 0)
            m_charactersBefore.push_back(characters);
        if (original[i] == '\n')
            m_lineStarts.push_back(i + 1);
        if (isCharacterStart(original[i]))
            ++characters;
    }
    m_characters = characters;
}

bool YamlLocator::isCharacterStart(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; // not a UTF-8 continuation byte
}

// How many characters the first `offset` bytes hold: a sum kept every kBlock bytes, then a count.
std::size_t YamlLocator::charactersBefore(std::size_t offset) const {
    if (offset >= m_original.size())
        return m_characters;
    const std::size_t block = offset / kBlock;
    const std::size_t from = block * kBlock;
    return m_charactersBefore[block] + static_cast<std::size_t>(std::count_if(
                                           m_original.begin() + static_cast<std::ptrdiff_t>(from),
                                           m_original.begin() + static_cast<std::ptrdiff_t>(offset), isCharacterStart));
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
    // A line may be the whole file (flow style): columns never count from the line's start.
    const std::size_t column = charactersBefore(offset) - charactersBefore(m_lineStarts[lineIndex]) + 1;
    return {m_file, static_cast<int>(lineIndex) + 1, static_cast<int>(column)};
}

} // namespace labshare::topology
