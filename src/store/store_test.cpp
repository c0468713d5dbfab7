// The store suite runs on both engines: SQLite in a temp dir and the private
// PostgreSQL cluster that CTest starts (YICHUANG_TEST_PG_URL).

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <thread>

#include "store/database.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/notify.hpp"
#include "store/testing.hpp"

namespace yc::store {
namespace {

std::string pg_url() {
  const char* url = std::getenv("YICHUANG_TEST_PG_URL");
  return url != nullptr ? url : "";
}

class StoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::open_for_test(GetParam(), &dir_, &why);
    if (!db_) {
      if (why == "skip") GTEST_SKIP();
      FAIL() << why;
    }
    // Each test gets fresh tables (PostgreSQL's database is shared by tests).
    table_ = "t_" + std::to_string(std::random_device{}() % 1000000000);
    ASSERT_TRUE(write([&](Tx& tx) {
      return tx.exec_script(render_migration(
          "CREATE TABLE " + table_ +
              " (id {{id}}, name TEXT NOT NULL UNIQUE, n BIGINT, x DOUBLE PRECISION,"
              " version BIGINT NOT NULL DEFAULT 1)",
          tx.engine()));
    }));
  }
  void TearDown() override {
    if (db_) (void)write([&](Tx& tx) { return tx.exec_script("DROP TABLE IF EXISTS " + table_); });
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  Result<void> write(const std::function<Result<void>(Tx&)>& fn) {
    return db_->transact<void>(TxMode::kWrite, fn);
  }
  std::int64_t insert(const std::string& name, std::optional<std::int64_t> n = std::nullopt) {
    return db_->transact<std::int64_t>(TxMode::kWrite, [&](Tx& tx) -> Result<std::int64_t> {
      auto row = YC_TRY(tx.one("INSERT INTO " + table_ + " (name, n) VALUES ($1, $2) RETURNING id",
                               {name, n ? Param(*n) : null_param()}));
      return row.int64(0);
    }).value();
  }
  std::int64_t count() {
    return db_->transact<std::int64_t>(TxMode::kRead, [&](Tx& tx) -> Result<std::int64_t> {
      auto row = YC_TRY(tx.one("SELECT COUNT(*) FROM " + table_));
      return row.int64(0);
    }).value();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  std::string table_;
};

TEST_P(StoreTest, RoundTripsNullsIntegersRealsAndUnicode) {
  const std::string name = "张𠮷 \"quoted\" 'single' \\ 😀";
  ASSERT_TRUE(write([&](Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name, n, x) VALUES ($1, $2, $3)",
                        {name, std::numeric_limits<std::int64_t>::min(), 0.1}));
    YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name, n, x) VALUES ($1, $2, $3)",
                        {std::string(""), std::numeric_limits<std::int64_t>::max(), null_param()}));
    return {};
  }));
  auto rows = db_->transact<Rows>(TxMode::kRead, [&](Tx& tx) {
    return tx.query("SELECT name, n, x FROM " + table_ + " ORDER BY id");
  });
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].text(0), name);
  EXPECT_EQ(rows->rows[0].int64(1), std::numeric_limits<std::int64_t>::min());
  EXPECT_DOUBLE_EQ(rows->rows[0].real(2), 0.1);
  EXPECT_EQ(rows->rows[1].text(0), "");
  EXPECT_FALSE(rows->rows[1].is_null(0));
  EXPECT_EQ(rows->rows[1].int64(1), std::numeric_limits<std::int64_t>::max());
  EXPECT_TRUE(rows->rows[1].is_null(2));
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"name", "n", "x"}));
}

TEST_P(StoreTest, PlaceholdersMayRepeatAndComeOutOfOrder) {
  insert("a", 5);
  auto row = db_->transact<Row>(TxMode::kRead, [&](Tx& tx) {
    return tx.one("SELECT name FROM " + table_ + " WHERE n = $2 AND name = $1 AND n >= $2",
                  {std::string("a"), std::int64_t{5}});
  });
  ASSERT_TRUE(row) << row.error().message;
  EXPECT_EQ(row->text(0), "a");
}

