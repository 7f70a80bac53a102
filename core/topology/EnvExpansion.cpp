// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/EnvExpansion.h"

#include <algorithm>

namespace labshare::topology {

namespace {

bool isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
}

// Length of the variable name at `pos`, 0 when there is none. A lone "_" is not a name.
std::size_t nameLength(std::string_view s, std::size_t pos) {
    if (pos >= s.size() || !isNameStart(s[pos]))
        return 0;
    std::size_t end = pos + 1;
    while (end < s.size() && isNameChar(s[end]))
        ++end;
    const std::string_view name = s.substr(pos, end - pos);
    if (std::all_of(name.begin(), name.end(), [](char c) { return c == '_'; }))
        return 0;
    return end - pos;
}

// Position of the brace closing the `${` whose body starts at `pos`, honouring nested `${...}`.
std::size_t closingBrace(std::string_view s, std::size_t pos) {
    int depth = 1;
    for (std::size_t i = pos; i < s.size(); ++i) {
        if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
            ++depth;
            ++i;
        } else if (s[i] == '}' && --depth == 0) {
            return i;
        }
    }
    return std::string_view::npos;
}

} // namespace

EnvExpansion EnvExpansion::expand(std::string_view input, const Lookup& lookup) {
    EnvExpansion out;
    out.m_text.reserve(input.size());
    std::size_t copied = 0;
    std::size_t pos = input.find('$');
    while (pos != std::string_view::npos) {
        out.appendVerbatim(input, copied, pos);
        const std::size_t end = out.expandAt(input, pos, lookup);
        copied = end;
        pos = input.find('$', end);
    }
    out.appendVerbatim(input, copied, input.size());
    return out;
}

// Expands the `$` construct at `pos`; returns the input position after it.
std::size_t EnvExpansion::expandAt(std::string_view input, std::size_t pos, const Lookup& lookup) {
    const auto literalDollar = [&] {
        appendVerbatim(input, pos, pos + 1);
        return pos + 1;
    };
    if (pos + 1 >= input.size())
        return literalDollar();
    const char next = input[pos + 1];
    if (next == '$') { // "$$" is an escaped "$"
        appendExpansion(pos, "$");
        return pos + 2;
    }
    if (next != '{') {
        const std::size_t len = nameLength(input, pos + 1);
        if (len == 0)
            return literalDollar();
        const std::size_t end = pos + 1 + len;
        const auto value = lookup(std::string(input.substr(pos + 1, len)));
        if (!value || value->empty())
            appendVerbatim(input, pos, end);
        else
            appendExpansion(pos, *value);
        return end;
    }

    const std::size_t bodyStart = pos + 2;
    const std::size_t close = closingBrace(input, bodyStart);
    const std::size_t len = nameLength(input, bodyStart);
    if (close == std::string_view::npos || len == 0)
        return literalDollar();
    const std::string name(input.substr(bodyStart, len));
    std::string_view rest = input.substr(bodyStart + len, close - bodyStart - len);
    const std::size_t end = close + 1;

    const auto value = lookup(name);
    const bool set = value.has_value();
    const bool nonEmpty = set && !value->empty();
    const auto expandWord = [&](std::string_view word) {
        return EnvExpansion::expand(word, lookup).text();
    };

    if (rest.empty()) {
        if (nonEmpty)
            appendExpansion(pos, *value);
        else
            appendVerbatim(input, pos, end);
        return end;
    }
    std::string_view op = rest.substr(0, rest[0] == ':' && rest.size() > 1 ? 2 : 1);
    const std::string_view word = rest.substr(op.size());
    if (op == ":=" || op == ":-")
        appendExpansion(pos, nonEmpty ? *value : expandWord(word));
    else if (op == "=" || op == "-")
        appendExpansion(pos, set ? *value : expandWord(word));
    else if (op == ":+" || op == "+")
        appendExpansion(pos, set ? expandWord(word) : std::string());
    else // not an expansion containerlab knows, e.g. "${A B}": leave it
        appendVerbatim(input, pos, end);
    return end;
}

void EnvExpansion::appendVerbatim(std::string_view input, std::size_t from, std::size_t to) {
    if (to <= from)
        return;
    if (m_segments.empty() || !m_segments.back().verbatim ||
        m_segments.back().inStart + (m_text.size() - m_segments.back().outStart) != from)
        m_segments.push_back({m_text.size(), from, true});
    m_text.append(input.substr(from, to - from));
}

void EnvExpansion::appendExpansion(std::size_t inStart, const std::string& value) {
    m_changed = true;
    m_segments.push_back({m_text.size(), inStart, false});
    m_text.append(value);
}

std::size_t EnvExpansion::inputOffset(std::size_t expandedOffset) const {
    if (m_segments.empty())
        return expandedOffset;
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), expandedOffset,
                               [](std::size_t offset, const Segment& s) { return offset < s.outStart; });
    if (it == m_segments.begin())
        return expandedOffset;
    const Segment& s = *std::prev(it);
    return s.verbatim ? s.inStart + (expandedOffset - s.outStart) : s.inStart;
}

} // namespace labshare::topology
