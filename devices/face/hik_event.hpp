#pragma once
// Pure codec for what a Hikvision terminal's "HTTP listening" push carries
// (protocols.md §3.1): multipart/form-data with one JSON part (named `event_log`,
// `AccessControllerEvent` or anything else: dispatch is on content) and optional picture
// parts, or a bare application/json body. Pictures are never looked at, only skipped.
// A push with `"remoteCheck": true` (remote-verification mode) must carry an unsigned
// integer `serialNo`, the key of the answer; without one it is refused.
// Bytes in, outcome out; no I/O. Fuzzed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::dev::face {

enum class HikEventKind {
    Face,        // a face was matched to a person: employee_no, maybe similarity
    FaceFailed,  // a face was seen but matched no one
    Card,        // a card was presented: card_no (the terminal's decimal or hex text)
    Other,       // a valid push that is not a credential event (door state, heartbeat)
};

struct HikEvent {
    HikEventKind kind = HikEventKind::Other;
    std::string employee_no;            // roster person id; may be empty
    std::string card_no;
    std::optional<double> similarity;   // 0..1 (percent values are scaled)
    int major = 0;
    int minor = 0;
    std::optional<uint64_t> serial_no;  // for de-duplication of retried pushes
    // Remote verification: the terminal asks the platform and waits for the answer to
    // `serial_no` (`"remoteCheck": true`; always set when remote_check is true).
    bool remote_check = false;
};

struct HikEventResult {
    std::optional<HikEvent> event;
    std::string error;  // why the push was refused (no raw content in it)
};

/// Parses one push. `content_type` is the request's Content-Type header.
HikEventResult parse_hik_push(std::string_view content_type, std::string_view body);

/// Parses the JSON event document alone (the content of the JSON part).
HikEventResult parse_hik_event_json(std::string_view json);

/// The card UID (upper-case hex) for a terminal's card number: `decimal` terminals report
/// the UID as a decimal number (4-byte UIDs as 8 hex digits, longer ones as 14), `hex`
/// terminals as hex text. nullopt when the text is not a card number.
std::optional<std::string> card_uid_from_number(std::string_view card_no, bool decimal);

/// The answer to a remote-verification question: the JSON body of
/// `PUT /ISAPI/AccessControl/remoteCheck?format=json`,
/// `{"RemoteCheck":{"serialNo":N,"checkResult":"success"|"failed","info":"…"}}`.
/// `info` is a short reason code (never a name); it is cut to 32 characters.
std::string remote_check_answer(uint64_t serial_no, bool success, std::string_view info);

}  // namespace gw::dev::face