TEST_P(StoreTest, AnErrorRollsBackTheWholeTransaction) {
  auto r = write([&](Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)", {std::string("x")}));
    return fail(ErrorCode::kUnprocessable, "业务拒绝");
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(count(), 0);
}

TEST_P(StoreTest, AnExceptionRollsBackAndPropagates) {
  EXPECT_THROW((void)write([&](Tx& tx) -> Result<void> {
                 (void)tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)", {std::string("x")});
                 throw std::runtime_error("bug");
               }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  insert("after");  // the connection is usable again
  EXPECT_EQ(count(), 1);
}

TEST_P(StoreTest, UniqueViolationIsConflictAndLeavesNoTrace) {
  insert("dup");
  auto r = write([&](Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)", {std::string("other")}));
    YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)", {std::string("dup")}));
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().message.find("dup"), std::string::npos) << "no bound values in messages";
  EXPECT_EQ(count(), 1);
}

TEST_P(StoreTest, OneGivesNotFoundForNoRows) {
  auto r = db_->transact<Row>(TxMode::kRead, [&](Tx& tx) {
    return tx.one("SELECT id FROM " + table_ + " WHERE id = $1", {std::int64_t{42}});
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, VersionedUpdateDetectsConcurrentEdits) {
  const auto id = insert("v", 1);
  auto bump = [&](std::int64_t expected) {
    return db_->transact<std::int64_t>(TxMode::kWrite, [&](Tx& tx) {
      return update_versioned(tx, table_, "n = n + $1", {std::int64_t{1}}, id, expected);
    });
  };
  EXPECT_EQ(*bump(1), 2);
  auto stale = bump(1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kVersionConflict);
  auto missing = db_->transact<std::int64_t>(TxMode::kWrite, [&](Tx& tx) {
    return update_versioned(tx, table_, "n = $1", {std::int64_t{0}}, id + 1000, 1);
  });
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, ConcurrentVersionedWritersLoseNoUpdate) {
  const auto id = insert("counter", 0);
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        for (int attempt = 0;; ++attempt) {
          auto r = db_->transact<std::int64_t>(TxMode::kWrite, [&](Tx& tx) -> Result<std::int64_t> {
            auto row = YC_TRY(tx.one("SELECT version FROM " + table_ + " WHERE id = $1", {id}));
            return update_versioned(tx, table_, "n = n + 1", {}, id, row.int64(0));
          });
          if (r) break;
          if (r.error().code != ErrorCode::kVersionConflict || attempt > 1000) {
            ++failures;
            break;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto n = db_->transact<Row>(TxMode::kRead, [&](Tx& tx) {
    return tx.one("SELECT n, version FROM " + table_ + " WHERE id = $1", {id});
  });
  EXPECT_EQ(n->int64(0), kThreads * kIncrements);
  EXPECT_EQ(n->int64(1), kThreads * kIncrements + 1);
}

TEST_P(StoreTest, AnExhaustedPoolWaitsInsteadOfFailing) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 12; ++t) {  // 3x the pool size
    threads.emplace_back([&, t] {
      auto r = db_->transact<void>(TxMode::kWrite, [&](Tx& tx) -> Result<void> {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)",
                            {"p" + std::to_string(t)}));
        return {};
      });
      if (r) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 12);
  EXPECT_EQ(count(), 12);
}

TEST_P(StoreTest, MigrationsAreIdempotentAndRefuseEditedHistory) {
  std::vector<Migration> ms = {
      {1, "one", "CREATE TABLE " + table_ + "_m (id {{id}}, label TEXT NOT NULL);"},
      {2, "two", "ALTER TABLE " + table_ + "_m ADD COLUMN extra TEXT;"},
  };
  // A private schema_migrations is not possible per test on a shared
  // PostgreSQL database, so these versions are offset past the real ones.
  const int base = 10000 + static_cast<int>(std::random_device{}() % 100000) * 10;
  for (auto& m : ms) m.version += base;
  auto first = migrate(*db_, ms);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, base + 2);
  auto again = migrate(*db_, ms);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, base + 2);
  ms[0].sql += " -- edited";
  auto edited = migrate(*db_, ms);
  ASSERT_FALSE(edited);
  EXPECT_NE(edited.error().message.find("校验和"), std::string::npos);
  // A binary that knows fewer migrations than the database refuses too.
  auto older = migrate(*db_, {{1, "x", "SELECT 1"}});
  ASSERT_FALSE(older);
  // Clean up the versions this test added.
  ASSERT_TRUE(write([&](Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("DELETE FROM schema_migrations WHERE version > $1", {std::int64_t{base}}));
    return tx.exec_script("DROP TABLE " + table_ + "_m");
  }));
}

TEST_P(StoreTest, BuiltinMigrationsApply) {
  auto level = migrate(*db_, builtin_migrations());
  ASSERT_TRUE(level) << level.error().message;
  EXPECT_EQ(*level, builtin_migrations().back().version);
  EXPECT_EQ(*current_level(*db_), *level);
}

