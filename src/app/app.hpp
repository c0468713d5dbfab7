#pragma once
// Wiring: configuration -> database -> migrations -> areas' routes -> HTTP
// server. The subcommands of the `yichuang` executable call these.

#include <string>

#include "platform/config.hpp"
#include "store/database.hpp"

namespace yc::app {

inline constexpr const char* kVersion = YC_VERSION;

// The store options the configuration names, and this node's name (node.id,
// else host name and port): shared by the commands here and in backup.cpp.
store::Options store_options(const Config& config);
std::string node_id(const Config& config);

// Each returns the process exit code and prints its own messages.
int serve(const Config& config);
int migrate(const Config& config);
int seed_demo(const Config& config);
int check_config(const Config& config);
// Writes a new key file at security.key_file unless one exists.
int keygen(const Config& config);
// An administrator account with a printed initial password (first sign-in:
// change it, enrol TOTP). For the first 三员 accounts of an installation.
// With city_name, a missing city unit `unit` is created first (a new installation).
int create_admin(const Config& config, const std::string& login, const std::string& name,
                 const std::string& role, const std::string& unit, const std::string& city_name = "");
// Exit 0 when the audit chain is whole, 3 when it is broken (naming the first
// bad entry), 1 when the database cannot be read.
int audit_verify(const Config& config);
// Recomputes the ledgers' daily counters from the business tables.
int stats_rebuild(const Config& config);

}  // namespace yc::app
