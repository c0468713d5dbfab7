#pragma once
// For tests only: a GoogleTest fixture run once on SQLite and once on the
// private PostgreSQL cluster, with a migrated database whose domain tables
// start empty. A suite's own SetUp calls EngineTest::SetUp() first and
// returns when that skipped or failed:
//   void SetUp() override { EngineTest::SetUp(); if (IsSkipped() || HasFatalFailure()) return; ... }

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/testing.hpp"

namespace yc::store::testing {

class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = open_for_test(GetParam(), &dir_, &why);
    if (!db_) {
      if (why == "skip") GTEST_SKIP();
      FAIL() << why;
    }
    ASSERT_TRUE(migrate(*db_, builtin_migrations()));
    ASSERT_TRUE(clear_domain_tables(*db_));
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;  // SQLite's temporary directory; empty for PostgreSQL
  std::unique_ptr<Database> db_;
};

inline std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info) {
  return std::string(engine_name(info.param));
}

}  // namespace yc::store::testing

// Runs every TEST_P of Suite on both engines.
#define YC_ON_BOTH_ENGINES(Suite)                                                              \
  INSTANTIATE_TEST_SUITE_P(Engines, Suite,                                                     \
                           ::testing::Values(::yc::store::Engine::kSqlite,                     \
                                             ::yc::store::Engine::kPostgres),                  \
                           ::yc::store::testing::engine_test_name)
