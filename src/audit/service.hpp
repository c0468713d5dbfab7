#pragma once
// Writing and checking the audit trail. append() runs inside the caller's
// transaction, so the entry and the change it records commit together, and
// a failed audit write fails the action (research/security.md).

#include <cstdint>
#include <string>

#include "audit/model.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::audit {

// Fills seq, prev_hash, hash (and created_at when 0) and inserts the entry.
// Appends are serialized: SQLite's write lock, PostgreSQL's advisory lock.
Result<Entry> append(store::Tx& tx, Entry entry);

struct VerifyReport {
  bool ok = true;
  std::int64_t entries = 0;   // entries checked
  std::int64_t bad_seq = 0;   // the first entry that fails, when !ok
  std::string reason;         // Chinese, for the operator
};

// Walks the chain from the anchor (the genesis, or the last pruned entry) in
// one consistent snapshot: each seq
// follows the last, each prev_hash is the last hash, each hash matches the
// entry, and audit_head names the last entry. Errors only for a database
// that cannot be read.
Result<VerifyReport> verify(store::Database& db);

// Retention: removes the entries created before `cutoff_ms` (keeping at
// least the newest one), moves the anchor to the last removed entry and
// appends an "audit.prune" entry naming it, all in one transaction. Returns
// how many entries were removed.
Result<std::int64_t> prune(store::Database& db, std::int64_t cutoff_ms);

}  // namespace yc::audit
