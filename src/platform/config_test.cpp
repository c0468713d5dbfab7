#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "platform/config.hpp"

namespace yc {
namespace {

std::string write_temp(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              ("yc-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsAreValid) {
  auto c = load_config("", {});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->database.kind, "sqlite");
}

// yichuang.example.toml documents every key: it must load as it is (an
// unknown or misspelt key would be refused), with the defaults it shows.
TEST(Config, TheExampleFileLoadsWithTheDefaults) {
  auto c = load_config(YC_EXAMPLE_CONFIG, {});
  ASSERT_TRUE(c) << c.error().message;
  const Config d{};
  EXPECT_EQ(c->limits.login_per_minute, d.limits.login_per_minute);
  EXPECT_EQ(c->limits.api_client_per_minute, d.limits.api_client_per_minute);
  EXPECT_EQ(c->evaluation.appeal_days, d.evaluation.appeal_days);
  EXPECT_EQ(c->complaints.close_days, d.complaints.close_days);
  EXPECT_EQ(c->exchange.dispatch_seconds, d.exchange.dispatch_seconds);
}

TEST(Config, FileThenEnvironmentOverride) {
  auto path = write_temp("[server]\nport = 9000\n[database]\nkind = \"sqlite\"\n");
  auto c = load_config(path, {{"YICHUANG_SERVER_PORT", "9100"}, {"YICHUANG_LOG_ACCESS_LOG", "false"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.port, 9100);
  EXPECT_FALSE(c->log.access_log);
  std::filesystem::remove(path);
}

// GET /metrics: the token comes from the environment; a short one is refused.
TEST(Config, TheMetricsTokenIsReadFromTheEnvironmentAndMustBeLong) {
  auto c = load_config("", {{"YICHUANG_METRICS_TOKEN", "prometheus-scrape-0123"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->metrics.token, "prometheus-scrape-0123");
  EXPECT_TRUE(load_config("", {})->metrics.token.empty());
  auto bad = load_config("", {{"YICHUANG_METRICS_TOKEN", "short"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "metrics.token");
  EXPECT_NE(bad.error().message.find("YICHUANG_METRICS_TOKEN"), std::string::npos);
}

TEST(Config, RejectsOutOfRangeNamingTheVariable) {
  auto c = load_config("", {{"YICHUANG_SERVER_PORT", "70000"}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("YICHUANG_SERVER_PORT"), std::string::npos);
  EXPECT_NE(c.error().message.find("server.port"), std::string::npos);
  EXPECT_EQ(c.error().field, "server.port");
}

TEST(Config, RejectsNonNumbersAndUnknownKeys) {
  EXPECT_FALSE(load_config("", {{"YICHUANG_SERVER_PORT", "80a"}}));
  auto path = write_temp("[server]\nprot = 9000\n");
  auto c = load_config(path, {});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("server.prot"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(Config, ReportsSyntaxErrorsWithLine) {
  auto path = write_temp("[server]\nport = = 1\n");
  auto c = load_config(path, {});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find(":2:"), std::string::npos) << c.error().message;
  std::filesystem::remove(path);
}

TEST(Config, PostgresNeedsAUrlAndKindIsChecked) {
  EXPECT_FALSE(load_config("", {{"YICHUANG_DATABASE_KIND", "postgresql"}}));
  EXPECT_FALSE(load_config("", {{"YICHUANG_DATABASE_KIND", "mysql"}}));
  EXPECT_TRUE(load_config("", {{"YICHUANG_DATABASE_KIND", "postgresql"},
                               {"YICHUANG_DATABASE_POSTGRES_URL", "postgresql://x@127.0.0.1/db"}}));
}

TEST(Config, MissingFileIsAnError) {
  EXPECT_FALSE(load_config("/nonexistent/yichuang.toml", {}));
}

TEST(Config, HeartbeatMustBeShorterThanRequestTimeout) {
  EXPECT_FALSE(load_config("", {{"YICHUANG_EVENTS_HEARTBEAT_SECONDS", "30"}}));
}

}  // namespace
}  // namespace yc
