#include "identity/citizens.hpp"

#include "audit/service.hpp"
#include "identity/secrets.hpp"
#include "platform/time.hpp"
#include "privacy/model.hpp"

namespace yc::identity {
namespace {

constexpr const char* kIdContext = "citizen.id_number";
constexpr const char* kNameContext = "citizen.name";
constexpr const char* kPhoneContext = "citizen.phone";
constexpr const char* kVerifierContext = "citizen.pkce";

std::string session_hash(std::string_view token) {
  return privacy::sm3_hex(std::string("yichuang.citizen-session:") + std::string(token));
}
std::string state_hash(std::string_view state) {
  return privacy::sm3_hex(std::string("yichuang.citizen-login:") + std::string(state));
}

audit::Entry entry(const audit::Actor& actor, std::string action, std::int64_t citizen_id) {
  return audit::entry_for(actor, std::move(action), "citizen", std::to_string(citizen_id));
}

}  // namespace

audit::Actor CitizenPrincipal::actor(std::string client_address) const {
  return audit::Actor{"citizen:" + std::to_string(citizen_id), "citizen", "", "", "", std::move(client_address)};
}

const std::vector<DemoCitizen>& demo_citizens() {
  // Made-up people with valid GB 11643 check digits; the portal labels them 演示.
  static const std::vector<DemoCitizen> kDemo = {
      {"zhangmin", "张敏", "110101199003071233", "13800000001"},
      {"lijianguo", "李建国", "110102196508152031", "13800000002"},
      {"wangfang", "王芳", "110105198811230029", "13800000003"},
  };
  return kDemo;
}

Citizens::Citizens(store::Database& db, const privacy::KeyRing& keys, CitizenSessionPolicy policy, Clock clock)
    : db_(db), keys_(keys), policy_(policy), clock_(clock ? std::move(clock) : Clock(&time::now_ms)) {}

Result<void> Citizens::remember_login(const OidcStart& start, const std::string& next_path) {
  const auto now = clock_();
  const auto sealed = YC_TRY(keys_.encrypt(start.verifier, kVerifierContext));
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("DELETE FROM citizen_login WHERE created_at < $1", {now - policy_.login_ttl_ms}));
    YC_TRY_VOID(tx.exec("INSERT INTO citizen_login (state_hash, nonce, verifier_sealed, next_path, created_at) "
                        "VALUES ($1, $2, $3, $4, $5)",
                        {state_hash(start.state), start.nonce, sealed, next_path, now}));
    return {};
  });
}

Result<Citizens::PendingLogin> Citizens::take_login(std::string_view state) {
  constexpr const char* kStale = "登录请求已失效,请重新登录";
  if (state.empty() || state.size() > 200) return fail(ErrorCode::kUnauthenticated, kStale, "state");
  const auto now = clock_();
  return db_.transact<PendingLogin>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<PendingLogin> {
    const auto h = state_hash(state);
    auto rows = YC_TRY(tx.query("SELECT nonce, verifier_sealed, next_path, created_at FROM citizen_login "
                                "WHERE state_hash = $1",
                                {h}));
    if (rows.rows.empty()) return fail(ErrorCode::kUnauthenticated, kStale, "state");
    YC_TRY_VOID(tx.exec("DELETE FROM citizen_login WHERE state_hash = $1", {h}));
    const auto& r = rows.rows[0];
    if (now - r.int64(3) > policy_.login_ttl_ms) return fail(ErrorCode::kUnauthenticated, kStale, "state");
    auto verifier = YC_TRY(keys_.decrypt(r.text(1), kVerifierContext));
    return PendingLogin{r.text(0), std::move(verifier), r.text(2)};
  });
}