// Many writers at once (group commit on SQLite): every successful write is
// kept, every failed or throwing one leaves nothing, whichever writes shared
// its commit; each caller gets its own answer.
TEST_P(StoreTest, ConcurrentWritersSharingCommitsKeepExactlyTheirOwnOutcome) {
  constexpr int kThreads = 16, kEach = 25;
  std::atomic<int> ok{0}, refused{0}, thrown{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "w" + std::to_string(t) + "-" + std::to_string(i);
        const int kind = (t + i) % 3;  // 0: ok, 1: refused after writing, 2: throws after writing
        try {
          auto r = write([&](Tx& tx) -> Result<void> {
            YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name, n) VALUES ($1, $2)", {name, std::int64_t{kind}}));
            if (kind == 1) return fail(ErrorCode::kUnprocessable, "拒绝");
            if (kind == 2) throw std::runtime_error("bug");
            return {};
          });
          if (kind == 0 && r) ++ok;
          else if (kind == 1 && !r && r.error().code == ErrorCode::kUnprocessable) ++refused;
          else ++wrong;
        } catch (const std::runtime_error&) {
          (kind == 2 ? thrown : wrong) += 1;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(ok + refused + thrown, kThreads * kEach);
  // Exactly the successful writes are there, and nothing of the others.
  EXPECT_EQ(count(), ok.load());
  auto kept = db_->transact<std::int64_t>(TxMode::kRead, [&](Tx& tx) -> Result<std::int64_t> {
    return YC_TRY(tx.one("SELECT COUNT(*) FROM " + table_ + " WHERE n <> 0")).int64(0);
  });
  EXPECT_EQ(kept.value(), 0);
}

// A unique violation inside a shared commit fails that writer only.
TEST_P(StoreTest, AConflictInOneConcurrentWriteDoesNotUndoTheOthers) {
  insert("taken");
  constexpr int kThreads = 12;
  std::atomic<int> conflicts{0}, ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto r = write([&](Tx& tx) -> Result<void> {
        YC_TRY_VOID(tx.exec("INSERT INTO " + table_ + " (name) VALUES ($1)",
                            {t % 2 == 0 ? std::string("taken") : "free" + std::to_string(t)}));
        return {};
      });
      if (r) ++ok;
      else if (r.error().code == ErrorCode::kConflict) ++conflicts;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(conflicts.load(), kThreads / 2);
  EXPECT_EQ(ok.load(), kThreads / 2);
  EXPECT_EQ(count(), 1 + kThreads / 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& p) { return std::string(engine_name(p.param)); });

TEST(Migrations, EngineBlocksAreKeptOnlyForTheirEngine) {
  const std::string sql = "A {{id}};\n{{postgresql}}PG;{{end}}\n{{sqlite}}LITE;{{end}}\nB;";
  EXPECT_EQ(render_migration(sql, Engine::kSqlite), "A INTEGER PRIMARY KEY AUTOINCREMENT;\n\nLITE;\nB;");
  EXPECT_EQ(render_migration(sql, Engine::kPostgres),
            "A BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY;\nPG;\n\nB;");
}

TEST(SqliteStore, DurabilitySettingsAreOn) {
  auto dir = std::filesystem::temp_directory_path() / ("yc-pragmas-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Options o;
  o.sqlite_path = (dir / "p.db").string();
  auto db = Database::open(o).value();
  auto rows = db->transact<Rows>(TxMode::kRead, [](Tx& tx) -> Result<Rows> {
    Rows all;
    for (const char* p : {"PRAGMA journal_mode", "PRAGMA synchronous", "PRAGMA foreign_keys", "PRAGMA wal_autocheckpoint"}) {
      auto r = YC_TRY(tx.query(p));
      all.rows.push_back(r.rows.at(0));
    }
    return all;
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].text(0), "wal");
  EXPECT_EQ(rows->rows[1].int64(0), 2);  // FULL
  EXPECT_EQ(rows->rows[2].int64(0), 1);
  EXPECT_EQ(rows->rows[3].int64(0), 10000);
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(PostgresListener, ReceivesCommittedNotifiesOnlyAndCloseInterruptsAWait) {
  const std::string url = pg_url();
  if (url.empty()) {
    if (std::getenv("YICHUANG_TEST_PG_OPTIONAL") != nullptr) GTEST_SKIP();
    FAIL() << "YICHUANG_TEST_PG_URL is not set";
  }
  Options o;
  o.engine = Engine::kPostgres;
  o.postgres_url = url;
  auto db = Database::open(o).value();
  auto listener = PgListener::open(url, "yc_test_channel").value();
  auto notify = [&](const std::string& payload, bool commit) {
    return db->transact<void>(TxMode::kWrite, [&](Tx& tx) -> Result<void> {
      YC_TRY_VOID(tx.query("SELECT pg_notify($1, $2)", {std::string("yc_test_channel"), payload}));
      if (!commit) return fail(ErrorCode::kUnprocessable);
      return {};
    });
  };
  ASSERT_FALSE(notify("rolled back", false));
  ASSERT_TRUE(notify("committed 𠮷", true));
  std::vector<Notification> got;
  for (int i = 0; i < 20 && got.empty(); ++i) got = listener->wait(250).value();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].payload, "committed 𠮷");
  EXPECT_EQ(got[0].channel, "yc_test_channel");

  const auto start = std::chrono::steady_clock::now();
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    listener->close();
  });
  auto r = listener->wait(10'000);
  closer.join();
  EXPECT_TRUE(r);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace yc::store
