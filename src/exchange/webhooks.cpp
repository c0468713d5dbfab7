#include "exchange/webhooks.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "exchange/outbox.hpp"
#include "identity/secrets.hpp"
#include "platform/text.hpp"

namespace yc::exchange {
namespace {
constexpr const char* kSecretContext = "webhook.secret";
}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

std::string signature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  return "sha256=" + hmac_sha256_hex(secret, fmt::format("{}.{}", timestamp, body));
}

std::optional<std::int64_t> backoff_ms(int attempts) {
  static constexpr std::int64_t kWaits[] = {60'000, 300'000, 1'800'000, 7'200'000, 21'600'000, 43'200'000};
  if (attempts < 1 || attempts >= kMaxAttempts) return std::nullopt;
  return kWaits[attempts - 1];
}

namespace {

Subscription subscription_from(const store::Row& r) {
  Subscription s;
  s.id = r.int64(0);
  s.name = r.text(1);
  s.url = r.text(2);
  s.events = split_list(r.text(3));
  s.unit_code = r.text(4);
  s.unit_name = r.text(5);
  s.active = r.int64(6) != 0;
  s.created_at = r.int64(7);
  s.pending = static_cast<int>(r.int64(8));
  s.dead = static_cast<int>(r.int64(9));
  return s;
}
constexpr const char* kSubscriptionSql =
    "SELECT s.id, s.name, s.url, s.events, s.unit_code, u.name, s.active, s.created_at, "
    "(SELECT COUNT(*) FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.state = 'pending'), "
    "(SELECT COUNT(*) FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.state = 'dead'), s.unit_path "
    "FROM webhook_subscription s JOIN org_unit u ON u.code = s.unit_code ";

Delivery delivery_from(const store::Row& r) {
  Delivery d;
  d.id = r.int64(0);
  d.subscription_id = r.int64(1);
  d.subscription_name = r.text(2);
  d.event = r.text(3);
  d.payload = r.text(4);
  d.state = r.text(5);
  d.attempts = static_cast<int>(r.int64(6));
  if (auto s = r.opt_int64(7)) d.last_status = static_cast<int>(*s);
  d.last_error = r.text(8);
  d.next_at = r.int64(9);
  d.created_at = r.int64(10);
  d.delivered_at = r.opt_int64(11);
  return d;
}
constexpr const char* kDeliverySql =
    "SELECT d.id, d.subscription_id, s.name, d.event, d.payload, d.state, d.attempts, d.last_status, d.last_error, "
    "d.next_at, d.created_at, d.delivered_at, s.unit_path FROM webhook_delivery d JOIN webhook_subscription s ON "
    "s.id = d.subscription_id ";

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

}  // namespace

Result<Created> subscribe(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                          const org::Scope& scope, std::int64_t by, const NewSubscription& in, std::int64_t now) {
  if (in.name.empty() || utf8_length(in.name) > 50)
    return fail(ErrorCode::kInvalidArgument, "请填写对接系统名称(不超过 50 字)", "name");
  // HTTPS, or HTTP to the local host (tests, a relay on the same machine).
  const bool https = in.url.rfind("https://", 0) == 0;
  const bool local = in.url.rfind("http://127.0.0.1:", 0) == 0 || in.url.rfind("http://localhost:", 0) == 0;
  if ((!https && !local) || in.url.size() > 500 || in.url.find_first_of(" \r\n") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, "推送地址须为 https:// 地址", "url");
  if (in.events.empty()) return fail(ErrorCode::kInvalidArgument, "请选择要推送的事件", "events");
  std::string events = ",";
  for (const auto& e : in.events) {
    if (!valid_event(e)) return fail(ErrorCode::kInvalidArgument, fmt::format("未知的事件 {}", e), "events");
    if (events.find("," + e + ",") == std::string::npos) events += e + ",";
  }
  auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {in.unit_code});
  if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  Created out;
  out.secret = identity::random_token(32);
  const auto sealed = YC_TRY(keys.encrypt(out.secret, kSecretContext));
  auto id = YC_TRY(tx.one("INSERT INTO webhook_subscription (name, url, secret_sealed, events, unit_code, unit_path, "
                          "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                          {in.name, in.url, sealed, events, in.unit_code, unit->text(0), by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "webhook.subscribe", "webhook_subscription",
                                                 std::to_string(id.int64(0)))));
  out.subscription = subscription_from(YC_TRY(tx.one(std::string(kSubscriptionSql) + "WHERE s.id = $1", {id.int64(0)})));
  return out;
}

Result<std::vector<Subscription>> subscriptions(store::Tx& tx, const org::Scope& scope) {
  std::vector<store::Param> params;
  auto rows = YC_TRY(tx.query(std::string(kSubscriptionSql) + "WHERE " + scope.sql("s.unit_path", params) +
                                  " ORDER BY s.active DESC, s.id",
                              params));
  std::vector<Subscription> out;
  for (const auto& r : rows.rows) out.push_back(subscription_from(r));
  return out;
}

