#pragma once
// WakeFd: an eventfd another thread writes to wake a poll() loop. Many notify() calls
// before the loop looks collapse into one wake-up.
namespace gw::adp::mqtt {

class WakeFd {
public:
    WakeFd();  // a failed eventfd() leaves fd() == -1: callers then poll with a timeout only
    ~WakeFd();
    WakeFd(const WakeFd&) = delete;
    WakeFd& operator=(const WakeFd&) = delete;

    int fd() const { return fd_; }
    void notify();
    /// Resets the counter after poll() reported the fd readable.
    void clear();

private:
    int fd_ = -1;
};

}  // namespace gw::adp::mqtt
