#pragma once
// Internal to src/store: the engine adapters' factories.
#include "store/database.hpp"

namespace yc::store {
Result<std::unique_ptr<Database>> open_sqlite(const Options& options);
Result<std::unique_ptr<Database>> open_postgres(const Options& options);
}  // namespace yc::store
