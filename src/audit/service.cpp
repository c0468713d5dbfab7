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
    auto anchor = YC_TRY(tx.one("SELECT anchor_seq, anchor_hash FROM audit_head WHERE id = 1"));
    const std::int64_t anchor_seq = anchor.int64(0);
    std::int64_t last_seq = anchor_seq;
    std::string last_hash = anchor.text(1);
    bool prune_recorded = anchor_seq == 0;
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
        if (e.action == "audit.prune" && e.object_id == std::to_string(anchor_seq)) prune_recorded = true;
        last_seq = e.seq;
        last_hash = e.hash;
        ++report.entries;
      }
      if (rows.rows.size() < static_cast<std::size_t>(kPage)) break;
    }
    if (!prune_recorded)
      return broken(anchor_seq + 1, fmt::format("日志从第 {} 条之后开始,但没有对应的保留期清理记录", anchor_seq));
    auto head = YC_TRY(tx.one("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (head.int64(0) != last_seq)
      return broken(std::min(head.int64(0), last_seq) + 1,
                    fmt::format("审计日志应有 {} 条,实际连续有效 {} 条 (末尾记录缺失)", head.int64(0), last_seq));
    if (head.text(1) != last_hash)
      return broken(last_seq, fmt::format("第 {} 条记录与日志头不符", last_seq));
    return report;
  });
}

Result<std::int64_t> prune(store::Database& db, std::int64_t cutoff_ms) {
  return db.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
    if (tx.engine() == store::Engine::kPostgres)
      YC_TRY_VOID(tx.query("SELECT pg_advisory_xact_lock($1)", {kAppendLock}));
    auto head = YC_TRY(tx.one("SELECT seq, anchor_seq FROM audit_head WHERE id = 1"));
    auto last_old = YC_TRY(tx.one("SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE created_at < $1 AND seq < $2",
                                  {cutoff_ms, head.int64(0)}));
    const std::int64_t through = last_old.int64(0);
    if (through <= head.int64(1)) return std::int64_t{0};
    auto anchor = YC_TRY(tx.one("SELECT hash FROM audit_log WHERE seq = $1", {through}));
    YC_TRY_VOID(append(tx, entry_for(Actor::system(), "audit.prune", "audit_log", std::to_string(through))));
    auto removed = YC_TRY(tx.exec("DELETE FROM audit_log WHERE seq <= $1", {through}));
    YC_TRY_VOID(tx.exec("UPDATE audit_head SET anchor_seq = $1, anchor_hash = $2 WHERE id = 1",
                        {through, anchor.text(0)}));
    return removed;
  });
}

}  // namespace yc::audit
