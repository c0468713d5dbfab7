// The audit chain on both engines, and the tamper test of issue 4: rows of
// audit_log modified, deleted, inserted or swapped directly in the database
// are found by verify, which names the entry, every time.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "audit/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/engine_test.hpp"
#include "store/testing.hpp"

namespace yc::audit {
namespace {

Entry sample(int i) {
  Entry e;
  e.actor_id = "u" + std::to_string(i % 5);
  e.actor_role = "窗口受理员";
  e.unit_id = "110101001";
  e.site_id = "s1";
  e.window_id = std::to_string(i % 3 + 1);
  e.action = "case.accept";
  e.object_type = "case";
  e.object_id = std::to_string(1000 + i);
  e.client_address = "10.1.2.3";
  e.outcome = "ok";
  e.after_digest = std::string(64, 'a');
  return e;
}

Result<void> append_n(store::Database& db, int n) {
  for (int i = 0; i < n; ++i)
    YC_TRY_VOID(db.transact<Entry>(store::TxMode::kWrite, [&](store::Tx& tx) { return append(tx, sample(i)); }));
  return {};
}

class AuditChain : public store::testing::EngineTest {};

TEST_P(AuditChain, AnEmptyTrailAndAnAppendedOneVerify) {
  auto empty = verify(*db_);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->ok);
  ASSERT_TRUE(append_n(*db_, 25));
  auto r = verify(*db_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->entries, 25);
}

TEST_P(AuditChain, AnEntryRollsBackWithTheActionItRecords) {
  auto failed = db_->transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(append(tx, sample(1)));
    return fail(ErrorCode::kUnprocessable, "业务拒绝");
  });
  ASSERT_FALSE(failed);
  auto r = verify(*db_);
  EXPECT_TRUE(r->ok);
  EXPECT_EQ(r->entries, 0);
}

TEST_P(AuditChain, ConcurrentAppendsStayOneUnbrokenChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      if (!append_n(*db_, 15)) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto r = verify(*db_);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->entries, 60);
}

