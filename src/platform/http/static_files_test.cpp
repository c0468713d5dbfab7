#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "platform/http/static_files.hpp"

namespace yc::http {
namespace {

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("yc-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(base_ / "site" / "assets");
    write("site/index.html", "<!doctype html><title>一窗</title>");
    write("site/portal.html", "<!doctype html><title>办事服务</title>");
    write("site/assets/app-1a2b.js", "console.log(1)");
    write("site/assets/app-1a2b.js.gz", "GZIPPED");
    write("secret.txt", "outside the web root");
    site_ = StaticSite::load((base_ / "site").string()).value();
  }
  void TearDown() override { std::filesystem::remove_all(base_); }
  void write(const std::string& rel, const std::string& text) {
    std::ofstream(base_ / rel, std::ios::binary) << text;
  }
  Response get(std::string path, Fields headers = {}) {
    Request r;
    r.path = std::move(path);
    r.headers = std::move(headers);
    r.request_id = "t";
    return site_->serve(r);
  }
  static std::string body(const Response& r) { return std::string(r.static_body.empty() ? r.body : r.static_body); }

  std::filesystem::path base_;
  std::shared_ptr<const StaticSite> site_;
};

TEST_F(StaticSiteTest, ServesIndexAndAssetsWithCaching) {
  auto index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(body(index), "<!doctype html><title>一窗</title>");
  auto asset = get("/assets/app-1a2b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  bool immutable = false;
  for (auto& [k, v] : asset.headers) immutable = immutable || (k == "Cache-Control" && v.find("immutable") != std::string::npos);
  EXPECT_TRUE(immutable);
}

TEST_F(StaticSiteTest, PrecompressedGzipForClientsThatAcceptIt) {
  auto gz = get("/assets/app-1a2b.js", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(body(gz), "GZIPPED");
  EXPECT_EQ(body(get("/assets/app-1a2b.js")), "console.log(1)");
}

TEST_F(StaticSiteTest, EtagRevalidationGives304) {
  auto first = get("/index.html");
  std::string etag;
  for (auto& [k, v] : first.headers) if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(get("/index.html", {{"if-none-match", etag}}).status, 304);
  EXPECT_EQ(get("/index.html", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(StaticSiteTest, SpaFallbackForRoutesButNotForMissingFiles) {
  EXPECT_EQ(body(get("/events")), "<!doctype html><title>一窗</title>");
  EXPECT_EQ(get("/assets/missing.js").status, 404);
}

// A second application (the public portal) answers its own routes.
TEST_F(StaticSiteTest, EachApplicationHasItsOwnFallbackPage) {
  EXPECT_EQ(body(get("/portal")), "<!doctype html><title>办事服务</title>");
  EXPECT_EQ(body(get("/portal/guides/BJ-JYCY-001")), "<!doctype html><title>办事服务</title>");
  EXPECT_EQ(body(get("/portals")), "<!doctype html><title>一窗</title>");
  EXPECT_EQ(body(get("/cases/12")), "<!doctype html><title>一窗</title>");
}

TEST_F(StaticSiteTest, PathTraversalIsNotFoundAndReadsNothingOutside) {
  for (const char* p : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                        "/%2E%2E/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                        "/..%2fsecret.txt", "/%252e%252e/secret.txt", "//etc/passwd",
                        "/assets/..\\..\\secret.txt", "/%00", "/a%zz"}) {
    auto r = get(p);
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_EQ(body(r).find("outside"), std::string::npos) << p;
  }
}

TEST(StaticSite, MissingRootIsAConfigurationError) {
  auto s = StaticSite::load("/nonexistent/web/dist");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "server.web_root");
}

}  // namespace
}  // namespace yc::http
