// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labshare::topology {

// containerlab's environment expansion, applied to the file text before YAML parsing
// (hellt/envsubst with noDigit and noReplace): `$VAR`, `${VAR}`, `${VAR:=default}`, `${VAR:-default}`,
// `${VAR=default}`, `${VAR-default}`, `${VAR:+other}`, `${VAR+other}` and `$$` for a literal `$`.
// A variable that is unset or empty and has no default stays exactly as written.
//
// The file may be hostile: the work is linear in its size, defaults nest at most kMaxNesting deep
// and the text grows to at most kMaxExpandedSize. Past either limit the expansion stops, copies the
// rest as written and says where (refusal()).
//
// The expansion remembers where each output byte came from, so a YAML error position in the
// expanded text can be reported at the right line and column of the file the user wrote.
class EnvExpansion {
public:
    using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

    static constexpr std::size_t kMaxNesting = 32;
    static constexpr std::size_t kMaxExpandedSize = std::size_t{64} << 20;

    struct Refusal {
        enum class Kind { TooDeep, TooLarge };
        Kind kind;
        std::size_t inputOffset; // where in the input the limit was reached
    };

    static EnvExpansion expand(std::string_view input, const Lookup& lookup);

    const std::string& text() const { return m_text; }
    bool changed() const { return m_changed; }
    const std::optional<Refusal>& refusal() const { return m_refusal; }

    // The byte offset in the input that produced the byte at `expandedOffset` of text().
    std::size_t inputOffset(std::size_t expandedOffset) const;

private:
    struct Segment {
        std::size_t outStart;
        std::size_t inStart;
        bool verbatim; // a copied run (offsets advance together) or one expansion (all map to inStart)
    };

    class Braces;
    struct Frame;

    void expandAt(std::vector<Frame>& frames, std::string_view input, const Braces& braces, const Lookup& lookup);
    void emitVerbatim(std::vector<Frame>& frames, std::string_view input, std::size_t from, std::size_t to);
    void emitExpansion(std::vector<Frame>& frames, std::size_t inStart, std::string_view value);
    void append(std::string& to, std::string_view text, std::size_t inputOffset);

    std::string m_text;
    std::vector<Segment> m_segments;
    bool m_changed = false;
    std::optional<Refusal> m_refusal;
};

} // namespace labshare::topology
