#pragma once
// For tests only (linked by test executables, never by the server): a
// database of either engine, the same way in every suite.

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace yc::store::testing {

// SQLite: a new file in a fresh temporary directory (set in *temp_dir; the
// caller removes it). PostgreSQL: the private cluster named by
// YICHUANG_TEST_PG_URL. Returns null with *why_not set to "skip" when the
// URL is unset and YICHUANG_TEST_PG_OPTIONAL is set, or to the reason to fail.
std::unique_ptr<Database> open_for_test(Engine engine, std::filesystem::path* temp_dir,
                                        std::string* why_not, int pool_size = 4);

// Empties the domain tables (children first) and restarts the audit chain,
// for suites that share the PostgreSQL test database. Fixed data (roles,
// migrations, settings) stays.
Result<void> clear_domain_tables(Database& db);

}  // namespace yc::store::testing
