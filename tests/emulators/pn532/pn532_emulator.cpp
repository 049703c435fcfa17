#include "pn532_emulator.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <stdexcept>

namespace gw::test::pn532 {

namespace {
constexpr uint8_t kHostTfi = 0xd4;
constexpr uint8_t kChipTfi = 0xd5;
}  // namespace

Card Card::desfire_ev1(Bytes uid, std::optional<DesfireApp> app) {
    Card c;
    c.uid = std::move(uid);
    c.desfire = std::make_shared<DesfireCard>(std::move(app));
    return c;
}

Card Card::uid_only(Bytes uid) {
    Card c;
    c.uid = std::move(uid);
    c.atqa[0] = 0x00;
    c.atqa[1] = 0x04;
    c.sak = 0x08;
    c.ats.clear();
    return c;
}

Pn532Emulator::Pn532Emulator(std::filesystem::path link)
    : link_(std::move(link)), link_str_(link_.string()) {
    registers_[0x02] = 0x80;  // TxMode
    registers_[0x03] = 0x80;  // RxMode
    open_pty();
}

Pn532Emulator::~Pn532Emulator() {
    unplug();
}

void Pn532Emulator::open_pty() {
    if (openpty(&master_, &slave_, nullptr, nullptr, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    termios t{};
    tcgetattr(slave_, &t);
    cfmakeraw(&t);
    tcsetattr(slave_, TCSANOW, &t);
    pty_path_ = ttyname(slave_);
    if (!link_.empty()) {
        std::error_code ec;
        std::filesystem::remove(link_, ec);
        std::filesystem::create_symlink(pty_path_, link_);
    }
    parser_ = FrameParser{};
    stop_ = false;
    thread_ = std::thread([this] { serve(); });
}

void Pn532Emulator::unplug() {
    if (master_ < 0) return;
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    close(master_);
    close(slave_);
    master_ = slave_ = -1;
    if (!link_.empty()) {
        std::error_code ec;
        std::filesystem::remove(link_, ec);
    }
}

void Pn532Emulator::replug() {
    if (master_ >= 0) return;
    {
        std::lock_guard lk(mu_);
        reset_card_locked();
    }
    open_pty();
}

bool Pn532Emulator::has_card() const {
    std::lock_guard lk(mu_);
    return card_.has_value();
}

void Pn532Emulator::place_card(const Card& c) {
    std::lock_guard lk(mu_);
    card_ = c;
    reset_card_locked();
}

void Pn532Emulator::remove_card() {
    std::lock_guard lk(mu_);
    reset_card_locked();
    card_.reset();
}

void Pn532Emulator::reset_card_locked() {
    selected_ = false;
    if (card_ && card_->desfire) card_->desfire->reset();
}

std::vector<uint8_t> Pn532Emulator::commands() const {
    std::lock_guard lk(mu_);
    return commands_;
}

void Pn532Emulator::serve() {
    uint8_t buf[512];
    while (!stop_) {
        pollfd pfd{master_, POLLIN, 0};
        if (poll(&pfd, 1, 50) <= 0) continue;
        const ssize_t n = read(master_, buf, sizeof buf);
        if (n <= 0) continue;
        if (fault_ == Fault::Silent) continue;  // a chip that no longer answers
        parser_.feed(buf, static_cast<size_t>(n));
        while (auto f = parser_.next()) {
            if (fault_ == Fault::Garbage)
                send({0xa5, 0x5a, 0x13, 0x37, 0xff, 0x00, 0x42, 0x99});  // not a frame, no ACK
            else if (fault_ == Fault::Stall)
                record_and_ack(*f);
            else
                handle(*f);
        }
    }
}

void Pn532Emulator::send(const Bytes& b) {
    size_t off = 0;
    while (off < b.size()) {
        const ssize_t n = write(master_, b.data() + off, b.size() - off);
        if (n <= 0) return;
        off += static_cast<size_t>(n);
    }
}

void Pn532Emulator::record_and_ack(const Frame& f) {
    if (f.kind != Frame::Kind::Information || f.tfi != kHostTfi || f.data.empty()) return;
    {
        std::lock_guard lk(mu_);
        commands_.push_back(f.data[0]);
    }
    send(ack_frame());
}

void Pn532Emulator::handle(const Frame& f) {
    if (f.kind != Frame::Kind::Information) return;  // host ACK aborts: nothing pending here
    if (f.tfi != kHostTfi || f.data.empty()) {
        send(error_frame());
        return;
    }
    record_and_ack(f);
    Bytes reply = respond(f.data);
    if (reply.empty()) {
        send(error_frame());
        return;
    }
    send(build_frame(kChipTfi, reply));
}

Bytes Pn532Emulator::respond(const Bytes& cmd) {
    const uint8_t code = cmd[0];
    const uint8_t rc = static_cast<uint8_t>(code + 1);
    switch (code) {
        case 0x00: {  // Diagnose: echo the test data
            Bytes r{rc};
            r.insert(r.end(), cmd.begin() + 1, cmd.end());
            return r;
        }
        case 0x02:
            return {rc, 0x32, 0x01, 0x06, 0x07};  // PN532 v1.6, ISO A/B/18092
        case 0x06:
            return read_registers(cmd);
        case 0x08:
            return write_registers(cmd);
        case 0x12:
            return {rc};  // SetParameters
        case 0x14: {      // SAMConfiguration: chip reset
            std::lock_guard lk(mu_);
            reset_card_locked();
            return {rc};
        }
        case 0x16:
            return {rc, 0x00};  // PowerDown
        case 0x32:
            return {rc};  // RFConfiguration
        case 0x4a:
            return list_passive_target(cmd);
        case 0x44:    // InDeselect
        case 0x52: {  // InRelease
            std::lock_guard lk(mu_);
            reset_card_locked();
            return {rc, 0x00};
        }
        case 0x42: {  // InCommunicateThru: presence check R(NAK) → R(ACK) from a present card
            std::lock_guard lk(mu_);
            if (card_ && selected_) return {rc, 0x00, 0xa2};
            return {rc, 0x01};  // timeout: the card is gone
        }
        case 0x40:
            return data_exchange(cmd);
        default:
            return {};
    }
}

Bytes Pn532Emulator::read_registers(const Bytes& cmd) {
    Bytes r{0x07};
    for (size_t i = 1; i + 1 < cmd.size(); i += 2) {
        const unsigned addr = unsigned{cmd[i]} << 8 | cmd[i + 1];
        r.push_back(addr >= 0x6300 && addr < 0x6340 ? registers_[addr - 0x6300] : 0x00);
    }
    return r;
}

Bytes Pn532Emulator::write_registers(const Bytes& cmd) {
    for (size_t i = 1; i + 2 < cmd.size(); i += 3) {
        const unsigned addr = unsigned{cmd[i]} << 8 | cmd[i + 1];
        if (addr >= 0x6300 && addr < 0x6340) registers_[addr - 0x6300] = cmd[i + 2];
    }
    return {0x09};
}

Bytes Pn532Emulator::list_passive_target(const Bytes& cmd) {
    if (cmd.size() < 3 || cmd[2] != 0x00) return {0x4b, 0x00};  // only 106 kbps type A
    std::lock_guard lk(mu_);
    if (!card_) return {0x4b, 0x00};
    reset_card_locked();  // a new activation starts a new card session
    selected_ = true;
    Bytes r{0x4b,
            0x01,
            0x01,
            card_->atqa[0],
            card_->atqa[1],
            card_->sak,
            static_cast<uint8_t>(card_->uid.size())};
    r.insert(r.end(), card_->uid.begin(), card_->uid.end());
    r.insert(r.end(), card_->ats.begin(), card_->ats.end());
    return r;
}

}  // namespace gw::test::pn532

namespace gw::test::pn532 {

Bytes Pn532Emulator::data_exchange(const Bytes& cmd) {
    // 40 Tg <data>: Tg 1 is the only target we list.
    std::lock_guard lk(mu_);
    if (cmd.size() < 2 || cmd[1] != 0x01 || !card_ || !selected_) return {0x41, 0x27};
    if (!card_->desfire) return {0x41, 0x01};  // no ISO 14443-4 answer: RF timeout
    Bytes r{0x41, 0x00};
    const Bytes answer = card_->desfire->handle(Bytes(cmd.begin() + 2, cmd.end()));
    r.insert(r.end(), answer.begin(), answer.end());
    return r;
}

}  // namespace gw::test::pn532
