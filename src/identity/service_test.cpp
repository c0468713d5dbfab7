// Accounts, sessions and grants against both engines (issue 4, items 2-4;
// research/security.md "Accounts and sessions").
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "audit/service.hpp"
#include "identity/secrets.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/engine_test.hpp"
#include "store/testing.hpp"

namespace yc::identity {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr const char* kPassword = "Correct-Horse-42";
const std::string kTotpRaw = "0123456789abcdefghij";

class AccountsTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // PostgreSQL has no temporary directory of its own: the key file needs one.
    if (dir_.empty()) dir_ = std::filesystem::temp_directory_path() / ("yc-keys-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(org::seed_demo_city(*db_));
    const auto key_file = (dir_ / "test.keys").string();
    std::filesystem::remove(key_file);
    ASSERT_TRUE(privacy::KeyRing::generate(key_file, "k1"));
    keys_ = privacy::KeyRing::load(key_file).value();
    accounts_ = std::make_unique<Accounts>(*db_, keys_, SessionPolicy{}, [this] { return now_.load(); });
    ASSERT_TRUE(accounts_->load_roles());
  }
  void TearDown() override {
    accounts_.reset();
    EngineTest::TearDown();
  }

  std::int64_t make(const std::string& login, const std::string& role, const std::string& unit,
                    bool must_change = false, bool totp = false) {
    auto id = accounts_->create_seeded(audit::Actor::system(), NewAccount{login, "测试" + login, "", unit}, kPassword,
                                       must_change, totp ? std::optional<std::string>(kTotpRaw) : std::nullopt,
                                       role.empty() ? std::vector<std::pair<std::string, std::string>>{}
                                                    : std::vector<std::pair<std::string, std::string>>{{role, unit}});
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }
  Result<SignedIn> login(const std::string& name, const std::string& password) {
    return accounts_->login(name, password, client_);
  }
  std::string code_at(std::int64_t ms) { return totp_code(kTotpRaw, ms / 1000); }

  privacy::KeyRing keys_;
  std::unique_ptr<Accounts> accounts_;
  std::atomic<std::int64_t> now_{1'790'000'000'000};
  Client client_{"192.0.2.10", "gtest"};
};

// Issue 4, item 2: no hint whether the name or the password was wrong.
TEST_P(AccountsTest, UnknownNameWrongPasswordDisabledAndLockedAnswerAlike) {
  const auto id = make("clerk1", "window_clerk", "110101001");
  auto unknown = login("nobody", kPassword);
  auto wrong = login("clerk1", "Wrong-Password-1");
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  EXPECT_EQ(unknown.error().field, wrong.error().field);
  ASSERT_TRUE(login("CLERK1", kPassword));  // login names ignore case
  Principal admin;
  admin.account_id = -1;
  auto a = accounts_->get_account(org::Scope::all(), id).value();
  ASSERT_TRUE(accounts_->update_account(admin, audit::Actor::system(), org::Scope::all(), id,
                                        AccountPatch{{}, {}, false, {}}, a.version));
  auto disabled = login("clerk1", kPassword);
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().message, unknown.error().message);
}

// 三(七): the 编制内 flag that high-risk items need is kept on the account
// and changed like any other field (versioned, audited).
TEST_P(AccountsTest, FormalStaffFlagIsSetAndClearedByAnAdministrator) {
  const auto id = make("reviewer1", "first_reviewer", "110101001");
  Principal admin;
  admin.account_id = -1;
  auto a = accounts_->get_account(org::Scope::all(), id).value();
  EXPECT_FALSE(a.formal_staff);
  AccountPatch patch;
  patch.formal_staff = true;
  auto set = accounts_->update_account(admin, audit::Actor::system(), org::Scope::all(), id, patch, a.version);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_TRUE(set->formal_staff);
  // A stale version is refused and changes nothing.
  patch.formal_staff = false;
  EXPECT_EQ(accounts_->update_account(admin, audit::Actor::system(), org::Scope::all(), id, patch, a.version).error().code,
            ErrorCode::kVersionConflict);
  EXPECT_TRUE(accounts_->get_account(org::Scope::all(), id)->formal_staff);
}

