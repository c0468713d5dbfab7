#pragma once
// Wiring: configuration -> database -> migrations -> areas' routes -> HTTP
// server. The subcommands of the `yichuang` executable call these.

#include <string>

#include "platform/config.hpp"

namespace yc::app {

inline constexpr const char* kVersion = YC_VERSION;

// Each returns the process exit code and prints its own messages.
int serve(const Config& config);
int migrate(const Config& config);
int seed_demo(const Config& config);
int check_config(const Config& config);
// Exit 0 when the audit chain is whole, 3 when it is broken (naming the first
// bad entry), 1 when the database cannot be read.
int audit_verify(const Config& config);

}  // namespace yc::app
