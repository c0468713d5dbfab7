#include "audit/service.hpp"

#include <fmt/format.h>

#include "platform/time.hpp"

namespace yc::audit {
namespace {

constexpr std::int64_t kAppendLock = 0x7963'6175'6474;  // "ycaudt"
constexpr int kPage = 1000;

constexpr const char* kColumns =
    "seq, created_at, actor_id, actor_role, unit_id, site_id, window_id, action, object_type, "
    "object_id, client_address, outcome, before_digest, after_digest, prev_hash, hash";

Entry from_row(const store::Row& r) {
  Entry e;
  e.seq = r.int64(0);
  e.created_at = r.int64(1);
  std::string* fields[] = {&e.actor_id,   &e.actor_role,     &e.unit_id,   &e.site_id,
                           &e.window_id,  &e.action,         &e.object_type, &e.object_id,
                           &e.client_address, &e.outcome,    &e.before_digest, &e.after_digest,
                           &e.prev_hash,  &e.hash};
  for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = r.text(i + 2);
  return e;
}

}  // namespace

Result<Entry> append(store::Tx& tx, Entry e) {
  if (tx.engine() == store::Engine::kPostgres)
    YC_TRY_VOID(tx.query("SELECT pg_advisory_xact_lock($1)", {kAppendLock}));
  auto head = YC_TRY(tx.one("SELECT seq, hash FROM audit_head WHERE id = 1"));
  e.seq = head.int64(0) + 1;
  e.prev_hash = head.text(1);
  if (e.created_at == 0) e.created_at = time::now_ms();
  e.hash = chain_hash(e);
  YC_TRY_VOID(tx.exec(
      fmt::format("INSERT INTO audit_log ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                  "$11, $12, $13, $14, $15, $16)",
                  kColumns),
      {e.seq, e.created_at, e.actor_id, e.actor_role, e.unit_id, e.site_id, e.window_id, e.action,
       e.object_type, e.object_id, e.client_address, e.outcome, e.before_digest, e.after_digest,
       e.prev_hash, e.hash}));
  YC_TRY_VOID(tx.exec("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", {e.seq, e.hash}));
  return e;
}

Result<VerifyReport> verify(store::Database& db) {
  return db.transact<VerifyReport>(store::TxMode::kRead, [](store::Tx& tx) -> Result<VerifyReport> {
    // One snapshot for every page, so appends running meanwhile are not seen.
    if (tx.engine() == store::Engine::kPostgres)
      YC_TRY_VOID(tx.exec_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    VerifyReport report;
    auto broken = [&report](std::int64_t seq, std::string reason) {
      report.ok = false;
      report.bad_seq = seq;
      report.reason = std::move(reason);
      return report;
    };
    std::int64_t last_seq = 0;
    std::string last_hash = kGenesisHash;
    for (;;) {
      auto rows = YC_TRY(tx.query(
          fmt::format("SELECT {} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT {}", kColumns, kPage),
          {last_seq}));
      for (const auto& row : rows.rows) {
        const Entry e = from_row(row);
        if (e.seq != last_seq + 1)
          return broken(last_seq + 1, fmt::format("第 {} 条记录缺失 (下一条为第 {} 条)", last_seq + 1, e.seq));
        if (e.prev_hash != last_hash)
          return broken(e.seq, fmt::format("第 {} 条记录与前一条的链接不符", e.seq));
        if (chain_hash(e) != e.hash)
          return broken(e.seq, fmt::format("第 {} 条记录的内容与其哈希不符 (被修改过)", e.seq));
        last_seq = e.seq;
        last_hash = e.hash;
        ++report.entries;
      }
      if (rows.rows.size() < static_cast<std::size_t>(kPage)) break;
    }
    auto head = YC_TRY(tx.one("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (head.int64(0) != last_seq)
      return broken(std::min(head.int64(0), last_seq) + 1,
                    fmt::format("审计日志应有 {} 条,实际连续有效 {} 条 (末尾记录缺失)", head.int64(0), last_seq));
    if (head.text(1) != last_hash)
      return broken(last_seq, fmt::format("第 {} 条记录与日志头不符", last_seq));
    return report;
  });
}

}  // namespace yc::audit
