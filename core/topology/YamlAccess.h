// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string_view>

namespace labshare::topology {

// The value under `key` when `map` is a map that has it. yaml-cpp's const operator[] returns an
// invalid node for a missing key, and asking an invalid node its type throws; this never does.
inline std::optional<YAML::Node> child(const YAML::Node& map, std::string_view key) {
    if (!map.IsDefined() || !map.IsMap())
        return std::nullopt;
    for (const auto& kv : map)
        if (kv.first.IsScalar() && kv.first.Scalar() == key)
            return kv.second;
    return std::nullopt;
}

} // namespace labshare::topology
