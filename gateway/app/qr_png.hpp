#pragma once
// Renders a text as a QR code PNG (libqrencode, error correction M, 4-module quiet zone,
// 4 pixels per module, 8-bit grey) for `campusgw qr issue --png`. Demo and test use only.
#include <string>

namespace gw::app {

bool write_qr_png(const std::string& text, const std::string& path);

}  // namespace gw::app
