#pragma once
// Accounts, roles with scope and sessions (issue 4, items 2-4;
// research/security.md "Accounts and sessions"). Every use case runs in one
// transaction with its audit entry. Times come from the injected clock, so
// tests can step through lockouts and timeouts.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "identity/model.hpp"
#include "identity/secrets.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::identity {

// Permission codes with their Chinese names, for the roles page.
struct PermissionInfo {
  const char* code;
  const char* name;
};
const std::vector<PermissionInfo>& permission_catalog();
std::string permission_name(std::string_view code);

struct Role {
  std::string code, name;
  std::string triad;  // "" | "system" | "security" | "audit" (三员分立)
  bool requires_totp = false;
  int idle_minutes = 30;
  std::vector<std::string> permissions;
};

struct Grant {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string role, role_name, unit_code, unit_name, unit_path;
  std::int64_t created_at = 0;
};

// Where a session is on its way in (issue 4, items 2-3).
enum class Step { kTotp, kTotpEnroll, kChangePassword, kDone };
std::string_view step_name(Step s);  // "totp" | "totp_enroll" | "change_password" | "done"

// The caller of a request, loaded from its session every time, so a revoked
// grant or session takes effect at once.
struct Principal {
  std::int64_t account_id = 0;
  std::int64_t api_client_id = 0;  // an authorized system (api_clients.hpp), not a person
  std::string login, name_masked, unit_code, unit_name, unit_path;
  std::string session_id, csrf_token;
  Step step = Step::kDone;
  std::int64_t expires_at = 0, idle_ms = 0;
  std::vector<Grant> grants;
  std::map<std::string, std::vector<std::string>, std::less<>> permission_paths;

  bool has(std::string_view permission) const;
  org::Scope scope(std::string_view permission) const;
  std::vector<std::string> permissions() const;
  audit::Actor actor(std::string client_address) const;
};

struct Account {
  std::int64_t id = 0;
  std::string login, name_masked, phone_masked, unit_code, unit_name;
  bool active = true, must_change_password = true, totp_enabled = false;
  bool formal_staff = false;  // 编制内 (三(七) high-risk posts)
  std::optional<std::int64_t> locked_until, last_login_at;
  std::int64_t version = 1;
};

struct SessionInfo {
  std::string id;
  std::int64_t account_id = 0;
  std::int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
  std::string client_address, user_agent;
};

struct SessionPolicy {
  std::int64_t absolute_ms = 12LL * 3600 * 1000;  // issue 4, item 3
  std::int64_t default_idle_ms = 30LL * 60 * 1000;
  std::int64_t step_idle_ms = 5LL * 60 * 1000;    // while TOTP or a new password is pending
  std::int64_t touch_every_ms = 15 * 1000;         // last_seen_at is written at most this often
  LockoutPolicy lockout;
};

struct Client {
  std::string address;
  std::string user_agent;
};

struct SignedIn {
  std::string token;  // for the cookie; stored only as a digest
  Principal principal;
};

struct NewAccount {
  std::string login, name, phone, unit_code;
};
struct AccountPatch {
  std::optional<std::string> name, phone;
  std::optional<bool> active;
  // 编制内: high-risk items' back-office steps need it (三(七)); kept here
  // until the staff module (issue 9) owns posts and employment.
  std::optional<bool> formal_staff;
};
struct Revealed {
  std::string name, phone;
};

class Accounts {
 public:
  using Clock = std::function<std::int64_t()>;
  Accounts(store::Database& db, const privacy::KeyRing& keys, SessionPolicy policy = {},
           Clock clock = {});

  // Loads the role table; call once before use.
  Result<void> load_roles();
  const std::vector<Role>& roles() const { return roles_; }
  const privacy::KeyRing& keys() const { return keys_; }
  const Role* role(std::string_view code) const;

