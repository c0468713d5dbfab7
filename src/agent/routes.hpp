#pragma once
// yichuang-agent's HTTP API (docs/api/agent.md). Every request, preflight
// included, must come from an allowed origin (Origin header) to a loopback
// Host (against DNS rebinding); anything else is 403 before any device is
// touched. Answers carry the CORS headers for that origin only.

#include <memory>
#include <string>
#include <vector>

#include "agent/device.hpp"
#include "agent/pairing.hpp"
#include "platform/http/http.hpp"

namespace yc::agent {

struct Devices {
  std::unique_ptr<IdCardReader> idcard;
  std::unique_ptr<SsCardReader> sscard;
  std::unique_ptr<Scanner> scanner;
  std::unique_ptr<Printer> printer;
  std::unique_ptr<TicketPrinter> ticket_printer;
};

struct AgentContext {
  std::vector<std::string> allowed_origins;
  int port = 17100;
  Devices devices;
  std::shared_ptr<ServerClient> server;  // may be null (not configured)
};

// Every device's status, in a fixed order (the workbench's status light).
std::vector<DeviceStatus> device_statuses(Devices& devices);

// `context` must outlive the router.
http::Router make_agent_router(AgentContext& context);

// Checks Host and Origin; nullopt when the request may proceed.
std::optional<Error> refuse(const http::Request& r, const std::vector<std::string>& allowed, int port);

}  // namespace yc::agent
