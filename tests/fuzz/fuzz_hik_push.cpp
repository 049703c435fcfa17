// Fuzz target: a Hikvision terminal's event push (multipart + JSON). The first line of the
// input is the Content-Type header, the rest the body.
#include <cstdint>
#include <string_view>

#include "devices/face/hik_event.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto nl = in.find('\n');
    const auto type = in.substr(0, nl);
    const auto body = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    auto r = gw::dev::face::parse_hik_push(type, body);
    if (!r.event && r.error.empty()) __builtin_trap();  // every refusal has a reason
    if (r.event && r.event->similarity && (*r.event->similarity < 0 || *r.event->similarity > 1))
        __builtin_trap();
    if (r.event && r.event->remote_check && !r.event->serial_no) __builtin_trap();  // unanswerable
    if (r.event) (void)gw::dev::face::card_uid_from_number(r.event->card_no, true);
    if (r.event && r.event->serial_no)  // the answer body stays valid JSON for any text
        (void)gw::dev::face::remote_check_answer(*r.event->serial_no, true, r.event->employee_no);
    return 0;
}
