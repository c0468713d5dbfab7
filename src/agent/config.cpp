#include "agent/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace yc::agent {
namespace {

Unexpected bad(const std::string& key, const std::string& what) {
  return fail(ErrorCode::kInvalidArgument, fmt::format("agent.toml: {} {}", key, what), key);
}

}  // namespace

std::optional<std::string> origin_of(std::string_view url) {
  std::string u(url);
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string scheme;
  if (u.rfind("https://", 0) == 0) scheme = "https";
  else if (u.rfind("http://", 0) == 0) scheme = "http";
  else return std::nullopt;
  std::string rest = u.substr(scheme.size() + 3);
  auto end = rest.find_first_of("/?#");
  std::string host = rest.substr(0, end);
  if (host.empty() || host.find('@') != std::string::npos) return std::nullopt;
  if ((scheme == "https" && host.size() > 4 && host.ends_with(":443")) ||
      (scheme == "http" && host.size() > 3 && host.ends_with(":80"))) {
    host = host.substr(0, host.rfind(':'));
  }
  return scheme + "://" + host;
}

Result<AgentConfig> load_agent_config(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("{}:{}:{}: {}", path, e.source().begin.line, e.source().begin.column,
                            std::string(e.description())));
  }
  AgentConfig c;
  c.token_file = (std::filesystem::path(path).parent_path() / "agent.token").string();
  static const std::set<std::string> known = {
      "agent.listen", "agent.port", "agent.allowed_origins", "agent.log_level",
      "server.url", "server.token_file", "server.heartbeat_seconds",
      "idcard.port", "idcard.baud", "idcard.timeout_ms", "idcard.wlt_decoder",
      "sscard.enabled", "sscard.reader", "sscard.vendor_driver",
      "scanner.enabled", "scanner.device",
      "printer.cups_server", "printer.queue", "printer.ticket_printer"};
  for (auto& [section, node] : t) {
    auto* table = node.as_table();
    if (table == nullptr) return bad(std::string(section.str()), "必须是一个表");
    for (auto& [key, value] : *table) {
      std::string full = fmt::format("{}.{}", section.str(), key.str());
      if (!known.contains(full)) return bad(full, "不是已知的配置项");
    }
  }
  auto str = [&](const char* section, const char* key, std::string& out) -> Result<void> {
    auto n = t[section][key];
    if (!n) return ok();
    auto v = n.value<std::string>();
    if (!v) return bad(fmt::format("{}.{}", section, key), "必须是字符串");
    out = *v;
    return ok();
  };
  auto integer = [&](const char* section, const char* key, auto& out, long lo, long hi) -> Result<void> {
    auto n = t[section][key];
    if (!n) return ok();
    auto v = n.value<std::int64_t>();
    if (!v || !n.is_integer() || *v < lo || *v > hi) {
      return bad(fmt::format("{}.{}", section, key), fmt::format("必须是 {} 到 {} 的整数", lo, hi));
    }
    out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
    return ok();
  };
  auto boolean = [&](const char* section, const char* key, bool& out) -> Result<void> {
    auto n = t[section][key];
    if (!n) return ok();
    auto v = n.value<bool>();
    if (!v || !n.is_boolean()) return bad(fmt::format("{}.{}", section, key), "必须是 true 或 false");
    out = *v;
    return ok();
  };
  YC_TRY_VOID(str("agent", "listen", c.listen));
  YC_TRY_VOID(integer("agent", "port", c.port, 1, 65535));
  YC_TRY_VOID(str("agent", "log_level", c.log_level));
  if (auto arr = t["agent"]["allowed_origins"]; arr) {
    auto* a = arr.as_array();
    if (a == nullptr) return bad("agent.allowed_origins", "必须是字符串数组");
    for (auto& e : *a) {
      auto v = e.value<std::string>();
      auto o = v ? origin_of(*v) : std::nullopt;
      if (!o || *o != *v) {
        return bad("agent.allowed_origins", "的每一项必须是形如 https://host[:port] 的来源（不带路径）");
      }
      c.allowed_origins.push_back(*o);
    }
  }
  YC_TRY_VOID(str("server", "url", c.server_url));
  YC_TRY_VOID(str("server", "token_file", c.token_file));
  YC_TRY_VOID(integer("server", "heartbeat_seconds", c.heartbeat_seconds, 10, 3600));
  YC_TRY_VOID(str("idcard", "port", c.idcard.port));
  YC_TRY_VOID(integer("idcard", "baud", c.idcard.baud, 9600, 115200));
  long timeout_ms = c.idcard.reply_timeout.count();
  YC_TRY_VOID(integer("idcard", "timeout_ms", timeout_ms, 200, 30000));
  c.idcard.reply_timeout = std::chrono::milliseconds(timeout_ms);
  YC_TRY_VOID(str("idcard", "wlt_decoder", c.idcard.wlt_decoder));
  YC_TRY_VOID(boolean("sscard", "enabled", c.sscard_enabled));
  YC_TRY_VOID(str("sscard", "reader", c.sscard_reader));
  YC_TRY_VOID(str("sscard", "vendor_driver", c.sscard_vendor_driver));
  YC_TRY_VOID(boolean("scanner", "enabled", c.scanner_enabled));
  YC_TRY_VOID(str("scanner", "device", c.scanner_device));
  YC_TRY_VOID(str("printer", "cups_server", c.cups_server));
  YC_TRY_VOID(str("printer", "queue", c.print_queue));
  YC_TRY_VOID(str("printer", "ticket_printer", c.ticket_printer));

  // Loopback only (issue 8, item 1): the agent holds card readers; nothing
  // beyond this PC may reach it.
  if (c.listen != "127.0.0.1" && c.listen != "::1") {
    return bad("agent.listen", "只能是 127.0.0.1 或 ::1（设备助手只在本机监听）");
  }
  if (!c.server_url.empty()) {
    auto o = origin_of(c.server_url);
    if (!o) return bad("server.url", "必须是 http:// 或 https:// 地址");
    c.allowed_origins.push_back(*o);
  }
  if (c.allowed_origins.empty()) {
    return bad("server.url", "未配置：设备助手需要知道允许哪个业务系统来源访问");
  }
  return c;
}

std::string read_token(const std::string& token_file) {
  std::ifstream in(token_file);
  std::string token;
  std::getline(in, token);
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  return token;
}

Result<void> write_token(const std::string& token_file, const std::string& token) {
  std::string tmp = token_file + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail(ErrorCode::kInternal, fmt::format("无法写入 {}", tmp));
  std::string line = token + "\n";
  bool okay = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!okay || std::rename(tmp.c_str(), token_file.c_str()) != 0) {
    return fail(ErrorCode::kInternal, fmt::format("无法写入 {}", token_file));
  }
  return ok();
}

}  // namespace yc::agent
