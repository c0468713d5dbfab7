#pragma once
// `yichuang backup` and `yichuang restore` (issue 13; docs/operations.md,
// "Backup and restore").
//
// A backup directory holds one consistent snapshot of the database
// (yichuang.db for SQLite, yichuang.dump in pg_dump's custom format for
// PostgreSQL), the sealed files of cases.files_dir under files/, and
// manifest.json: kind, time, migration level, node, the row count of every
// table and the audit chain's head as of the snapshot, and the SHA-256 of the
// database file. The key file is not in it: it is a secret kept apart.

#include <string>

#include "platform/config.hpp"

namespace yc::app {

// Backs up the configured database, while it serves, into `dir` (absent or
// empty). Exit code 0 when the copy is whole, 1 on any failure (the
// directory's contents are removed again).
int backup(const Config& config, const std::string& dir);

// Restores the backup in `dir` into the configured database (an absent file
// or an empty PostgreSQL database) and cases.files_dir, then checks it: the
// digest, every table's row count and the audit head against the manifest,
// and the audit chain. Does not migrate (`serve` does, as after an upgrade).
// Exit code 0 when restored and verified, 1 otherwise.
int restore(const Config& config, const std::string& dir);

}  // namespace yc::app
