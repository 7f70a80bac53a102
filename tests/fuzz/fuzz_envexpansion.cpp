// SPDX-License-Identifier: GPL-3.0-or-later
// containerlab's ${VAR} expansion (topology/EnvExpansion) over a whole topology file's text, with a few
// variables set (one whose value looks like an expansion itself, one empty). Every byte of the result
// maps back into the input.
#include "FuzzSupport.h"

#include "topology/EnvExpansion.h"

#include <string>

using namespace labshare::topology;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto lookup = [](const std::string& name) -> std::optional<std::string> {
        if (name == "LAB")
            return std::string("lab1");
        if (name == "NESTED")
            return std::string("${LAB}-$$-${UNSET:-x}");
        if (name == "EMPTY")
            return std::string();
        return std::nullopt;
    };
    const EnvExpansion expansion = EnvExpansion::expand(input, lookup);
    if (!expansion.changed())
        FUZZ_CHECK(expansion.text() == input);
    for (std::size_t offset = 0; offset < expansion.text().size(); ++offset)
        FUZZ_CHECK(expansion.inputOffset(offset) < size);
    return 0;
}
