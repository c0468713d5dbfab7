#include "platform/config.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fmt/format.h>

extern char** environ;

namespace yc {
namespace {

// One row per key: how to read it from TOML and from an environment string.
struct Key {
  std::string section;
  std::string name;
  std::function<Result<void>(const toml::node&, const std::string& where)> from_toml;
  std::function<Result<void>(const std::string&, const std::string& where)> from_env;
};

Unexpected bad(const std::string& where, const std::string& key,
               const std::string& what) {
  return fail(ErrorCode::kInvalidArgument, fmt::format("{}: {} {}", where, key, what), key);
}

Key string_key(std::string section, std::string name, std::string* out) {
  std::string full = section + "." + name;
  return Key{section, name,
             [out, full](const toml::node& n, const std::string& where) -> Result<void> {
               auto v = n.value<std::string>();
               if (!v) return bad(where, full, "必须是字符串");
               *out = *v;
               return {};
             },
             [out](const std::string& s, const std::string&) -> Result<void> {
               *out = s;
               return {};
             }};
}

template <typename Int>
Key int_key(std::string section, std::string name, Int* out) {
  std::string full = section + "." + name;
  return Key{section, name,
             [out, full](const toml::node& n, const std::string& where) -> Result<void> {
               auto v = n.value<std::int64_t>();
               if (!v || !n.is_integer()) return bad(where, full, "必须是整数");
               *out = static_cast<Int>(*v);
               return {};
             },
             [out, full](const std::string& s, const std::string& where) -> Result<void> {
               std::int64_t v = 0;
               auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
               if (ec != std::errc() || p != s.data() + s.size())
                 return bad(where, full, fmt::format("必须是整数 (当前 \"{}\")", s));
               *out = static_cast<Int>(v);
               return {};
             }};
}

Key bool_key(std::string section, std::string name, bool* out) {
  std::string full = section + "." + name;
  return Key{section, name,
             [out, full](const toml::node& n, const std::string& where) -> Result<void> {
               auto v = n.value<bool>();
               if (!v || !n.is_boolean()) return bad(where, full, "必须是 true 或 false");
               *out = *v;
               return {};
             },
             [out, full](const std::string& s, const std::string& where) -> Result<void> {
               if (s == "true" || s == "1") { *out = true; return {}; }
               if (s == "false" || s == "0") { *out = false; return {}; }
               return bad(where, full, fmt::format("必须是 true 或 false (当前 \"{}\")", s));
             }};
}

std::vector<Key> keys_of(Config& c) {
  return {
      string_key("server", "listen", &c.server.listen),
      int_key("server", "port", &c.server.port),
      int_key("server", "io_threads", &c.server.io_threads),
      int_key("server", "worker_threads", &c.server.worker_threads),
      int_key("server", "max_body_bytes", &c.server.max_body_bytes),
      int_key("server", "request_timeout_seconds", &c.server.request_timeout_seconds),
      int_key("server", "max_connections", &c.server.max_connections),
      int_key("server", "shutdown_grace_seconds", &c.server.shutdown_grace_seconds),
      string_key("server", "web_root", &c.server.web_root),
      string_key("database", "kind", &c.database.kind),
      string_key("database", "sqlite_path", &c.database.sqlite_path),
      string_key("database", "postgres_url", &c.database.postgres_url),
      int_key("database", "pool_size", &c.database.pool_size),
      int_key("database", "busy_timeout_ms", &c.database.busy_timeout_ms),
      string_key("log", "level", &c.log.level),
      bool_key("log", "access_log", &c.log.access_log),
      string_key("log", "file", &c.log.file),
      int_key("events", "heartbeat_seconds", &c.events.heartbeat_seconds),
      int_key("events", "retention_hours", &c.events.retention_hours),
      int_key("events", "max_streams", &c.events.max_streams),
      string_key("events", "publish_token", &c.events.publish_token),
      string_key("node", "id", &c.node.id),
      string_key("metrics", "token", &c.metrics.token),
      string_key("server", "public_url", &c.server.public_url),
      string_key("security", "key_file", &c.security.key_file),
      bool_key("security", "secure_cookie", &c.security.secure_cookie),
      int_key("security", "audit_retention_days", &c.security.audit_retention_days),
      string_key("cases", "files_dir", &c.cases.files_dir),
      int_key("cases", "max_file_mb", &c.cases.max_file_mb),
      int_key("cases", "recheck_sample_percent", &c.cases.recheck_sample_percent),
      int_key("cases", "followup_days", &c.cases.followup_days),
      int_key("cases", "sweep_minutes", &c.cases.sweep_minutes),
      string_key("hall", "voice_dir", &c.hall.voice_dir),
      int_key("evaluation", "rectify_days", &c.evaluation.rectify_days),
      int_key("evaluation", "escalate_days", &c.evaluation.escalate_days),
      int_key("complaints", "accept_days", &c.complaints.accept_days),
      int_key("complaints", "reply_days", &c.complaints.reply_days),
      int_key("complaints", "close_days", &c.complaints.close_days),
      int_key("complaints", "escalate_days", &c.complaints.escalate_days),
      int_key("evaluation", "appeal_days", &c.evaluation.appeal_days),
      int_key("exchange", "dispatch_seconds", &c.exchange.dispatch_seconds),
      int_key("limits", "login_per_minute", &c.limits.login_per_minute),
      int_key("limits", "public_writes_per_hour", &c.limits.public_writes_per_hour),
      int_key("limits", "lookups_per_minute", &c.limits.lookups_per_minute),
      int_key("limits", "api_client_per_minute", &c.limits.api_client_per_minute),
      string_key("oidc", "issuer", &c.oidc.issuer),
      string_key("oidc", "client_id", &c.oidc.client_id),
      string_key("oidc", "client_secret", &c.oidc.client_secret),
      string_key("oidc", "redirect_url", &c.oidc.redirect_url),
      string_key("oidc", "scopes", &c.oidc.scopes),
      string_key("oidc", "provider_name", &c.oidc.provider_name),
      string_key("oidc", "id_number_claim", &c.oidc.id_number_claim),
      string_key("oidc", "credit_code_claim", &c.oidc.credit_code_claim),
      string_key("oidc", "name_claim", &c.oidc.name_claim),
      string_key("oidc", "phone_claim", &c.oidc.phone_claim),
      bool_key("citizen", "demo_accounts", &c.citizen.demo_accounts),
      string_key("sms", "sender", &c.sms.sender),
      string_key("sms", "url", &c.sms.url),
      string_key("sms", "key", &c.sms.key),
      string_key("sms", "sign", &c.sms.sign),
      int_key("sms", "dispatch_seconds", &c.sms.dispatch_seconds),
      int_key("citizen", "idle_minutes", &c.citizen.idle_minutes),
  };
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

Result<void> check_range(const Config& c, const std::string& key, std::int64_t v,
                         std::int64_t lo, std::int64_t hi) {
  const std::string where = c.origin_of(key);
  if (v < lo || v > hi)
    return bad(where, key, fmt::format("必须在 {}..{} 之间 (当前 {})", lo, hi, v));
  return {};
}

Result<void> validate(const Config& c) {
  auto w = [&c](const std::string& key) { return c.origin_of(key); };
  YC_TRY_VOID(check_range(c, "server.port", c.server.port, 1, 65535));
  YC_TRY_VOID(check_range(c, "server.io_threads", c.server.io_threads, 1, 64));
  YC_TRY_VOID(check_range(c, "server.worker_threads", c.server.worker_threads, 1, 256));
  YC_TRY_VOID(check_range(c, "server.max_body_bytes", c.server.max_body_bytes, 1024,
                          1LL << 30));
  YC_TRY_VOID(check_range(c, "server.request_timeout_seconds", c.server.request_timeout_seconds,
                          1, 3600));
  YC_TRY_VOID(check_range(c, "server.max_connections", c.server.max_connections, 16, 1'000'000));
  YC_TRY_VOID(check_range(c, "server.shutdown_grace_seconds", c.server.shutdown_grace_seconds, 0,
                          600));
  if (c.server.listen.empty()) return bad(w("server.listen"), "server.listen", "不能为空");
  if (c.database.kind != "sqlite" && c.database.kind != "postgresql")
    return bad(w("database.kind"), "database.kind",
               fmt::format("必须是 \"sqlite\" 或 \"postgresql\" (当前 \"{}\")", c.database.kind));
  if (c.database.kind == "sqlite" && c.database.sqlite_path.empty())
    return bad(w("database.sqlite_path"), "database.sqlite_path", "使用 sqlite 时不能为空");
  if (c.database.kind == "postgresql" && c.database.postgres_url.empty())
    return bad(w("database.postgres_url"), "database.postgres_url", "使用 postgresql 时不能为空");
  YC_TRY_VOID(check_range(c, "cases.max_file_mb", c.cases.max_file_mb, 1, 64));
  YC_TRY_VOID(check_range(c, "cases.recheck_sample_percent", c.cases.recheck_sample_percent, 0, 100));
  YC_TRY_VOID(check_range(c, "cases.followup_days", c.cases.followup_days, 0, 30));
  YC_TRY_VOID(check_range(c, "cases.sweep_minutes", c.cases.sweep_minutes, 1, 1440));
  if (c.cases.files_dir.empty()) return bad(w("cases.files_dir"), "cases.files_dir", "不能为空");
  YC_TRY_VOID(check_range(c, "evaluation.rectify_days", c.evaluation.rectify_days, 1, 60));
  YC_TRY_VOID(check_range(c, "evaluation.escalate_days", c.evaluation.escalate_days, 1, 30));
  YC_TRY_VOID(check_range(c, "complaints.accept_days", c.complaints.accept_days, 1, 30));
  YC_TRY_VOID(check_range(c, "complaints.reply_days", c.complaints.reply_days, 1, 90));
  YC_TRY_VOID(check_range(c, "complaints.close_days", c.complaints.close_days, 1, 30));
  YC_TRY_VOID(check_range(c, "complaints.escalate_days", c.complaints.escalate_days, 1, 30));
  YC_TRY_VOID(check_range(c, "evaluation.appeal_days", c.evaluation.appeal_days, 1, 30));
  YC_TRY_VOID(check_range(c, "exchange.dispatch_seconds", c.exchange.dispatch_seconds, 1, 3600));
  YC_TRY_VOID(check_range(c, "limits.login_per_minute", c.limits.login_per_minute, 1, 100'000));
  YC_TRY_VOID(check_range(c, "limits.public_writes_per_hour", c.limits.public_writes_per_hour, 1, 100'000));
  YC_TRY_VOID(check_range(c, "limits.lookups_per_minute", c.limits.lookups_per_minute, 1, 100'000));
  YC_TRY_VOID(check_range(c, "limits.api_client_per_minute", c.limits.api_client_per_minute, 1, 1'000'000));
  YC_TRY_VOID(check_range(c, "citizen.idle_minutes", c.citizen.idle_minutes, 1, 720));
  YC_TRY_VOID(check_range(c, "sms.dispatch_seconds", c.sms.dispatch_seconds, 1, 3600));
  if (c.sms.sender != "log" && c.sms.sender != "http" && c.sms.sender != "off")
    return bad(w("sms.sender"), "sms.sender", "须为 log、http 或 off");
  if (c.sms.sender == "http" && (c.sms.url.empty() || c.sms.key.empty()))
    return bad(w("sms.url"), "sms.url", "sms.sender = \"http\" 时须填写 sms.url 和 sms.key");
  if (!c.oidc.issuer.empty()) {
    if (!c.oidc.issuer.starts_with("https://") && !c.oidc.issuer.starts_with("http://127.0.0.1") &&
        !c.oidc.issuer.starts_with("http://localhost"))
      return bad(w("oidc.issuer"), "oidc.issuer", "须为 https:// 地址 (http 只用于本机测试)");
    if (c.oidc.client_id.empty()) return bad(w("oidc.client_id"), "oidc.client_id", "启用 oidc.issuer 时不能为空");
    if (c.oidc.scopes.find("openid") == std::string::npos)
      return bad(w("oidc.scopes"), "oidc.scopes", "须包含 openid");
  }
  if (c.hall.voice_dir.empty()) return bad(w("hall.voice_dir"), "hall.voice_dir", "不能为空");
  YC_TRY_VOID(check_range(c, "database.pool_size", c.database.pool_size, 1, 1000));
  YC_TRY_VOID(check_range(c, "database.busy_timeout_ms", c.database.busy_timeout_ms, 0, 600'000));
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  bool level_ok = false;
  for (const char* l : kLevels) level_ok = level_ok || c.log.level == l;
  if (!level_ok)
    return bad(w("log.level"), "log.level",
               fmt::format("必须是 trace/debug/info/warn/error/off 之一 (当前 \"{}\")", c.log.level));
  YC_TRY_VOID(check_range(c, "events.heartbeat_seconds", c.events.heartbeat_seconds, 1, 300));
  YC_TRY_VOID(check_range(c, "events.retention_hours", c.events.retention_hours, 1, 24 * 90));
  YC_TRY_VOID(check_range(c, "events.max_streams", c.events.max_streams, 1, 1'000'000));
  YC_TRY_VOID(check_range(c, "security.audit_retention_days", c.security.audit_retention_days, 183, 36'500));
  if (c.security.key_file.empty())
    return bad(w("security.key_file"), "security.key_file", "不能为空");
  // A stream that sends nothing for request_timeout_seconds is closed by the
  // HTTP layer, so heartbeats must come well before that.
  if (c.events.heartbeat_seconds >= c.server.request_timeout_seconds)
    return bad(w("events.heartbeat_seconds"), "events.heartbeat_seconds",
               fmt::format("必须小于 server.request_timeout_seconds (当前 {} >= {})",
                           c.events.heartbeat_seconds, c.server.request_timeout_seconds));
  if (!c.events.publish_token.empty() && c.events.publish_token.size() < 16)
    return bad(w("events.publish_token"), "events.publish_token", "长度至少 16 个字符");
  if (!c.metrics.token.empty() && c.metrics.token.size() < 16)
    return bad(w("metrics.token"), "metrics.token", "长度至少 16 个字符");
  return {};
}

}  // namespace

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

Result<Config> load_config(const std::string& path,
                           const std::map<std::string, std::string>& env) {
  Config config;
  config.source = path.empty() ? "默认配置" : path;
  auto keys = keys_of(config);

  if (!path.empty()) {
    if (!std::filesystem::exists(path))
      return fail(ErrorCode::kInvalidArgument, fmt::format("配置文件不存在: {}", path));
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}:{}:{}: 配置文件格式错误: {}", path, where.line, where.column,
                              e.description()));
    }
    for (const auto& [section_name, section_node] : table) {
      const std::string section(section_name.str());
      const auto* section_table = section_node.as_table();
      bool known_section = false;
      for (const auto& k : keys) known_section = known_section || k.section == section;
      if (!known_section || section_table == nullptr)
        return bad(path, section, "不是已知的配置节 (见 yichuang.example.toml)");
      for (const auto& [key_name, node] : *section_table) {
        const std::string name(key_name.str());
        const Key* key = nullptr;
        for (const auto& k : keys)
          if (k.section == section && k.name == name) key = &k;
        if (key == nullptr)
          return bad(path, section + "." + name, "不是已知的配置项 (见 yichuang.example.toml)");
        YC_TRY_VOID(key->from_toml(node, path));
        config.origins[section + "." + name] = path;
      }
    }
  }

  for (const auto& k : keys) {
    const std::string var = "YICHUANG_" + upper(k.section) + "_" + upper(k.name);
    auto it = env.find(var);
    if (it == env.end()) continue;
    YC_TRY_VOID(k.from_env(it->second, var));
    config.origins[k.section + "." + k.name] = var;
  }

  YC_TRY_VOID(validate(config));
  return config;
}

}  // namespace yc
