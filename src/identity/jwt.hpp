#pragma once
// Signed JSON Web Tokens as OpenID Connect uses them (RFC 7515 JWS compact
// form, RFC 7517 JWK, RFC 7518 algorithms): the ID token of the city's
// identity provider is checked here before a citizen is let in (issue 11,
// item 2). Only asymmetric signatures are accepted: RS256 and ES256; "none"
// and HMAC algorithms never are (a public key must not become an HMAC key).

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace yc::identity::jwt {

std::optional<std::string> base64url_decode(std::string_view in);
std::string base64url_encode(std::string_view in);

struct Decoded {
  boost::json::object header, claims;
  std::string signing_input;  // "<header>.<payload>" as received
  std::string signature;      // raw bytes
};

// Splits and decodes a compact JWS without checking its signature.
Result<Decoded> decode(std::string_view token);

// Checks `d`'s signature with the key of the JWK set whose "kid" matches the
// header's (or the only key when neither names one). kUnauthenticated for a
// bad signature, an unknown key or an algorithm other than RS256 / ES256.
Result<void> verify(const Decoded& d, const boost::json::object& jwks);

}  // namespace yc::identity::jwt
