// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <optional>
#include <string>

namespace labshare::topology {

// YAML aliases let a small file stand for a huge tree: an anchored map of 50,000 labels aliased by
// 500 nodes is 25 million values to read. yaml-cpp shares the aliased nodes, but everything that
// reads the tree visits each one again. This counts, in one pass over the parser's events, how
// many values the aliases add to the tree; the first alias that takes the total past `budget` is
// returned. Text yaml-cpp cannot parse passes: loading it reports the syntax error.
std::optional<YAML::Mark> aliasBeyondBudget(const std::string& yaml, std::size_t budget);

// What a lab may add through aliases: a thousand nodes sharing a hundred values each.
inline constexpr std::size_t kAliasValueBudget = 100'000;

} // namespace labshare::topology
