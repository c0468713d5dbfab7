#include "platform/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace yc::log {
namespace {
std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> l = spdlog::stderr_logger_mt("yichuang");
  return l;
}
}  // namespace

Result<void> init(const std::string& level, const std::string& file) {
  std::shared_ptr<spdlog::logger> l;
  try {
    if (file.empty()) {
      l = std::make_shared<spdlog::logger>(
          "yichuang", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    } else {
      l = std::make_shared<spdlog::logger>(
          "yichuang", std::make_shared<spdlog::sinks::basic_file_sink_mt>(file));
    }
  } catch (const spdlog::spdlog_ex& e) {
    return fail(ErrorCode::kInvalidArgument, std::string("无法打开日志文件: ") + e.what(),
                "log.file");
  }
  l->set_level(spdlog::level::from_str(level));
  l->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  l->flush_on(spdlog::level::warn);
  logger() = std::move(l);
  return {};
}

void info(std::string_view m) { logger()->info(m); }
void warn(std::string_view m) { logger()->warn(m); }
void error(std::string_view m) { logger()->error(m); }
void debug(std::string_view m) { logger()->debug(m); }
bool debug_enabled() { return logger()->should_log(spdlog::level::debug); }

std::string redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == 'X' ||
                               text[j] == 'x'))
      ++j;
    const std::size_t n = j - i;
    if (n >= 6) {
      out.append(text.substr(i, 2));
      out.append(n - 4, '*');
      out.append(text.substr(j - 2, 2));
    } else {
      out.append(text.substr(i, n));
    }
    i = j;
  }
  return out;
}

}  // namespace yc::log
