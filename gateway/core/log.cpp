#include "log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace gw::core {

std::atomic<int> Log::level_{static_cast<int>(LogLevel::Info)};

namespace {

std::mutex g_capture_mu;
std::string* g_capture = nullptr;

const char* level_name(LogLevel l) {
    switch (l) {
    case LogLevel::Err: return "ERROR";
    case LogLevel::Warning: return "WARN ";
    case LogLevel::Notice: return "NOTE ";
    case LogLevel::Info: return "INFO ";
    case LogLevel::Debug: return "DEBUG";
    }
    return "?";
}

bool under_journal() {
    static const bool j = std::getenv("JOURNAL_STREAM") != nullptr;
    return j;
}

std::string prefix(LogLevel l) {
    if (under_journal()) return "<" + std::to_string(static_cast<int>(l)) + ">";
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d %s ", tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms), level_name(l));
    return buf;
}

}  // namespace

bool Log::parse_level(std::string_view s, LogLevel& out) {
    static constexpr std::pair<std::string_view, LogLevel> kLevels[] = {
        {"err", LogLevel::Err},       {"error", LogLevel::Err},  {"warning", LogLevel::Warning},
        {"notice", LogLevel::Notice}, {"info", LogLevel::Info},  {"debug", LogLevel::Debug}};
    for (const auto& [name, l] : kLevels)
        if (name == s) {
            out = l;
            return true;
        }
    return false;
}

void Log::set_capture(std::string* sink) {
    std::lock_guard lk(g_capture_mu);
    g_capture = sink;
}

void Log::write(LogLevel l, std::string_view channel, std::string_view text) {
    std::string line = prefix(l);
    line.append(channel).append(": ").append(text).push_back('\n');
    {
        std::lock_guard lk(g_capture_mu);
        if (g_capture) g_capture->append(line);
    }
    ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
    (void)n;
}

LogLine& LogLine::kv(std::string_view k, std::string_view v) {
    s_.push_back(' ');
    s_.append(k).push_back('=');
    const bool quote = v.empty() || v.find(' ') != std::string_view::npos;
    if (quote) s_.push_back('"');
    s_.append(v);
    if (quote) s_.push_back('"');
    return *this;
}

LogLine& LogLine::kv(std::string_view k, long long v) { return kv(k, std::to_string(v)); }

}  // namespace gw::core
