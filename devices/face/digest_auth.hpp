#pragma once
// HTTP Digest authentication, server side (RFC 7616 with MD5 and qop=auth, as Hikvision
// terminals use it): the challenge, and the check of an Authorization header. Used by the
// gateway's push listener (terminals configured with httpAuthenticationMethod MD5digest)
// and by the test terminal emulator. Pure: no I/O; thread-safe.
#include <map>
#include <string>
#include <string_view>

namespace gw::dev::face {

/// The parameters of a `Digest k=v, k="v"` header. Empty when it is not Digest.
std::map<std::string, std::string> parse_digest_header(std::string_view header);

/// lower-case hex MD5.
std::string md5_hex(std::string_view text);

/// The WWW-Authenticate value for `realm` and `nonce`.
std::string digest_challenge(std::string_view realm, std::string_view nonce);

/// True when `authorization` is a valid qop=auth MD5 answer for user/password, method and
/// the request target `uri`, issued for `nonce`.
bool digest_valid(std::string_view authorization, std::string_view method, std::string_view uri,
                  std::string_view realm, std::string_view nonce, std::string_view user,
                  std::string_view password);

}  // namespace gw::dev::face
