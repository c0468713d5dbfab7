// yichuang-agent: the window PC's device agent (issue 8; docs/api/agent.md).
//   yichuang-agent serve --config agent.toml
//   yichuang-agent pair --config agent.toml --token <token from 大厅管理>
//   yichuang-agent status --config agent.toml
#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdio>
#include <iostream>

#include <spdlog/spdlog.h>

#include "agent/config.hpp"
#include "agent/drivers.hpp"
#include "agent/idcard_reader.hpp"
#include "agent/pairing.hpp"
#include "agent/routes.hpp"
#include "agent/sscard.hpp"
#include "platform/http/server.hpp"
#include "platform/log.hpp"

namespace {

using namespace yc;
using namespace yc::agent;

Devices open_devices(const AgentConfig& c) {
  Devices d;
  if (!c.idcard.port.empty()) d.idcard = make_idcard_reader(c.idcard);
  if (c.sscard_enabled) {
    d.sscard = c.sscard_vendor_driver.empty() ? make_pcsc_sscard_reader(c.sscard_reader)
                                              : make_vendor_sscard_reader(c.sscard_vendor_driver);
  }
  if (c.scanner_enabled) d.scanner = make_sane_scanner(c.scanner_device);
  d.printer = make_cups_printer(c.cups_server, c.print_queue);
  if (!c.ticket_printer.empty()) d.ticket_printer = make_ticket_printer(c.ticket_printer);
  return d;
}

int serve(const AgentConfig& c) {
  http::block_stop_signals();
  AgentContext ctx;
  ctx.allowed_origins = c.allowed_origins;
  ctx.port = c.port;
  ctx.devices = open_devices(c);
  if (!c.server_url.empty()) ctx.server = std::make_shared<ServerClient>(c.server_url, read_token(c.token_file));

  http::ServerOptions o;
  o.listen = c.listen;
  o.port = c.port;
  o.io_threads = 1;
  o.worker_threads = 3;
  o.max_body_bytes = 1 << 20;
  o.request_timeout = std::chrono::seconds(120);  // an ADF scan of many pages takes a while
  o.max_connections = 64;
  o.shutdown_grace = std::chrono::seconds(5);
  auto site = http::StaticSite::load("");
  if (!site) {
    std::cerr << site.error().message << "\n";
    return 1;
  }
  auto server = http::Server::start(o, make_agent_router(ctx), *site);
  if (!server) {
    std::cerr << "yichuang-agent: " << server.error().message << "\n";
    return 1;
  }
  if (ctx.server) {
    // A heartbeat every heartbeat_seconds; after a failure (the server not up
    // yet, the network down) every 5 seconds until one gets through.
    auto next = std::make_shared<std::atomic<std::int64_t>>(0);
    auto beat = [&ctx, next, period = c.heartbeat_seconds] {
      auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
      if (now < next->load()) return;
      auto r = ctx.server->heartbeat(device_statuses(ctx.devices));
      if (!r) spdlog::warn("heartbeat: {}", r.error().message);
      next->store(now + (r ? period : 5));
    };
    (*server)->post(beat);
    (*server)->every(std::chrono::seconds(5), beat);
  }
  std::printf("yichuang-agent: http://%s:%d (origins:", c.listen.c_str(), c.port);
  for (const auto& origin : c.allowed_origins) std::printf(" %s", origin.c_str());
  std::printf(")\n");
  std::fflush(stdout);
  (*server)->wait_for_stop();
  return 0;
}

int pair(const AgentConfig& c, const std::string& token) {
  if (c.server_url.empty()) {
    std::cerr << "agent.toml: 未配置 server.url\n";
    return 2;
  }
  ServerClient client(c.server_url, token);
  Devices devices = open_devices(c);
  auto link = client.heartbeat(device_statuses(devices));
  if (!link) {
    std::cerr << "配对失败：" << link.error().message << "\n";
    return 1;
  }
  if (auto w = write_token(c.token_file, token); !w) {
    std::cerr << w.error().message << "\n";
    return 1;
  }
  std::cout << "已配对：" << link->site_name << " " << (link->window_no.empty() ? "" : link->window_no + " 号窗口")
            << "（" << link->device_name << "）\n";
  return 0;
}

int status(const AgentConfig& c) {
  Devices devices = open_devices(c);
  int bad = 0;
  for (const auto& s : device_statuses(devices)) {
    std::cout << s.device << "\t" << state_name(s.state) << "\t" << s.detail
              << (s.model.empty() ? "" : "\t" + s.model) << "\n";
    if (s.state == DeviceState::kError || s.state == DeviceState::kAbsent) ++bad;
  }
  return bad == 0 ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"一窗 设备助手 (yichuang-agent)：窗口电脑上的身份证、社保卡、扫描仪和打印机"};
  cli.require_subcommand(1);
  std::string config_path = "agent.toml", token;
  cli.add_option("-c,--config", config_path, "配置文件")->capture_default_str();
  auto* serve_cmd = cli.add_subcommand("serve", "在本机 127.0.0.1 上提供设备服务");
  auto* pair_cmd = cli.add_subcommand("pair", "用大厅管理中生成的令牌与业务系统配对");
  pair_cmd->add_option("--token", token, "设备令牌")->required();
  auto* status_cmd = cli.add_subcommand("status", "检查本机各设备的状态");
  CLI11_PARSE(cli, argc, argv);

  auto config = load_agent_config(config_path);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 2;
  }
  if (auto l = yc::log::init(config->log_level, ""); !l) {
    std::cerr << l.error().message << "\n";
    return 2;
  }
  if (serve_cmd->parsed()) return serve(*config);
  if (pair_cmd->parsed()) return pair(*config, token);
  if (status_cmd->parsed()) return status(*config);
  return 2;
}