// Issue 4, item 2: 5 failures in 15 minutes lock the account for 30 minutes.
TEST_P(AccountsTest, FiveFailuresInFifteenMinutesLockForThirtyMinutes) {
  make("clerk1", "window_clerk", "110101001");
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(login("clerk1", "Wrong-Password-1"));
    now_ += 2 * kMinute;
  }
  // Locked: even the right password is refused, with the same answer.
  auto locked = login("clerk1", kPassword);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::kUnauthenticated);
  auto listed = accounts_->list_accounts(org::Scope::all(), "clerk1", "").value();
  ASSERT_EQ(listed.size(), 1u);
  ASSERT_TRUE(listed[0].locked_until.has_value());
  now_ = *listed[0].locked_until - 1;
  EXPECT_FALSE(login("clerk1", kPassword));
  now_ = *listed[0].locked_until;
  EXPECT_TRUE(login("clerk1", kPassword));
}

TEST_P(AccountsTest, FourFailuresDoNotLock) {
  make("clerk1", "window_clerk", "110101001");
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(login("clerk1", "Wrong-Password-1"));
  EXPECT_TRUE(login("clerk1", kPassword));
}

// Issue 4, item 3: idle 30 minutes for staff, 15 for administrators.
TEST_P(AccountsTest, IdleTimeoutIsThirtyMinutesForStaffAndFifteenForAdministrators) {
  make("clerk1", "window_clerk", "110101001");
  make("admin1", "system_admin", "110000", false, true);
  auto clerk = login("clerk1", kPassword).value();
  auto admin = login("admin1", kPassword).value();
  ASSERT_EQ(admin.principal.step, Step::kTotp);
  ASSERT_TRUE(accounts_->verify_totp(admin.principal, code_at(now_), client_));
  EXPECT_EQ(accounts_->authenticate(admin.token).value().idle_ms, 15 * kMinute);
  EXPECT_EQ(accounts_->authenticate(clerk.token).value().idle_ms, 30 * kMinute);
  now_ += 15 * kMinute - 1;
  EXPECT_TRUE(accounts_->authenticate(clerk.token));  // activity moves the clerk's idle clock
  EXPECT_TRUE(accounts_->authenticate(admin.token));
  now_ += 15 * kMinute;
  auto gone = accounts_->authenticate(admin.token);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(accounts_->authenticate(clerk.token));
  now_ += 30 * kMinute;
  EXPECT_FALSE(accounts_->authenticate(clerk.token));
  // Once ended, a session stays ended even if the clock went back.
  now_ -= 60 * kMinute;
  EXPECT_FALSE(accounts_->authenticate(clerk.token));
}

// Issue 4, item 3: absolute lifetime 12 hours, however active.
TEST_P(AccountsTest, AbsoluteTimeoutIsTwelveHoursEvenWhenActive) {
  make("clerk1", "window_clerk", "110101001");
  auto s = login("clerk1", kPassword).value();
  const auto start = now_.load();
  while (now_ + 20 * kMinute < start + 12 * 60 * kMinute) {
    now_ += 20 * kMinute;
    ASSERT_TRUE(accounts_->authenticate(s.token)) << (now_ - start) / kMinute;
  }
  now_ = start + 12 * 60 * kMinute;
  EXPECT_FALSE(accounts_->authenticate(s.token));
}

// Issue 4, item 2: TOTP (RFC 6238) for administrators, with replay refused.
TEST_P(AccountsTest, TotpIsRequiredForAdministratorsAndACodeWorksOnce) {
  make("admin1", "system_admin", "110000", false, true);
  auto s = login("admin1", kPassword).value();
  ASSERT_EQ(s.principal.step, Step::kTotp);
  auto wrong = accounts_->verify_totp(s.principal, "000000" == code_at(now_) ? "111111" : "000000", client_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "code");
  const auto code = code_at(now_);
  auto done = accounts_->verify_totp(s.principal, code, client_);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->step, Step::kDone);
  // A second sign-in within the same 30 s cannot reuse the code.
  auto again = login("admin1", kPassword).value();
  EXPECT_FALSE(accounts_->verify_totp(again.principal, code, client_));
  now_ += 30'000;
  EXPECT_TRUE(accounts_->verify_totp(again.principal, code_at(now_), client_));
}

