#include "zk_command_queue.hpp"

#include <charconv>
#include <set>

namespace gw::dev::face {

namespace {

/// Display names go to the terminal's screen; tabs and line breaks would break the line.
std::string clean_name(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '\t' && c != '\r' && c != '\n') out.push_back(c);
    return out.empty() ? "-" : out;
}

}  // namespace

bool ZkCommandQueue::queued_for(const std::string& pin) const {
    for (const auto& [id, c] : commands_)
        if (c.pin == pin) return true;
    return false;
}

void ZkCommandQueue::push(Command c) { commands_.emplace(next_id_++, std::move(c)); }

size_t ZkCommandQueue::plan(const std::vector<core::FaceEnrolment>& wanted) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, c] : commands_)
        if (c.sent && now - c.sent_at > resend_after_) c.sent = false;  // unanswered: again
    size_t queued = 0;
    std::set<std::string> pins;
    for (const auto& e : wanted) {
        if (!valid_pin(e.person.id)) continue;  // such ids cannot be PINs (docs)
        pins.insert(e.person.id);
        auto it = on_terminal_.find(e.person.id);
        if ((it != on_terminal_.end() && it->second == e.credential.id) || queued_for(e.person.id))
            continue;
        push({e.person.id, e.credential.id,
              "DATA UPDATE USERINFO PIN=" + e.person.id + "\tName=" + clean_name(e.person.display) +
                  "\tPri=0\tPasswd=\tCard=\tGrp=1",
              false, {}});
        ++queued;
    }
    for (const auto& [pin, cred] : on_terminal_) {
        if (pins.count(pin) || queued_for(pin)) continue;
        push({pin, "", "DATA DELETE USERINFO PIN=" + pin, false, {}});
        ++queued;
    }
    return queued;
}

std::string ZkCommandQueue::take(size_t max) {
    std::lock_guard lock(mutex_);
    std::string out;
    size_t n = 0;
    for (auto& [id, c] : commands_) {
        if (c.sent) continue;
        if (n++ == max) break;
        out += "C:" + std::to_string(id) + ":" + c.text + "\n";
        c.sent = true;
        c.sent_at = std::chrono::steady_clock::now();
    }
    return out;
}

size_t ZkCommandQueue::acknowledge(const std::vector<ZkCommandResult>& results) {
    std::lock_guard lock(mutex_);
    size_t matched = 0;
    for (const auto& r : results) {
        uint64_t id = 0;
        auto [end, ec] = std::from_chars(r.id.data(), r.id.data() + r.id.size(), id);
        if (ec != std::errc() || end != r.id.data() + r.id.size()) continue;
        auto it = commands_.find(id);
        if (it == commands_.end() || !it->second.sent) continue;
        ++matched;
        if (r.code == 0) {
            if (it->second.credential.empty()) on_terminal_.erase(it->second.pin);
            else on_terminal_[it->second.pin] = it->second.credential;
        } else {
            ++failed_;
        }
        commands_.erase(it);
    }
    return matched;
}

size_t ZkCommandQueue::pending() const {
    std::lock_guard lock(mutex_);
    return commands_.size();
}

size_t ZkCommandQueue::failed() const {
    std::lock_guard lock(mutex_);
    return failed_;
}

}  // namespace gw::dev::face
