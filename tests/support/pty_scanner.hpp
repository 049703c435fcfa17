#pragma once
// PtyScanner: a serial QR scanner on a pseudo-terminal, for tests that drive the real
// serial_scanner driver (and so the real tty layer). The test writes what a scanner would
// send from the master side; the driver opens path() (the slave side, or `link`).
//
//   gw::test::PtyScanner scanner(dir / "scanner");   // a stable name, like /dev/serial/by-id
//   config: driver = "serial_scanner", path = scanner.path()
//   ... wait until the device is online (the driver flushes input that came before) ...
//   scanner.scan("CEID1:...");                       // the text + CR LF
//
// unplug() closes the pty (the driver reads EIO: offline) and removes the link; replug()
// makes a new pty and points the link at it (the driver reopens: online).
// Throws std::runtime_error when no pty can be had. Not thread-safe.
#include <filesystem>
#include <string>
#include <string_view>

namespace gw::test {

class PtyScanner {
public:
    explicit PtyScanner(std::filesystem::path link = {});
    ~PtyScanner();
    PtyScanner(const PtyScanner&) = delete;
    PtyScanner& operator=(const PtyScanner&) = delete;

    /// The name to configure: the link when there is one, else the slave, e.g. /dev/pts/4.
    const std::string& path() const { return link_.empty() ? pty_path_ : link_str_; }
    /// Sends `text` followed by `suffix` (a scanner's CR LF, CR, LF or nothing).
    void scan(std::string_view text, std::string_view suffix = "\r\n");
    /// Sends raw bytes (split lines, noise). Throws when the pty is unplugged.
    void write(std::string_view bytes);
    void unplug();
    void replug();
    bool plugged() const { return master_ >= 0; }

private:
    void open_pty();

    std::filesystem::path link_;
    std::string link_str_;
    std::string pty_path_;
    int master_ = -1;
    int slave_ = -1;  // held so the line settings stay raw until the driver opens it
};

}  // namespace gw::test
