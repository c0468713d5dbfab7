#pragma once
// The engine-level pieces of `yichuang backup` / `restore` (src/app/backup.cpp
// does the rest): SQLite's online backup API and libpq's connection-string
// parser stay behind this header like the rest of src/store.

#include <string>

#include "platform/result.hpp"

namespace yc::store {

// Copies the live SQLite database at `source` into a new file `dest` with the
// online backup API, while other processes keep writing to it. One read
// transaction is held on the source for the whole copy, so the copy is one
// consistent snapshot; in WAL mode a reader blocks no writer (it only keeps
// checkpoints from passing it, so the WAL grows meanwhile). The pages are
// copied `pages_per_step` at a time. `dest` must not exist.
Result<void> sqlite_online_copy(const std::string& source, const std::string& dest, int pages_per_step,
                                int busy_timeout_ms);

// PRAGMA integrity_check on the SQLite file at `path`: an error naming the
// first problems unless SQLite answers "ok".
Result<void> sqlite_integrity_check(const std::string& path);

// A libpq connection string (URI or key=value) split in two, so the password
// can be handed to pg_dump / pg_restore in PGPASSWORD instead of on their
// command line (where `ps` shows it) or in a message.
struct PgConninfo {
  std::string without_password;  // key=value form, every other key kept
  std::string password;          // empty when the string holds none
};
Result<PgConninfo> split_pg_password(const std::string& conninfo);

}  // namespace yc::store
