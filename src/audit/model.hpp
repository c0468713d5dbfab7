#pragma once
// The audit trail's rules (research/security.md "Audit trail"; issue 4): what
// an entry holds and how entries chain. Pure code: no I/O.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace yc::audit {

// Who did what to which object, from where, with what outcome. Empty strings
// are allowed where a part does not apply (a system action has no window).
// Never put personal data in these fields: object ids are internal ids, and
// before/after are digests, not values.
struct Entry {
  std::int64_t seq = 0;          // 1, 2, 3, ... with no gaps
  std::int64_t created_at = 0;   // UTC epoch milliseconds
  std::string actor_id;
  std::string actor_role;
  std::string unit_id;
  std::string site_id;
  std::string window_id;
  std::string action;            // e.g. "settings.seed", "session.login"
  std::string object_type;
  std::string object_id;
  std::string client_address;
  std::string outcome;           // "ok" | "refused" | "failed"
  std::string before_digest;     // SM3 of the object before, or ""
  std::string after_digest;      // SM3 of the object after, or ""
  std::string prev_hash;         // hash of entry seq-1 (zeros for the first)
  std::string hash;              // chain_hash(*this)
};

inline const std::string kGenesisHash(64, '0');

// Who acts, and from where: filled from the session once accounts exist.
struct Actor {
  std::string id;
  std::string role;
  std::string unit_id;
  std::string site_id;
  std::string window_id;
  std::string client_address;

  static Actor system() { return Actor{"system", "system", "", "", "", "local"}; }
};

// An entry for `actor` doing `action` to an object, outcome "ok".
Entry entry_for(const Actor& actor, std::string action, std::string object_type,
                std::string object_id);

// The before/after digest of an object: SM3 over its fields, length-prefixed.
// Pass sealed values, never clear personal data (a digest of a phone number
// can be reversed by trying them all).
std::string digest(std::initializer_list<std::string_view> fields);

// SM3 over prev_hash and every field, each length-prefixed so that no two
// different entries serialize alike.
std::string chain_hash(const Entry& e);

}  // namespace yc::audit