Result<Citizens::SignedIn> Citizens::sign_in(const OidcIdentity& who, bool demo, const Client& client) {
  const auto now = clock_();
  std::string kind, id;
  if (!who.id_number.empty()) {
    id = privacy::normal_resident_id(who.id_number);
    if (!privacy::validate_resident_id(id, time::shanghai_date(now), "id_number"))
      return fail(ErrorCode::kUnauthenticated, "身份认证平台提供的身份证号码无效");
    kind = "person";
  } else if (!who.credit_code.empty()) {
    id = who.credit_code;
    if (!privacy::validate_credit_code(id)) return fail(ErrorCode::kUnauthenticated, "身份认证平台提供的统一社会信用代码无效");
    kind = "employer";
  } else {
    return fail(ErrorCode::kUnauthenticated, "身份认证平台没有提供证件号码,无法办理业务");
  }
  if (who.name.empty() || who.name.size() > 200) return fail(ErrorCode::kUnauthenticated, "身份认证平台没有提供姓名");
  const auto subject = keys_.lookup_hash(who.subject);
  const auto id_hash = keys_.lookup_hash(id);
  const auto id_sealed = YC_TRY(keys_.encrypt(id, kIdContext));
  const auto name_sealed = YC_TRY(keys_.encrypt(who.name, kNameContext));
  const auto phone_sealed = who.phone.empty() ? std::string() : YC_TRY(keys_.encrypt(who.phone, kPhoneContext));
  const auto id_masked = kind == "person" ? privacy::mask_id_number(id) : id.substr(0, 4) + "**********" + id.substr(14);
  const auto phone_masked = who.phone.empty() ? std::string() : privacy::mask_phone(who.phone);
  SignedIn out;
  out.token = random_token(32);
  YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    auto found = YC_TRY(tx.query("SELECT id FROM citizen WHERE subject_hash = $1", {subject}));
    std::int64_t id_row = 0;
    if (found.rows.empty()) {
      id_row = YC_TRY(tx.one("INSERT INTO citizen (subject_hash, kind, id_hash, id_sealed, id_masked, name_sealed, "
                             "name_masked, phone_sealed, phone_masked, demo, created_at, last_login_at) VALUES ($1, $2, "
                             "$3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                             {subject, kind, id_hash, id_sealed, id_masked, name_sealed, privacy::mask_name(who.name),
                              phone_sealed, phone_masked, std::int64_t{demo ? 1 : 0}, now}))
                   .int64(0);
    } else {
      // The provider is the source of truth: what it says now replaces what it said before.
      id_row = found.rows[0].int64(0);
      YC_TRY_VOID(tx.exec("UPDATE citizen SET kind = $1, id_hash = $2, id_sealed = $3, id_masked = $4, name_sealed = $5, "
                          "name_masked = $6, phone_sealed = $7, phone_masked = $8, last_login_at = $9 WHERE id = $10",
                          {kind, id_hash, id_sealed, id_masked, name_sealed, privacy::mask_name(who.name), phone_sealed,
                           phone_masked, now, id_row}));
    }
    const auto sid = random_token(12);
    YC_TRY_VOID(tx.exec("INSERT INTO citizen_session (id, token_hash, citizen_id, csrf_token, created_at, last_seen_at, "
                        "expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)",
                        {sid, session_hash(out.token), id_row, random_token(24), now, now + policy_.absolute_ms}));
    CitizenPrincipal p;
    p.citizen_id = id_row;
    YC_TRY_VOID(audit::append(tx, entry(p.actor(client.address), demo ? "citizen.login.demo" : "citizen.login", id_row)));
    return {};
  }));
  out.principal = YC_TRY(authenticate(out.token));
  return out;
}

Result<CitizenPrincipal> Citizens::authenticate(std::string_view token) {
  constexpr const char* kSignIn = "请先登录";
  if (token.empty() || token.size() > 100) return fail(ErrorCode::kUnauthenticated, kSignIn);
  const auto now = clock_();
  const auto h = session_hash(token);
  auto rows = YC_TRY(db_.transact<store::Rows>(store::TxMode::kRead, [&](store::Tx& tx) {
    return tx.query("SELECT s.id, s.citizen_id, s.csrf_token, s.expires_at, s.last_seen_at, s.ended_at, c.kind, "
                    "c.name_masked, c.id_masked, c.phone_masked, c.id_hash, c.demo FROM citizen_session s "
                    "JOIN citizen c ON c.id = s.citizen_id WHERE s.token_hash = $1",
                    {h});
  }));
  if (rows.rows.empty()) return fail(ErrorCode::kUnauthenticated, kSignIn);
  const auto& r = rows.rows[0];
  CitizenPrincipal p;
  p.session_id = r.text(0);
  p.citizen_id = r.int64(1);
  p.csrf_token = r.text(2);
  p.expires_at = r.int64(3);
  const auto last_seen = r.int64(4);
  if (!r.is_null(5)) return fail(ErrorCode::kUnauthenticated, "已退出登录,请重新登录");
  p.kind = r.text(6);
  p.name_masked = r.text(7);
  p.id_masked = r.text(8);
  p.phone_masked = r.text(9);
  p.id_hash = r.text(10);
  p.demo = r.int64(11) != 0;
  const bool absolute = now >= p.expires_at;
  const bool idle = now - last_seen >= policy_.idle_ms;
  if (absolute || idle || now - last_seen >= policy_.touch_every_ms) {
    YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      if (absolute || idle)
        YC_TRY_VOID(tx.exec("UPDATE citizen_session SET ended_at = $1, ended_by = $2 WHERE id = $3 AND ended_at IS NULL",
                            {now, std::string(absolute ? "expired" : "idle"), p.session_id}));
      else
        YC_TRY_VOID(tx.exec("UPDATE citizen_session SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1",
                            {now, p.session_id}));
      return {};
    }));
  }
  if (absolute || idle) return fail(ErrorCode::kUnauthenticated, "长时间未操作,已退出登录,请重新登录");
  return p;
}

Result<void> Citizens::logout(const CitizenPrincipal& p, const Client& client) {
  const auto now = clock_();
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("UPDATE citizen_session SET ended_at = $1, ended_by = 'logout' WHERE id = $2 AND ended_at IS NULL",
                        {now, p.session_id}));
    YC_TRY_VOID(audit::append(tx, entry(p.actor(client.address), "citizen.logout", p.citizen_id)));
    return {};
  });
}

Result<CitizenData> open_citizen(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t citizen_id) {
  auto row = tx.one("SELECT kind, id_sealed, name_sealed, phone_sealed FROM citizen WHERE id = $1", {citizen_id});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kUnauthenticated, "请先登录");
    return Unexpected{row.error()};
  }
  CitizenData d;
  d.kind = row->text(0);
  d.id_number = YC_TRY(keys.decrypt(row->text(1), kIdContext));
  d.name = YC_TRY(keys.decrypt(row->text(2), kNameContext));
  if (!row->text(3).empty()) d.phone = YC_TRY(keys.decrypt(row->text(3), kPhoneContext));
  return d;
}

}  // namespace yc::identity
