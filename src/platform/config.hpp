#pragma once
// The one typed configuration (STYLE.md §8): yichuang.toml, then
// YICHUANG_<SECTION>_<KEY> environment overrides, validated once at start.
// yichuang.example.toml documents every key.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace yc {

struct ServerConfig {
  std::string listen = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;          // event-loop threads (RESTinio on Asio)
  int worker_threads = 4;      // threads for handlers that block (database)
  std::int64_t max_body_bytes = 1 << 20;
  int request_timeout_seconds = 30;
  int max_connections = 10000;
  int shutdown_grace_seconds = 20;
  std::string web_root = "web/dist";  // built SPA; empty = API only
  std::string public_url;       // base URL of the public pages (QR codes); empty: the request's Host
};

struct DatabaseConfig {
  std::string kind = "sqlite";  // "sqlite" | "postgresql"
  std::string sqlite_path = "var/yichuang.db";
  std::string postgres_url;     // libpq conninfo or URI; may hold a password
  int pool_size = 8;
  int busy_timeout_ms = 5000;
};

struct LogConfig {
  std::string level = "info";   // trace|debug|info|warn|error|off
  bool access_log = true;
  std::string file;             // empty: standard error
};

struct EventsConfig {
  int heartbeat_seconds = 15;
  int retention_hours = 24;
  int max_streams = 5000;
  std::string publish_token;    // enables POST /api/events/{topic}; empty = off
};

struct SecurityConfig {
  // Key file of privacy::KeyRing (SM4 field keys, lookup key); outside the
  // database, mode 0600. `yichuang keygen` writes one.
  std::string key_file = "var/keys/yichuang.keys";
  bool secure_cookie = false;   // also set per request by X-Forwarded-Proto: https
  int audit_retention_days = 365;  // at least 183 (six months; research/security.md)
};

// One-window cases (issue 6).
struct CasesConfig {
  std::string files_dir = "var/files";  // encrypted scans, outside the database
  int max_file_mb = 4;                  // one scan or PDF
  int recheck_sample_percent = 5;       // 复核 drawn for this share of reviewed cases (三(七))
  int followup_days = 3;                // 回访 due this many working days after delivery
  int sweep_minutes = 5;                // how often warnings and overdue cases are raised
};

// 好差评 (issue 10): the rectification of a bad rating.
struct EvaluationConfig {
  int rectify_days = 5;    // working days to answer a bad rating (国办发〔2019〕51号 practice: 5-15)
  int escalate_days = 3;   // working days more at each level above, once unanswered
  int appeal_days = 5;     // working days after a bad rating for the unit's 申诉 (appeal)
};

// 投诉举报 (issue 10): working-day deadlines of the steps (GB/T 36113).
struct ComplaintsConfig {
  int accept_days = 2;   // to accept or refuse
  int reply_days = 10;   // from acceptance to the reply
  int close_days = 5;    // from the reply to 回访归档
  int escalate_days = 3; // working days more at each level above, once a step is late
};

// Text messages to applicants (issue 11, item 4).
struct SmsConfig {
  std::string sender = "log";      // log (development: the log, number masked) | http (a gateway) | off
  std::string url;                 // http: the gateway's endpoint (https)
  std::string key;                 // http: sent as Authorization: Bearer <key>
  std::string sign = "【人力社保】";  // the signature the gateway puts before the text
  int dispatch_seconds = 10;
};

// Data exchange (issue 10): how often the webhook outbox is sent.
struct ExchangeConfig {
  int dispatch_seconds = 10;
};

// Citizens and employers sign in through the city's unified identity
// provider with OpenID Connect (issue 11, item 2): authorization code + PKCE.
struct OidcConfig {
  std::string issuer;                 // "" = off; its /.well-known/openid-configuration is read
  std::string client_id, client_secret;
  std::string redirect_url;           // "" = <server.public_url or the request's host>/api/citizen/callback
  std::string scopes = "openid profile phone";
  std::string provider_name = "统一身份认证平台";
  std::string id_number_claim = "id_number";      // the verified resident ID number (persons)
  std::string credit_code_claim = "credit_code";  // the unified social credit code (employers)
  std::string name_claim = "name";
  std::string phone_claim = "phone_number";
};

// Citizens' sessions on the portal.
struct CitizenConfig {
  bool demo_accounts = false;  // demo citizens without the provider (make run only; marked 演示)
  int idle_minutes = 30;       // a citizen session ends after this long unused (12 h at most)
};

// Requests per client address on the routes anyone can reach, and per
// authorized system (research/security.md: throttle by address as well as by
// account). Each node counts on its own.
struct LimitsConfig {
  int login_per_minute = 30;        // POST /api/auth/login
  int public_writes_per_hour = 30;  // complaints, ratings, appointments, remote tickets (devices exempt)
  int lookups_per_minute = 30;      // progress and complaint look-ups by ID number or code
  int api_client_per_minute = 600;  // each authorized system's token
};

// The hall (issue 7).
struct HallConfig {
  std::string voice_dir = "var/voice";  // cached call announcements (WAV)
};

struct NodeConfig {
  std::string id;               // empty: derived from host name and port
};

// GET /metrics (Prometheus). With a token, scrapers send
// `Authorization: Bearer <token>`; without one, only loopback peers are
// answered (a Prometheus or node exporter on the same host).
struct MetricsConfig {
  std::string token;
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  LogConfig log;
  EventsConfig events;
  NodeConfig node;
  MetricsConfig metrics;
  SecurityConfig security;
  CasesConfig cases;
  HallConfig hall;
  EvaluationConfig evaluation;
  ComplaintsConfig complaints;
  ExchangeConfig exchange;
  LimitsConfig limits;
  OidcConfig oidc;
  CitizenConfig citizen;
  SmsConfig sms;
  std::string source;  // the file, or "默认配置"
  // key ("server.port") -> where its value came from (file or variable).
  std::map<std::string, std::string> origins;
  std::string origin_of(const std::string& key) const {
    auto it = origins.find(key);
    return it == origins.end() ? source : it->second;
  }
};

// Loads `path` (may be empty: defaults only; a named file must exist), then
// applies overrides from `env` (name -> value), then validates. Errors name
// the file or variable, the key and the rule, e.g.
// "YICHUANG_SERVER_PORT: server.port 必须在 1..65535 之间 (当前 70000)".
Result<Config> load_config(const std::string& path,
                           const std::map<std::string, std::string>& env);

// The process environment as a map, for load_config.
std::map<std::string, std::string> process_environment();

}  // namespace yc
