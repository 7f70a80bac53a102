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
// The expansion remembers where each output byte came from, so a YAML error position in the
// expanded text can be reported at the right line and column of the file the user wrote.
class EnvExpansion {
public:
    using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

    static EnvExpansion expand(std::string_view input, const Lookup& lookup);

    const std::string& text() const { return m_text; }
    bool changed() const { return m_changed; }

    // The byte offset in the input that produced the byte at `expandedOffset` of text().
    std::size_t inputOffset(std::size_t expandedOffset) const;

private:
    struct Segment {
        std::size_t outStart;
        std::size_t inStart;
        bool verbatim; // a copied run (offsets advance together) or one expansion (all map to inStart)
    };

    void appendVerbatim(std::string_view input, std::size_t from, std::size_t to);
    void appendExpansion(std::size_t inStart, const std::string& value);
    std::size_t expandAt(std::string_view input, std::size_t pos, const Lookup& lookup);

    std::string m_text;
    std::vector<Segment> m_segments;
    bool m_changed = false;
};

} // namespace labshare::topology
