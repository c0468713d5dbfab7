// The engine-level pieces of `yichuang backup`: SQLite's online copy under a
// steady writer, its integrity check, and the password split of libpq
// connection strings.

#include "store/backup.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/database.hpp"
#include "store/testing.hpp"

namespace yc::store {
namespace {

namespace fs = std::filesystem;

class SqliteOnlineCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::open_for_test(Engine::kSqlite, &dir_, &why);
    ASSERT_TRUE(db_) << why;
    ASSERT_TRUE(write("CREATE TABLE t (id INTEGER PRIMARY KEY, pad TEXT NOT NULL)"));
    ASSERT_TRUE(write("CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL)"));
  }
  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Result<void> write(const std::string& sql) {
    return db_->transact<void>(TxMode::kWrite, [&](Tx& tx) { return tx.exec_script(sql); });
  }

  static std::int64_t count(Database& db, const std::string& sql) {
    auto n = db.transact<std::int64_t>(TxMode::kRead, [&](Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    });
    return n ? *n : -1;
  }

  fs::path source() const { return dir_ / "test.db"; }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteOnlineCopy, CopiesOneConsistentSnapshotWhileAWriterCommits) {
  // Enough rows that the copy takes many steps of 4 pages.
  const std::string pad(2000, 'x');
  ASSERT_TRUE(db_->transact<void>(TxMode::kWrite, [&](Tx& tx) -> Result<void> {
    for (int i = 0; i < 400; ++i) YC_TRY_VOID(tx.exec("INSERT INTO t (pad) VALUES ($1)", {pad}));
    return {};
  }));
  // Each write adds one row to t and one to u in one transaction: any
  // consistent snapshot has as many rows in u as t has beyond the first 400.
  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    while (!stop) {
      auto r = db_->transact<void>(TxMode::kWrite, [&](Tx& tx) -> Result<void> {
        auto id = YC_TRY(tx.one("INSERT INTO t (pad) VALUES ($1) RETURNING id", {pad})).int64(0);
        YC_TRY_VOID(tx.exec("INSERT INTO u (t_id) VALUES ($1)", {id}));
        return {};
      });
      if (r) ++commits;
    }
  });
  while (commits < 5) std::this_thread::yield();
  const fs::path copy = dir_ / "copy.db";
  auto copied = sqlite_online_copy(source().string(), copy.string(), 4, 5000);
  const int during = commits;
  stop = true;
  writer.join();
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_FALSE(fs::exists(copy.string() + "-wal"));
  ASSERT_TRUE(sqlite_integrity_check(copy.string()));

  Options o;
  o.sqlite_path = copy.string();
  o.pool_size = 1;
  auto c = Database::open(o);
  ASSERT_TRUE(c) << c.error().message;
  const auto t = count(**c, "SELECT COUNT(*) FROM t");
  const auto u = count(**c, "SELECT COUNT(*) FROM u");
  EXPECT_EQ(t - 400, u) << "the copy is one snapshot";
  EXPECT_GE(u, 5) << "writes committed before the copy began are in it";
  EXPECT_LE(u, during);
  EXPECT_EQ(count(**c, "SELECT COUNT(*) FROM u WHERE t_id NOT IN (SELECT id FROM t)"), 0);
}

TEST_F(SqliteOnlineCopy, RefusesAMissingSourceInsteadOfCopyingAnEmptyDatabase) {
  auto copied = sqlite_online_copy((dir_ / "absent.db").string(), (dir_ / "copy.db").string(), 16, 1000);
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(fs::exists(dir_ / "absent.db"));
}

TEST_F(SqliteOnlineCopy, IntegrityCheckFailsOnADamagedFile) {
  const fs::path copy = dir_ / "copy.db";
  ASSERT_TRUE(db_->transact<void>(TxMode::kWrite, [&](Tx& tx) -> Result<void> {
    for (int i = 0; i < 200; ++i) YC_TRY_VOID(tx.exec("INSERT INTO t (pad) VALUES ($1)", {std::string(1000, 'y')}));
    return {};
  }));
  ASSERT_TRUE(sqlite_online_copy(source().string(), copy.string(), 64, 5000));
  ASSERT_TRUE(sqlite_integrity_check(copy.string()));
  // Overwrite a page in the middle of the table's b-tree.
  {
    std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 20 + 8);
    const std::string junk(200, '\x7f');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto checked = sqlite_integrity_check(copy.string());
  EXPECT_FALSE(checked);
}

TEST(SplitPgPassword, TakesThePasswordOutOfAUri) {
  auto c = split_pg_password("postgresql://yc:s3cr%40t@db.example:5433/yichuang?sslmode=require");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->password, "s3cr@t");
  EXPECT_EQ(c->without_password.find("s3cr"), std::string::npos);
  EXPECT_NE(c->without_password.find("user='yc'"), std::string::npos) << c->without_password;
  EXPECT_NE(c->without_password.find("host='db.example'"), std::string::npos);
  EXPECT_NE(c->without_password.find("port='5433'"), std::string::npos);
  EXPECT_NE(c->without_password.find("dbname='yichuang'"), std::string::npos);
  EXPECT_NE(c->without_password.find("sslmode='require'"), std::string::npos);
}

TEST(SplitPgPassword, TakesThePasswordOutOfKeyValuesAndQuotesTheRest) {
  auto c = split_pg_password("host=/tmp/pg sock dbname=yc password='it''s' application_name='a b'");
  ASSERT_FALSE(c) << "an unquoted space is a syntax error";
  c = split_pg_password("host='/tmp/pg sock' dbname=yc password='it\\'s' application_name='a\\\\b'");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->password, "it's");
  EXPECT_EQ(c->without_password.find("it"), std::string::npos);
  // Parsed back, the rest is what it was.
  auto again = split_pg_password(c->without_password);
  ASSERT_TRUE(again) << c->without_password;
  EXPECT_EQ(again->without_password, c->without_password);
  EXPECT_NE(c->without_password.find("host='/tmp/pg sock'"), std::string::npos) << c->without_password;
  EXPECT_NE(c->without_password.find("application_name='a\\\\b'"), std::string::npos) << c->without_password;
}

TEST(SplitPgPassword, LeavesAStringWithoutPasswordWhole) {
  auto c = split_pg_password("postgresql://postgres@/yichuang_test?host=/tmp/x/sock&port=55432");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->password, "");
  EXPECT_NE(c->without_password.find("host='/tmp/x/sock'"), std::string::npos) << c->without_password;
  EXPECT_NE(c->without_password.find("dbname='yichuang_test'"), std::string::npos);
}

TEST(SplitPgPassword, ABadStringIsAConfigurationErrorThatDoesNotEchoIt) {
  auto c = split_pg_password("postgresql://yc:hunter2@[::1");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "database.postgres_url");
  EXPECT_EQ(c.error().message.find("hunter2"), std::string::npos) << c.error().message;
}

}  // namespace
}  // namespace yc::store
