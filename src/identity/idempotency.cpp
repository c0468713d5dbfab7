#include "identity/idempotency.hpp"

#include <optional>

#include "privacy/crypto.hpp"

namespace yc::identity {
namespace {

std::string request_hash(const http::Request& r) {
  std::string text(http::method_name(r.method));
  text += ' ';
  text += r.path;
  text += '?';
  text += r.raw_query;
  text += '\n';
  text += r.body;
  return privacy::sm3_hex(text);
}

struct Stored {
  std::string hash;
  http::Response response;
};

Result<std::optional<Stored>> find(store::Tx& tx, std::int64_t account, const std::string& key) {
  auto rows = YC_TRY(tx.query("SELECT request_hash, status, content_type, body FROM idempotency_key "
                              "WHERE account_id = $1 AND idem_key = $2",
                              {account, key}));
  if (rows.rows.empty()) return std::optional<Stored>{};
  const auto& row = rows.rows[0];
  http::Response resp;
  resp.status = static_cast<int>(row.int64(1));
  resp.content_type = row.text(2);
  resp.body = row.text(3);
  resp.header("Idempotent-Replayed", "true");
  return std::optional<Stored>{Stored{row.text(0), std::move(resp)}};
}

Result<http::Response> replay(const Stored& s, const std::string& hash) {
  if (s.hash != hash)
    return fail(ErrorCode::kUnprocessable, "该 Idempotency-Key 已用于另一个请求,请为新操作使用新的键", "Idempotency-Key");
  return s.response;
}

}  // namespace

Result<http::Response> idempotent(store::Database& db, const http::Request& r, const Principal& p, bool required,
                                  const std::function<Result<http::Response>(store::Tx&)>& write) {
  const auto header = r.header("idempotency-key");
  if (!header) {
    if (required) return fail(ErrorCode::kInvalidArgument, "请求缺少 Idempotency-Key 请求头", "Idempotency-Key");
    return db.transact<http::Response>(store::TxMode::kWrite, write);
  }
  const std::string key(*header);
  bool printable = !key.empty() && key.size() <= 100;
  for (char ch : key) printable = printable && ch > 0x20 && ch < 0x7f;
  if (!printable) return fail(ErrorCode::kInvalidArgument, "Idempotency-Key 应为 1 至 100 个可见 ASCII 字符", "Idempotency-Key");
  const auto hash = request_hash(r);
  auto out = db.transact<http::Response>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<http::Response> {
    if (auto seen = YC_TRY(find(tx, p.account_id, key))) return replay(*seen, hash);
    auto resp = YC_TRY(write(tx));
    if (resp.status >= 200 && resp.status < 300 && resp.static_body.empty())
      YC_TRY_VOID(tx.exec("INSERT INTO idempotency_key (account_id, idem_key, request_hash, status, content_type, body, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {p.account_id, key, hash, static_cast<std::int64_t>(resp.status), resp.content_type, resp.body,
                           r.received_at_ms}));
    return resp;
  });
  // Two copies of one request at once (PostgreSQL): the loser's insert of the
  // key failed and its effect rolled back; it answers with the winner's.
  if (!out && out.error().code == ErrorCode::kConflict) {
    auto seen = db.transact<std::optional<Stored>>(store::TxMode::kRead,
                                                   [&](store::Tx& tx) { return find(tx, p.account_id, key); });
    if (seen && *seen) return replay(**seen, hash);
  }
  return out;
}

Result<std::int64_t> prune_idempotency_keys(store::Database& db, std::int64_t before) {
  return db.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return tx.exec("DELETE FROM idempotency_key WHERE created_at < $1", {before});
  });
}

}  // namespace yc::identity
