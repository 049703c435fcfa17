#pragma once
// A simulated serial scanner: a pseudo-terminal whose slave side is reachable at a fixed
// path (a symlink), so a gateway configured with `serial_scanner` path = that link reads
// what write_line() sends, through the real tty layer. The link is removed on destruction.
#include <chrono>
#include <string>

namespace gw::dev::sim::tools {

class PtyPort {
public:
    /// Opens the master, puts the line in raw mode and links `link` to the slave.
    /// Throws std::runtime_error when it cannot.
    explicit PtyPort(std::string link);
    ~PtyPort();
    PtyPort(const PtyPort&) = delete;
    PtyPort& operator=(const PtyPort&) = delete;

    /// True once some process holds the slave open (the gateway's scanner driver).
    bool wait_opened(std::chrono::milliseconds timeout) const;
    /// Writes `text` followed by CR LF, as scanners in serial mode do.
    void write_line(const std::string& text) const;
    const std::string& link() const { return link_; }

private:
    std::string link_;
    int master_ = -1;
};

}  // namespace gw::dev::sim::tools