TEST_P(AccountsTest, FiveWrongCodesLockTheAccountAndEndThePendingSession) {
  make("admin1", "system_admin", "110000", false, true);
  auto s = login("admin1", kPassword).value();
  const auto wrong = code_at(now_) == "000000" ? "111111" : "000000";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(accounts_->verify_totp(s.principal, wrong, client_).error().code,
                                        ErrorCode::kInvalidArgument);
  EXPECT_EQ(accounts_->verify_totp(s.principal, wrong, client_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(accounts_->authenticate(s.token));
  EXPECT_FALSE(login("admin1", kPassword));
}

// Issue 4, item 2: first sign-in of an approver enrols TOTP, gets recovery
// codes (each works once), then must change the password.
TEST_P(AccountsTest, EnrolmentThenForcedPasswordChangeThenRecoveryCodes) {
  make("appr1", "approver", "110101001", true, false);
  auto s = login("appr1", kPassword).value();
  ASSERT_EQ(s.principal.step, Step::kTotpEnroll);
  EXPECT_EQ(accounts_->verify_totp(s.principal, "123456", client_).error().code, ErrorCode::kConflict);
  auto secret = accounts_->begin_totp_enrollment(s.principal).value();
  auto codes = accounts_->confirm_totp(s.principal, totp_code(secret.raw, now_ / 1000), client_);
  ASSERT_TRUE(codes) << codes.error().message;
  ASSERT_EQ(codes->size(), 10u);
  auto p = accounts_->authenticate(s.token).value();
  ASSERT_EQ(p.step, Step::kChangePassword);
  auto weak = accounts_->change_password(p, kPassword, "short", client_);
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "new_password");
  EXPECT_EQ(accounts_->change_password(p, "Not-The-Current-1", "Brand-New-Pass-9", client_).error().field,
            "current_password");
  auto changed = accounts_->change_password(p, kPassword, "Brand-New-Pass-9", client_);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->step, Step::kDone);

  now_ += 60'000;
  auto next = login("appr1", "Brand-New-Pass-9").value();
  ASSERT_EQ(next.principal.step, Step::kTotp);
  auto used = accounts_->use_recovery_code(next.principal, (*codes)[0], client_);
  ASSERT_TRUE(used) << used.error().message;
  EXPECT_EQ(used->step, Step::kDone);
  auto third = login("appr1", "Brand-New-Pass-9").value();
  EXPECT_FALSE(accounts_->use_recovery_code(third.principal, (*codes)[0], client_));
  EXPECT_TRUE(accounts_->use_recovery_code(third.principal, (*codes)[1], client_));
}

// A lost phone: the security administrator resets TOTP; the next sign-in
// enrols a new secret, and the old code and recovery codes are gone.
TEST_P(AccountsTest, ResetTotpEndsSessionsAndTheNextSignInEnrolsAgain) {
  const auto admin = make("admin1", "system_admin", "110000", false, true);
  Principal security;
  security.account_id = make("sec1", "security_admin", "110000", false, true);
  auto s = login("admin1", kPassword).value();
  ASSERT_TRUE(accounts_->verify_totp(s.principal, code_at(now_), client_));
  ASSERT_TRUE(accounts_->reset_totp(security, audit::Actor::system(), org::Scope::all(), admin));
  EXPECT_FALSE(accounts_->authenticate(s.token));
  auto next = login("admin1", kPassword).value();
  EXPECT_EQ(next.principal.step, Step::kTotpEnroll);
  Principal self;
  self.account_id = admin;
  EXPECT_EQ(accounts_->reset_totp(self, audit::Actor::system(), org::Scope::all(), admin).error().code,
            ErrorCode::kConflict);
}

TEST_P(AccountsTest, ChangingThePasswordEndsTheOtherSessions) {
  make("clerk1", "window_clerk", "110101001");
  auto a = login("clerk1", kPassword).value();
  auto b = login("clerk1", kPassword).value();
  EXPECT_EQ(accounts_->own_sessions(a.principal).value().size(), 2u);
  ASSERT_TRUE(accounts_->change_password(a.principal, kPassword, "Another-Pass-77", client_));
  EXPECT_TRUE(accounts_->authenticate(a.token));
  EXPECT_FALSE(accounts_->authenticate(b.token));
}

