#pragma once
// A presentation: a device saw a credential. Produced on device threads, consumed by the
// core loop. `secret` holds the raw UID/QR text only in memory; it is never logged or stored.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access_point.hpp"
#include "credential.hpp"

namespace gw::core {

enum class PresentationKind {
    CardUid,        // a UID read without cryptographic proof (mqtt_reader, uid readers)
    DesfireAuthed,  // a DESFire card that passed AES authentication (campus-card-v1):
                    // credential_id from its file, secret its UID; both must match the roster
    CardAuthFailed, // a card that failed authentication
    Malformed,      // the device received something it could not decode
    Face,           // a face terminal recognised an enrolled person: secret is the
                    // terminal's person key (the roster person id), face_score when
                    // the terminal reported one
    QrText,         // a scanner read a QR / 场所码 text: secret is the text without its
                    // line ending (CEID1: an e-ID presentation; else an opaque code)
};

struct Presentation {
    std::string device_id;
    PresentationKind kind = PresentationKind::CardUid;
    std::string secret;                        // raw UID, upper-case hex; QrText: the text
    std::string credential_id;                 // DesfireAuthed: the id read from the card
    std::optional<Direction> direction;        // when the device knows (both-way points)
    bool accept_desfire_by_uid = false;        // device configured card_security = "uid"
    std::chrono::steady_clock::time_point received{};  // for latency_us
    std::string reply_topic;                   // mqtt_reader: where to answer; else empty
    std::optional<double> face_score;          // Face: similarity 0..1, when reported
    std::optional<double> min_face_score;      // Face: the device's threshold, if any
    std::vector<std::string> flags;            // device facts copied into the event
    std::optional<uint64_t> answer_ref;        // the device waits for feedback() to answer this
                                               // question (Hikvision remote check: serialNo)
    bool device_opens = false;                 // the device opens its own door when feedback()
                                               // allows: open_door() is not also called on it
};

}  // namespace gw::core