// Issue 4, item 5: retention prunes old entries, and the shortened trail
// still verifies; tampering with what remains, or with the anchor, does not.
TEST_P(AuditChain, PruningOldEntriesKeepsTheChainVerifiableAndTamperEvident) {
  auto append_at = [&](int i, std::int64_t at) {
    return db_->transact<Entry>(store::TxMode::kWrite, [&](store::Tx& tx) {
      Entry e = sample(i);
      e.created_at = at;
      return append(tx, e);
    });
  };
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(append_at(i, 1'000 + i));
  for (int i = 10; i < 15; ++i) ASSERT_TRUE(append_at(i, 9'000 + i));
  auto removed = prune(*db_, 5'000);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_EQ(*removed, 10);
  EXPECT_EQ(*prune(*db_, 5'000), 0);  // nothing more is old enough
  auto r = verify(*db_);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->entries, 6);  // five kept and the prune record
  ASSERT_TRUE(append_n(*db_, 3));
  EXPECT_TRUE(verify(*db_)->ok);

  // Deleting the oldest kept entry is found and named.
  auto tamper = [&](const std::string& sql) {
    return db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(tx.exec(sql));
      return {};
    });
  };
  auto hash11 = db_->transact<std::string>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::string> {
    return YC_TRY(tx.one("SELECT hash FROM audit_log WHERE seq = 11")).text(0);
  });
  ASSERT_TRUE(hash11);
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE seq = 11"));
  auto cut = verify(*db_);
  EXPECT_FALSE(cut->ok);
  EXPECT_EQ(cut->bad_seq, 11);
  // Moving the anchor past the gap to hide it needs a prune record that
  // names the new anchor; there is none.
  ASSERT_TRUE(tamper("UPDATE audit_head SET anchor_seq = 11, anchor_hash = '" + *hash11 + "' WHERE id = 1"));
  auto moved = verify(*db_);
  EXPECT_FALSE(moved->ok);
  EXPECT_EQ(moved->bad_seq, 12);
}

YC_ON_BOTH_ENGINES(AuditChain);

// Many random trials on copies of one SQLite trail.
TEST(AuditTamper, EveryModificationDeletionInsertionOrSwapIsFoundAndNamed) {
  const auto dir = std::filesystem::temp_directory_path() / ("yc-tamper-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto base = (dir / "base.db").string();
  constexpr int kEntries = 30;
  {
    store::Options o;
    o.sqlite_path = base;
    auto db = store::Database::open(o).value();
    ASSERT_TRUE(store::migrate(*db, store::builtin_migrations()));
    ASSERT_TRUE(append_n(*db, kEntries));
    ASSERT_TRUE(verify(*db)->ok);
  }
  const char* kFields[] = {"created_at", "actor_id", "actor_role", "unit_id", "site_id", "window_id",
                           "action", "object_type", "object_id", "client_address", "outcome",
                           "before_digest", "after_digest", "prev_hash", "hash"};
  std::mt19937 rng(20261125);
  constexpr int kTrials = 200;
  for (int trial = 0; trial < kTrials; ++trial) {
    const auto copy = (dir / "t.db").string();
    std::filesystem::copy_file(base, copy, std::filesystem::copy_options::overwrite_existing);
    store::Options o;
    o.sqlite_path = copy;
    auto db = store::Database::open(o).value();
    const int kind = static_cast<int>(rng() % 4);
    const std::int64_t k = 1 + static_cast<std::int64_t>(rng() % kEntries);
    std::int64_t lo = k, hi = k;  // the entries verify may name
    auto tampered = db->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      switch (kind) {
        case 0: {  // change one field of one row
          const std::string field = kFields[rng() % std::size(kFields)];
          if (field == "created_at")
            YC_TRY_VOID(tx.exec("UPDATE audit_log SET created_at = created_at + 1 WHERE seq = $1", {k}));
          else
            YC_TRY_VOID(tx.exec("UPDATE audit_log SET " + field + " = " + field + " || 'x' WHERE seq = $1", {k}));
          return {};
        }
        case 1:  // delete one row (the last one included)
          YC_TRY_VOID(tx.exec("DELETE FROM audit_log WHERE seq = $1", {k}));
          return {};
        case 2: {  // insert a forged row after the head, chained or not
          const std::int64_t at = kEntries + 1 + static_cast<std::int64_t>(rng() % 3);
          Entry forged = sample(99);
          forged.seq = at;
          forged.created_at = 1;
          forged.prev_hash = (rng() % 2 == 0) ? std::string(64, 'f') : kGenesisHash;
          forged.hash = chain_hash(forged);
          YC_TRY_VOID(tx.exec(
              "INSERT INTO audit_log SELECT $1, created_at, actor_id, actor_role, unit_id, site_id, "
              "window_id, action, object_type, object_id, client_address, outcome, before_digest, "
              "after_digest, $2, $3 FROM audit_log WHERE seq = 1",
              {at, forged.prev_hash, forged.hash}));
          lo = kEntries + 1;
          hi = at;
          return {};
        }
        default: {  // swap the contents of two rows
          std::int64_t other = 1 + static_cast<std::int64_t>(rng() % kEntries);
          if (other == k) other = k % kEntries + 1;
          YC_TRY_VOID(tx.exec("UPDATE audit_log SET seq = -1 WHERE seq = $1", {k}));
          YC_TRY_VOID(tx.exec("UPDATE audit_log SET seq = $1 WHERE seq = $2", {k, other}));
          YC_TRY_VOID(tx.exec("UPDATE audit_log SET seq = $1 WHERE seq = -1", {other}));
          lo = std::min(k, other);
          hi = std::max(k, other);
          return {};
        }
      }
    });
    ASSERT_TRUE(tampered) << tampered.error().message;
    auto r = verify(*db);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_FALSE(r->ok) << "trial " << trial << " kind " << kind << " seq " << k;
    EXPECT_GE(r->bad_seq, lo) << "trial " << trial << " kind " << kind << ": " << r->reason;
    EXPECT_LE(r->bad_seq, hi) << "trial " << trial << " kind " << kind << ": " << r->reason;
    EXPECT_FALSE(r->reason.empty());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace yc::audit