// Issue 4, item 4: 三员分立 — no account holds two of the three.
TEST_P(AccountsTest, NoAccountHoldsTwoOfTheThreeAdministratorRoles) {
  const auto granter = make("sec1", "security_admin", "110000", false, true);
  const auto target = make("sys1", "system_admin", "110000", false, true);
  Principal p;
  p.account_id = granter;
  const auto scope = org::Scope::all();
  for (const char* other : {"security_admin", "audit_admin"}) {
    auto g = accounts_->grant(p, audit::Actor::system(), scope, target, other, "110000");
    ASSERT_FALSE(g) << other;
    EXPECT_EQ(g.error().code, ErrorCode::kConflict);
    EXPECT_EQ(g.error().field, "role");
  }
  // The same triad role at another unit, and business roles, are allowed.
  EXPECT_TRUE(accounts_->grant(p, audit::Actor::system(), scope, target, "system_admin", "110101"));
  EXPECT_TRUE(accounts_->grant(p, audit::Actor::system(), scope, target, "hall_manager", "110101001"));
  // Nobody grants to themselves.
  EXPECT_EQ(accounts_->grant(p, audit::Actor::system(), scope, granter, "hall_manager", "110101001").error().code,
            ErrorCode::kForbidden);
  // Seeding cannot bypass the rule either.
  auto seeded = accounts_->create_seeded(audit::Actor::system(), NewAccount{"both", "两者", "", "110000"}, kPassword,
                                         false, std::nullopt, {{"audit_admin", "110000"}, {"system_admin", "110000"}});
  EXPECT_FALSE(seeded);
}

TEST_P(AccountsTest, AccountsOutsideTheScopeAreNotFoundAndRevealIsAudited) {
  const auto dongcheng = make("dc1", "window_clerk", "110101001");
  const auto xicheng = make("xc1", "window_clerk", "110102003");
  const auto scope = org::Scope::of({"/110000/110101/"});
  EXPECT_TRUE(accounts_->get_account(scope, dongcheng));
  EXPECT_EQ(accounts_->get_account(scope, xicheng).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts_->reveal(audit::Actor::system(), scope, xicheng).error().code, ErrorCode::kNotFound);
  auto listed = accounts_->list_accounts(scope, "", "").value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].login, "dc1");
  EXPECT_EQ(listed[0].name_masked, "测****");  // 测试dc1: five code points
  auto revealed = accounts_->reveal(audit::Actor::system(), scope, dongcheng).value();
  EXPECT_EQ(revealed.name, "测试dc1");
  auto last = db_->transact<std::string>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::string> {
    return YC_TRY(tx.one("SELECT action FROM audit_log ORDER BY seq DESC")).text(0);
  });
  EXPECT_EQ(*last, "account.reveal");
  // The name is sealed at rest: the database holds no clear text of it.
  auto raw = db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
    return YC_TRY(tx.one("SELECT name_sealed FROM account WHERE id = $1", {dongcheng})).text(0);
  });
  EXPECT_EQ(raw->find("dc1"), std::string::npos);
  EXPECT_EQ(raw->rfind("v1.k1.", 0), 0u);
}

TEST_P(AccountsTest, EverySignInStepLeavesAnAuditEntryAndTheChainHolds) {
  make("clerk1", "window_clerk", "110101001");
  ASSERT_FALSE(login("clerk1", "Wrong-Password-1"));
  ASSERT_FALSE(login("ghost", "Wrong-Password-1"));
  auto s = login("clerk1", kPassword).value();
  ASSERT_TRUE(accounts_->logout(s.principal, client_));
  auto rows = db_->transact<std::vector<std::string>>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::vector<std::string>> {
    auto r = YC_TRY(tx.query("SELECT action || ':' || outcome || ':' || client_address FROM audit_log "
                             "WHERE action LIKE 'session.%' ORDER BY seq"));
    std::vector<std::string> out;
    for (const auto& row : r.rows) out.push_back(row.text(0));
    return out;
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(*rows, (std::vector<std::string>{"session.login:refused:192.0.2.10", "session.login:refused:192.0.2.10",
                                             "session.login:ok:192.0.2.10", "session.logout:ok:192.0.2.10"}));
  EXPECT_TRUE(audit::verify(*db_)->ok);
}

YC_ON_BOTH_ENGINES(AccountsTest);

}  // namespace
}  // namespace yc::identity
