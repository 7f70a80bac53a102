// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/YamlAliasBudget.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>
#include <vector>

namespace labshare::topology {

namespace {

struct BudgetSpent {
    YAML::Mark at;
};

// An alias adds as many values as the tree of its anchor holds once expanded. Sizes stay small:
// every alias inside an anchored tree was counted against the budget already.
class AliasCounter : public YAML::EventHandler {
public:
    explicit AliasCounter(std::size_t budget)
        : m_budget(budget) {}

    void OnDocumentStart(const YAML::Mark&) override {
        m_open.push_back({0, 0});
        m_sizes.clear(); // anchors are numbered per document
    }
    void OnDocumentEnd() override { m_open.clear(); }
    void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
        leaf(anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const std::size_t size = m_sizes.count(anchor) ? m_sizes[anchor] : 1;
        m_spent += size;
        if (m_spent > m_budget)
            throw BudgetSpent{mark};
        m_open.back().size += size;
    }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        m_open.push_back({anchor, 1});
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        m_open.push_back({anchor, 1});
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        YAML::anchor_t anchor;
        std::size_t size;
    };

    void leaf(YAML::anchor_t anchor) {
        if (anchor)
            m_sizes[anchor] = 1;
        m_open.back().size += 1;
    }

    void close() {
        const Open done = m_open.back();
        m_open.pop_back();
        if (done.anchor)
            m_sizes[done.anchor] = done.size;
        m_open.back().size += done.size;
    }

    std::size_t m_budget;
    std::size_t m_spent = 0;
    std::vector<Open> m_open;
    std::unordered_map<YAML::anchor_t, std::size_t> m_sizes;
};

} // namespace

std::optional<YAML::Mark> aliasBeyondBudget(const std::string& yaml, std::size_t budget) {
    if (yaml.find('&') == std::string::npos)
        return std::nullopt; // no anchor, nothing to alias: spare the second parse
    std::istringstream in(yaml);
    AliasCounter counter(budget);
    try {
        // The first document only: it is the one YAML::Load reads. yaml-cpp 0.7's parser can also report
        // another document without moving on (a fuzzed 2.5 KB file looped here for good).
        YAML::Parser parser(in);
        parser.HandleNextDocument(counter);
    } catch (const BudgetSpent& spent) {
        return spent.at;
    } catch (const YAML::Exception&) {
    }
    return std::nullopt;
}

} // namespace labshare::topology
