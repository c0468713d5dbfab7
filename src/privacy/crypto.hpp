#pragma once
// Personal data at rest (research/security.md, 密评-friendly primitives from
// OpenSSL 3): SM4 encryption of fields, HMAC-SM3 keyed hashes for exact
// lookup, SM3 digests. Keys live in a key file outside the database; each
// ciphertext names its key id, so keys can be rotated.
//
// OpenSSL 3.0 on Debian 12 has SM4-CTR but not SM4-GCM, so a field is
// encrypt-then-MAC: SM4-CTR with a random IV, then HMAC-SM3 over the version,
// key id, context, IV and ciphertext. The context (e.g. "person.id_number")
// binds a ciphertext to its column: moving it to another field fails.

#include <map>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace yc::privacy {

// SM3 of data as 64 lowercase hex digits.
std::string sm3_hex(std::string_view data);

// HMAC-SM3 of data under key, as 64 lowercase hex digits.
std::string hmac_sm3_hex(std::string_view key, std::string_view data);

class KeyRing {
 public:
  // Reads a key file:
  //   # comments
  //   lookup <64 hex>                 the keyed-hash key (never rotated)
  //   key <id> <32 hex> <64 hex>      SM4 key and MAC key; the first is current
  // Refuses a file that others can read (mode must allow no group/other access).
  static Result<KeyRing> load(const std::string& path);
  // Writes a new key file with fresh random keys (mode 0600); fails if it exists.
  static Result<void> generate(const std::string& path, std::string_view key_id);

  // "v1.<key id>.<base64url(iv | ciphertext | mac)>"
  Result<std::string> encrypt(std::string_view plaintext, std::string_view context) const;
  // Fails with kInternal when the text was altered, moved to another context
  // or made with an unknown key.
  Result<std::string> decrypt(std::string_view sealed, std::string_view context) const;

  // The same value always gives the same hash (for WHERE ... = $1 lookups);
  // without the key the hash reveals nothing.
  std::string lookup_hash(std::string_view value) const;

  const std::string& current_key_id() const { return current_; }

 private:
  struct Key {
    std::string enc;  // 16 bytes
    std::string mac;  // 32 bytes
  };
  std::string lookup_;
  std::map<std::string, Key, std::less<>> keys_;
  std::string current_;
};

}  // namespace yc::privacy
