#pragma once
// The logging facade: one channel per component ("adp.mqtt", "dev.esp-1"), syslog levels.
// Under systemd ($JOURNAL_STREAM set) lines are "<N>channel: text" on stderr so journald
// keeps the priority; in a terminal they carry a timestamp and the level name.
// Privacy: never pass keys, tokens, raw UIDs, QR text, names or ID numbers; pass tags.
// Thread-safe: one line is written with one write(2).
#include <atomic>
#include <string>
#include <string_view>

namespace gw::core {

enum class LogLevel { Err = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

class Log {
public:
    static void set_level(LogLevel l) { level_.store(static_cast<int>(l)); }
    static bool parse_level(std::string_view s, LogLevel& out);
    static bool enabled(LogLevel l) { return static_cast<int>(l) <= level_.load(); }
    /// Appends a line to stderr; `text` is "event phrase key=value ...".
    static void write(LogLevel l, std::string_view channel, std::string_view text);
    /// Captures lines in memory too (tests assert on what an admin would read).
    static void set_capture(std::string* sink);

private:
    static std::atomic<int> level_;
};

/// Builds "phrase k=v k=v" without iostreams. Values with spaces are quoted.
class LogLine {
public:
    explicit LogLine(std::string_view phrase) : s_(phrase) {}
    LogLine& kv(std::string_view k, std::string_view v);
    LogLine& kv(std::string_view k, long long v);
    const std::string& str() const { return s_; }

private:
    std::string s_;
};

}  // namespace gw::core

#define GW_LOG(level, channel, line)                                                    \
    do {                                                                                \
        if (::gw::core::Log::enabled(::gw::core::LogLevel::level))                      \
            ::gw::core::Log::write(::gw::core::LogLevel::level, channel, (line).str()); \
    } while (0)