  // --- Signing in -----------------------------------------------------------
  // One answer for an unknown name, a wrong password, a disabled or a locked
  // account (kUnauthenticated, the same message), so none can be told apart.
  Result<SignedIn> login(std::string_view login, std::string_view password, const Client& client);
  // The principal of a cookie token; kUnauthenticated when there is none,
  // or it was ended, or it timed out (idle or absolute).
  Result<Principal> authenticate(std::string_view token);
  // The same session read again, after a use case changed it.
  Result<Principal> reload(const Principal& p);
  Result<Principal> verify_totp(const Principal& p, std::string_view code, const Client& client);
  Result<Principal> use_recovery_code(const Principal& p, std::string_view code, const Client& client);
  Result<TotpSecret> begin_totp_enrollment(const Principal& p);
  // Returns the new recovery codes, shown once.
  Result<std::vector<std::string>> confirm_totp(const Principal& p, std::string_view code,
                                                const Client& client);
  // Ends the account's other sessions; the current one goes on.
  Result<Principal> change_password(const Principal& p, std::string_view current,
                                    std::string_view next, const Client& client);
  Result<void> logout(const Principal& p, const Client& client);

  // --- Sessions --------------------------------------------------------------
  Result<std::vector<SessionInfo>> own_sessions(const Principal& p);
  // Sessions of an account in `scope` (session.manage).
  Result<std::vector<SessionInfo>> account_sessions(const org::Scope& scope, std::int64_t account_id);
  // Own sessions always; others' only when their account is in `manage_scope`.
  Result<void> end_session(const Principal& p, const org::Scope& manage_scope,
                           std::string_view session_id, const Client& client);

  // --- Accounts (account.read / account.write / personal.reveal) ------------
  Result<std::vector<Account>> list_accounts(const org::Scope& scope, std::string_view query,
                                             std::string_view unit_code);
  Result<Account> get_account(const org::Scope& scope, std::int64_t id);
  // Returns the account and its initial password (must be changed at first sign-in).
  Result<std::pair<Account, std::string>> create_account(const audit::Actor& actor,
                                                         const org::Scope& scope, const NewAccount& a);
  Result<Account> update_account(const Principal& p, const audit::Actor& actor,
                                 const org::Scope& scope, std::int64_t id, const AccountPatch& patch,
                                 std::int64_t expected_version);
  Result<std::string> reset_password(const Principal& p, const audit::Actor& actor,
                                     const org::Scope& scope, std::int64_t id);
  // Clears the account's TOTP secret and recovery codes (a lost phone); its
  // next sign-in enrols again. Ends its sessions.
  Result<void> reset_totp(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                          std::int64_t id);
  Result<Revealed> reveal(const audit::Actor& actor, const org::Scope& scope, std::int64_t id);

  // --- Grants (grant.write) --------------------------------------------------
  Result<std::vector<Grant>> grants_of(const org::Scope& scope, std::int64_t account_id);
  // Refuses a second 三员 role on one account, granting to oneself, and a
  // unit or account outside `scope`.
  Result<Grant> grant(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t account_id, std::string_view role, std::string_view unit_code);
  Result<void> revoke(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t grant_id);

  // For commands and seeds: an account with a known password, no forced
  // change, and optionally a TOTP secret already enrolled.
  Result<std::int64_t> create_seeded(const audit::Actor& actor, const NewAccount& a,
                                     std::string_view password, bool must_change,
                                     const std::optional<std::string>& totp_raw,
                                     const std::vector<std::pair<std::string, std::string>>& grants);

  std::int64_t now() const { return clock_(); }
  const SessionPolicy& policy() const { return policy_; }

 private:
  struct SessionState {
    std::int64_t last_seen = 0;
    bool ended = false, active = true;
  };
  Result<Principal> load_principal(store::Tx& tx, std::string_view token_hash, SessionState* state = nullptr);
  // Moves the session past its TOTP step (to a password change or done) and
  // returns it as it now is.
  Result<Principal> second_factor_passed(store::Tx& tx, const Principal& p, bool must_change);
  Result<std::vector<Grant>> load_grants(store::Tx& tx, std::int64_t account_id);
  Step next_step(const std::vector<Grant>& grants, bool totp_enabled, bool must_change,
                 bool totp_passed) const;
  std::int64_t idle_for(const std::vector<Grant>& grants) const;
  Result<std::int64_t> insert_account(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      const NewAccount& a, const std::string& password_hash, bool must_change,
                                      const std::string& totp_sealed);
  Result<Grant> insert_grant(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                             std::int64_t account_id, std::string_view role_code, std::string_view unit_code);

  store::Database& db_;
  const privacy::KeyRing& keys_;
  SessionPolicy policy_;
  Clock clock_;
  std::vector<Role> roles_;
};

}  // namespace yc::identity
