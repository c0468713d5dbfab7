#pragma once
// Citizens and employers on the public portal (issue 11, item 2): who the
// city's identity provider vouched for, their sessions (cookie yc_citizen,
// apart from staff sessions), and the authorization requests on their way.
// A citizen is linked to their cases by the keyed hash of the ID number or
// credit code, the same one service_case.applicant_id_hash holds.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/oidc.hpp"
#include "identity/service.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::identity {

struct CitizenPrincipal {
  std::int64_t citizen_id = 0;
  std::string kind;  // person | employer
  std::string name_masked, id_masked, phone_masked;
  std::string id_hash;  // privacy lookup hash: finds their cases
  bool demo = false;
  std::string session_id, csrf_token;
  std::int64_t expires_at = 0;
  audit::Actor actor(std::string client_address) const;
};

struct CitizenSessionPolicy {
  std::int64_t idle_ms = 30LL * 60 * 1000;
  std::int64_t absolute_ms = 12LL * 3600 * 1000;
  std::int64_t touch_every_ms = 15'000;
  std::int64_t login_ttl_ms = 10LL * 60 * 1000;  // from the redirect to the callback
};

// Demo citizens for `make run` (citizen.demo_accounts): sign in without the
// provider, always marked 演示.
struct DemoCitizen {
  std::string key, name, id_number, phone;
};
const std::vector<DemoCitizen>& demo_citizens();

// A citizen's own data, opened in memory to act for them (an online
// application, a booking); never logged. kUnauthenticated when gone.
struct CitizenData {
  std::string kind, id_number, name, phone;
};
Result<CitizenData> open_citizen(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t citizen_id);

class Citizens {
 public:
  using Clock = std::function<std::int64_t()>;
  Citizens(store::Database& db, const privacy::KeyRing& keys, CitizenSessionPolicy policy = {}, Clock clock = {});

  // The authorization request until its callback (state kept as a hash).
  Result<void> remember_login(const OidcStart& start, const std::string& next_path);
  struct PendingLogin {
    std::string nonce, verifier, next_path;
  };
  // Once only, within login_ttl_ms; kUnauthenticated otherwise.
  Result<PendingLogin> take_login(std::string_view state);

  struct SignedIn {
    std::string token;  // the cookie's value, never stored
    CitizenPrincipal principal;
  };
  // Finds or records the citizen (a person needs a valid resident ID number,
  // an employer a valid credit code) and opens a session.
  Result<SignedIn> sign_in(const OidcIdentity& who, bool demo, const Client& client);
  Result<CitizenPrincipal> authenticate(std::string_view token);
  Result<void> logout(const CitizenPrincipal& p, const Client& client);

  const privacy::KeyRing& keys() const { return keys_; }

 private:
  store::Database& db_;
  const privacy::KeyRing& keys_;
  CitizenSessionPolicy policy_;
  Clock clock_;
};

}  // namespace yc::identity
