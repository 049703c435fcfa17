#pragma once
// A tap plan: what the driver presents, one tap per line of a TSV file:
//   reader_topic<TAB>uid<TAB>label[<TAB>expect]
// A reader_topic "pty:PATH" is a simulated serial scanner at PATH (a pseudo-terminal) and
// `uid` the text it scans (e.g. an e-ID QR code).
// `label` is what the output shows instead of the UID. `expect` (optional) is checked
// against the event: "allow" | "deny" | "deny:quota_exceeded" | "allow+antipassback"
// (decision, optional ":reason", any number of "+flag"). Empty lines and lines starting
// with '#' are skipped.
#include <string>
#include <vector>

#include "access_event_view.hpp"

namespace gw::dev::sim::tools {

struct Expectation {
    std::string decision;  // empty: nothing expected
    std::string reason;
    std::vector<std::string> flags;

    static Expectation parse(const std::string& text);  // throws std::invalid_argument
    bool empty() const { return decision.empty(); }
    std::string to_string() const;
    /// Empty when the event meets the expectation, else what differs.
    std::string mismatch(const AccessEventView& ev) const;
};

struct Tap {
    std::string topic;
    std::string uid;
    std::string label;
    Expectation expect;
};

/// Reads a plan file; throws std::runtime_error naming the file and line on bad input.
std::vector<Tap> load_tap_plan(const std::string& path);

}  // namespace gw::dev::sim::tools
