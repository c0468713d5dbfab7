#pragma once
// Password hashes (Argon2id, libsodium), TOTP second factors (RFC 6238,
// liboath) and recovery codes. Secrets never leave this module in clear
// except the TOTP secret shown once for enrolment.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::identity {

// Argon2id in libsodium's self-describing string form (parameters included,
// so they can be raised later; needs_rehash tells when).
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
bool needs_rehash(std::string_view hash);

struct TotpSecret {
  std::string raw;     // 20 random bytes; stored encrypted (privacy::KeyRing)
  std::string base32;  // for authenticator apps
};
TotpSecret new_totp_secret();
TotpSecret totp_secret_from_raw(std::string raw);

// otpauth://totp/... for the enrolment QR code.
std::string totp_uri(const TotpSecret& secret, std::string_view account, std::string_view issuer);

// The code for the 30-second step containing unix_seconds.
std::string totp_code(std::string_view raw_secret, std::int64_t unix_seconds, int digits = 6);

// The time step the code belongs to, accepting one step of clock drift either
// way; nullopt when it matches none. Callers refuse a step already used
// (replay) by remembering the last accepted step per account.
std::optional<std::int64_t> totp_match(std::string_view raw_secret, std::string_view code,
                                       std::int64_t unix_seconds, int digits = 6);

// Ten one-time recovery codes like "7KQ4-MX9P-2D", from an alphabet without
// look-alike characters, and the digest to store for each.
std::vector<std::string> new_recovery_codes(int count = 10);
std::string recovery_digest(std::string_view code);

// `bytes` random bytes as unpadded base64url (session tokens, CSRF tokens).
std::string random_token(std::size_t bytes = 32);

// A random password that meets the policy, for a new or reset account; the
// holder must change it at first sign-in.
std::string initial_password();

}  // namespace yc::identity
