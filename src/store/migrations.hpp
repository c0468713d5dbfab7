#pragma once
// The migrations in migrations/*.sql, embedded at build time
// (src/store/CMakeLists.txt lists them).
#include <vector>

#include "store/migrate.hpp"

namespace yc::store {
const std::vector<Migration>& builtin_migrations();
}
