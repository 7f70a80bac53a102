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

} // namespace

// For every `${` in the input, the position of the brace that closes it (nested `${…}` honoured),
// found in one pass: a later lookup is a binary search, never a rescan.
class EnvExpansion::Braces {
public:
    explicit Braces(std::string_view s) {
        std::vector<std::size_t> open; // indexes into m_pairs
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
                open.push_back(m_pairs.size());
                m_pairs.push_back({i, std::string_view::npos});
                ++i;
            } else if (s[i] == '}' && !open.empty()) {
                m_pairs[open.back()].close = i;
                open.pop_back();
            }
        }
    }

    // The closing brace of the `${` at `dollar`, npos when it is never closed.
    std::size_t closing(std::size_t dollar) const {
        const auto it = std::lower_bound(m_pairs.begin(), m_pairs.end(), dollar,
                                         [](const Pair& p, std::size_t at) { return p.open < at; });
        return it != m_pairs.end() && it->open == dollar ? it->close : std::string_view::npos;
    }

private:
    struct Pair {
        std::size_t open;
        std::size_t close;
    };
    std::vector<Pair> m_pairs; // in order of their `${`
};

// One stretch of input being expanded: the whole input, or the default word of a `${…}` whose
// expansion goes into text until the word is done.
struct EnvExpansion::Frame {
    std::size_t cursor;
    std::size_t end;
    std::size_t constructStart = 0; // the `${` this word belongs to
    std::size_t constructEnd = 0;   // just past its closing brace
    std::string text;
};

EnvExpansion EnvExpansion::expand(std::string_view input, const Lookup& lookup) {
    EnvExpansion out;
    out.m_text.reserve(input.size());
    const Braces braces(input);
    std::vector<Frame> frames{{0, input.size(), 0, 0, {}}};
    while (!frames.empty()) {
        Frame& frame = frames.back();
        const std::size_t dollar = std::min(input.find('$', frame.cursor), frame.end);
        out.emitVerbatim(frames, input, frame.cursor, dollar);
        if (dollar < frame.end && !out.m_refusal) {
            frame.cursor = dollar;
            out.expandAt(frames, input, braces, lookup);
            continue;
        }
        if (dollar < frame.end) { // refused: the rest is copied as written
            out.emitVerbatim(frames, input, dollar, frame.end);
        }
        Frame done = std::move(frames.back());
        frames.pop_back();
        if (frames.empty())
            break;
        out.emitExpansion(frames, done.constructStart, done.text);
        frames.back().cursor = done.constructEnd;
    }
    return out;
}

// Expands the `$` construct at the innermost frame's cursor and moves the cursor past it, or
// opens a frame for a default word that has to be expanded first.
void EnvExpansion::expandAt(std::vector<Frame>& frames, std::string_view input, const Braces& braces,
                            const Lookup& lookup) {
    Frame& frame = frames.back();
    const std::size_t pos = frame.cursor;
    const auto verbatimTo = [&](std::size_t end) {
        emitVerbatim(frames, input, pos, end);
        frames.back().cursor = end;
    };
    const auto expansionTo = [&](std::size_t end, const std::string& value) {
        emitExpansion(frames, pos, value);
        frames.back().cursor = end;
    };
    if (pos + 1 >= frame.end)
        return verbatimTo(pos + 1);
    const char next = input[pos + 1];
    if (next == '$') // "$$" is an escaped "$"
        return expansionTo(pos + 2, "$");
    if (next != '{') {
        const std::size_t len = std::min(nameLength(input, pos + 1), frame.end - pos - 1);
        if (len == 0)
            return verbatimTo(pos + 1);
        const std::size_t end = pos + 1 + len;
        const auto value = lookup(std::string(input.substr(pos + 1, len)));
        if (!value || value->empty())
            return verbatimTo(end);
        return expansionTo(end, *value);
    }

    const std::size_t bodyStart = pos + 2;
    const std::size_t close = braces.closing(pos);
    const std::size_t len = nameLength(input, bodyStart);
    if (close == std::string_view::npos || close >= frame.end || len == 0)
        return verbatimTo(pos + 1);
    const std::string name(input.substr(bodyStart, len));
    const std::string_view rest = input.substr(bodyStart + len, close - bodyStart - len);
    const std::size_t end = close + 1;

    const auto value = lookup(name);
    const bool set = value.has_value();
    const bool nonEmpty = set && !value->empty();
    if (rest.empty())
        return nonEmpty ? expansionTo(end, *value) : verbatimTo(end);
    const std::size_t opLength = rest[0] == ':' && rest.size() > 1 ? 2 : 1;
    const std::string_view op = rest.substr(0, opLength);
    const std::size_t wordStart = bodyStart + len + opLength;
    const auto word = [&]() {
        if (frames.size() > kMaxNesting) {
            m_refusal = Refusal{Refusal::Kind::TooDeep, pos};
            return verbatimTo(end);
        }
        frames.push_back({wordStart, close, pos, end, {}});
    };
    if (op == ":=" || op == ":-")
        return nonEmpty ? expansionTo(end, *value) : word();
    if (op == "=" || op == "-")
        return set ? expansionTo(end, *value) : word();
    if (op == ":+" || op == "+")
        return set ? word() : expansionTo(end, std::string());
    return verbatimTo(end); // not an expansion containerlab knows, e.g. "${A B}": leave it
}

void EnvExpansion::emitVerbatim(std::vector<Frame>& frames, std::string_view input, std::size_t from, std::size_t to) {
    if (to <= from)
        return;
    if (frames.size() > 1)
        return append(frames.back().text, input.substr(from, to - from), from);
    if (m_segments.empty() || !m_segments.back().verbatim ||
        m_segments.back().inStart + (m_text.size() - m_segments.back().outStart) != from)
        m_segments.push_back({m_text.size(), from, true});
    append(m_text, input.substr(from, to - from), from);
}

void EnvExpansion::emitExpansion(std::vector<Frame>& frames, std::size_t inStart, std::string_view value) {
    if (frames.size() > 1)
        return append(frames.back().text, value, inStart);
    m_changed = true;
    m_segments.push_back({m_text.size(), inStart, false});
    append(m_text, value, inStart);
}

// Appends to the text or to a word under expansion, until the text would pass kMaxExpandedSize.
void EnvExpansion::append(std::string& to, std::string_view text, std::size_t inputOffset) {
    if (m_refusal && m_refusal->kind == Refusal::Kind::TooLarge)
        return;
    const std::size_t pending = &to == &m_text ? 0 : to.size();
    if (m_text.size() + pending + text.size() > kMaxExpandedSize) {
        m_refusal = Refusal{Refusal::Kind::TooLarge, inputOffset};
        return;
    }
    to.append(text);
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
