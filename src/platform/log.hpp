#pragma once
// Logging (STYLE.md §8): structured key=value lines through spdlog, one
// logger for the process, no personal data. Callers log an error once,
// where it is handled.

#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace yc::log {

// Sets up the process logger: level name as in LogConfig, file empty = stderr.
Result<void> init(const std::string& level, const std::string& file);

void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);
void debug(std::string_view message);
bool debug_enabled();

// Masks what could be personal data in text bound for a log line: every run
// of 6 or more digits (ID numbers, phone numbers, card numbers, also with a
// trailing X) keeps its first 2 and last 2 characters. Paths and query
// strings pass through this before they are logged.
std::string redact(std::string_view text);

}  // namespace yc::log
