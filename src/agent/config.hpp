#pragma once
// yichuang-agent's configuration (agent.toml; deploy/agent.example.toml
// documents every key). The agent listens on loopback only and serves only
// the hall's web origin; the pairing token lives in its own 0600 file.

#include <string>
#include <vector>

#include "agent/idcard_reader.hpp"
#include "platform/result.hpp"

namespace yc::agent {

struct AgentConfig {
  // [agent]
  std::string listen = "127.0.0.1";  // 127.0.0.1 or ::1; anything else is refused
  int port = 17100;
  std::vector<std::string> allowed_origins;  // besides the server's own origin
  std::string log_level = "info";
  // [server]
  std::string server_url;            // https://yc.example.gov.cn (its origin is allowed)
  std::string token_file;            // written by `yichuang-agent pair`; default: beside the config
  int heartbeat_seconds = 60;
  // [idcard]
  IdCardReaderOptions idcard;
  // [sscard]
  std::string sscard_reader;         // PC/SC reader name contains this; "" = the first
  std::string sscard_vendor_driver;  // path of the ministry-standard driver (iReadCardBas)
  bool sscard_enabled = true;
  // [scanner]
  std::string scanner_device;        // SANE device name; "" = the first
  bool scanner_enabled = true;
  // [printer]
  std::string cups_server;           // host:port; "" = the system's CUPS
  std::string print_queue;           // the window's queue; "" = the CUPS default
  std::string ticket_printer;        // tcp://host:9100 or /dev/usb/lp0; "" = none
};

// Reads and checks the file; every problem names its key.
Result<AgentConfig> load_agent_config(const std::string& path);

// "scheme://host[:port]" of a URL, lower-cased, default ports dropped, as
// browsers send it in Origin; nullopt when the URL is not http(s).
std::optional<std::string> origin_of(std::string_view url);

// The token saved by pairing ("" when not paired).
std::string read_token(const std::string& token_file);
Result<void> write_token(const std::string& token_file, const std::string& token);

}  // namespace yc::agent
