#include "store/testing.hpp"

#include <unistd.h>

#include <cstdlib>
#include <random>

namespace yc::store::testing {

std::unique_ptr<Database> open_for_test(Engine engine, std::filesystem::path* temp_dir,
                                        std::string* why_not, int pool_size) {
  Options o;
  o.engine = engine;
  o.pool_size = pool_size;
  if (engine == Engine::kSqlite) {
    *temp_dir = std::filesystem::temp_directory_path() /
                ("yc-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(*temp_dir);
    o.sqlite_path = (*temp_dir / "test.db").string();
  } else {
    const char* url = std::getenv("YICHUANG_TEST_PG_URL");
    if (url == nullptr || *url == '\0') {
      *why_not = std::getenv("YICHUANG_TEST_PG_OPTIONAL") != nullptr
                     ? "skip"
                     : "YICHUANG_TEST_PG_URL is not set: the PostgreSQL tests need the private "
                       "cluster (run them through ctest, or set YICHUANG_TEST_PG_OPTIONAL=1)";
      return nullptr;
    }
    o.postgres_url = url;
  }
  auto db = Database::open(o);
  if (!db) {
    *why_not = db.error().message;
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace yc::store::testing
