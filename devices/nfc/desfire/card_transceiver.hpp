#pragma once
// Port: one APDU to the selected card and its answer. Implemented over libnfc
// (nfc_initiator_transceive_bytes) by the reader, and by card models in tests.
// Blocking, bounded by the implementation's timeout. Errors: DesfireErrc::CardSilent when
// nothing (valid) came back, e.g. the card left the field.
#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

class CardTransceiver {
public:
    virtual ~CardTransceiver() = default;
    virtual core::Result<Bytes> transceive(ByteView apdu) = 0;
};

}  // namespace gw::dev::nfc::desfire