Result<void> deactivate(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one("SELECT unit_path FROM webhook_subscription WHERE id = $1", {id});
  if (!row || !scope.covers(row->text(0))) return fail(ErrorCode::kNotFound, "订阅不存在", "id");
  YC_TRY(tx.exec("UPDATE webhook_subscription SET active = 0 WHERE id = $1", {id}));
  // What was still queued will not be sent.
  YC_TRY(tx.exec("UPDATE webhook_delivery SET state = 'dead', last_error = '订阅已停用' WHERE subscription_id = $1 "
                 "AND state = 'pending'",
                 {id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "webhook.deactivate", "webhook_subscription", std::to_string(id))));
  return {};
}

Result<std::vector<Delivery>> deliveries(store::Tx& tx, const org::Scope& scope, const std::string& state) {
  if (!state.empty() && state != "pending" && state != "delivered" && state != "dead")
    return fail(ErrorCode::kInvalidArgument, "状态只能是待推送、已送达或死信", "state");
  std::vector<store::Param> params;
  std::string where = scope.sql("s.unit_path", params);
  if (!state.empty()) {
    params.emplace_back(state);
    where += fmt::format(" AND d.state = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(std::string(kDeliverySql) + "WHERE " + where + " ORDER BY d.id DESC LIMIT 500", params));
  std::vector<Delivery> out;
  for (const auto& r : rows.rows) out.push_back(delivery_from(r));
  return out;
}

Result<Delivery> retry(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       std::int64_t now) {
  auto row = tx.one(std::string(kDeliverySql) + "WHERE d.id = $1", {id});
  if (!row || !scope.covers(row->text(12))) return fail(ErrorCode::kNotFound, "推送记录不存在", "id");
  if (row->text(5) != "dead") return fail(ErrorCode::kConflict, "只有死信可以重新推送", "state");
  auto active = YC_TRY(tx.one("SELECT active FROM webhook_subscription WHERE id = $1", {row->int64(1)}));
  if (active.int64(0) == 0) return fail(ErrorCode::kUnprocessable, "订阅已停用，不能重新推送", "state");
  YC_TRY(tx.exec("UPDATE webhook_delivery SET state = 'pending', attempts = 0, next_at = $1, last_error = '' "
                 "WHERE id = $2 AND state = 'dead'",
                 {now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "webhook.retry", "webhook_delivery", std::to_string(id))));
  return delivery_from(YC_TRY(tx.one(std::string(kDeliverySql) + "WHERE d.id = $1", {id})));
}

void init() { curl_global_init(CURL_GLOBAL_DEFAULT); }

Result<int> curl_post(const Post& p) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return fail(ErrorCode::kInternal, "curl_easy_init");
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : p.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, p.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, p.body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(p.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  const auto rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return fail(ErrorCode::kUnavailable, curl_easy_strerror(rc));
  return static_cast<int>(status);
}

Result<int> dispatch(store::Database& db, const privacy::KeyRing& keys, const Sender& send, std::int64_t now,
                     int limit) {
  struct Due {
    std::int64_t id;
    std::string event, payload, url, secret_sealed;
    int attempts;
  };
  auto due = YC_TRY(db.transact<std::vector<Due>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Due>> {
    auto rows = YC_TRY(tx.query("SELECT d.id, d.event, d.payload, s.url, s.secret_sealed, d.attempts FROM webhook_delivery d "
                                "JOIN webhook_subscription s ON s.id = d.subscription_id WHERE d.state = 'pending' AND "
                                "d.next_at <= $1 ORDER BY d.next_at, d.id LIMIT $2",
                                {now, std::int64_t{limit}}));
    std::vector<Due> out;
    for (const auto& r : rows.rows)
      out.push_back(Due{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), static_cast<int>(r.int64(5))});
    return out;
  }));
  int delivered = 0;
  for (const auto& d : due) {
    const auto secret = YC_TRY(keys.decrypt(d.secret_sealed, kSecretContext));
    const auto ts = now / 1000;
    auto status = send(Post{d.url, d.payload,
                            {{"Content-Type", "application/json"},
                             {"User-Agent", "yichuang-webhook"},
                             {"X-Yichuang-Event", d.event},
                             {"X-Yichuang-Delivery", std::to_string(d.id)},
                             {"X-Yichuang-Timestamp", std::to_string(ts)},
                             {"X-Yichuang-Signature", signature(secret, ts, d.payload)}}});
    const bool ok = status && *status >= 200 && *status < 300;
    const int attempts = d.attempts + 1;
    const auto wait = backoff_ms(attempts);
    const std::string state = ok ? "delivered" : (wait ? "pending" : "dead");
    const std::string error = ok ? "" : (status ? fmt::format("HTTP {}", *status) : status.error().message);
    // Only this node's claim counts: the row must still be pending with the attempts it had.
    YC_TRY(db.transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<int> {
      YC_TRY(tx.exec("UPDATE webhook_delivery SET state = $1, attempts = $2, next_at = $3, last_status = $4, "
                     "last_error = $5, delivered_at = $6 WHERE id = $7 AND state = 'pending' AND attempts = $8",
                     {state, std::int64_t{attempts}, now + wait.value_or(0),
                      status ? store::Param(std::int64_t{*status}) : store::null_param(), error,
                      ok ? store::Param(now) : store::null_param(), d.id, std::int64_t{d.attempts}}));
      return 0;
    }));
    if (ok) ++delivered;
  }
  return delivered;
}

}  // namespace yc::exchange
