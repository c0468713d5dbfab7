#pragma once
// The agent's link to the server (issue 8, item 1): `yichuang-agent pair`
// checks a device token that a hall manager issued for one window and keeps
// it; then every heartbeat reports the devices' status to the server
// (POST /api/agent/heartbeat, `Authorization: Device <token>`), which
// answers with the window the agent belongs to.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "agent/device.hpp"
#include "platform/result.hpp"

namespace yc::agent {

struct ServerLink {
  bool paired = false;
  std::string device_name;
  std::int64_t site_id = 0;
  std::string site_name;
  std::int64_t window_id = 0;
  std::string window_no;
  std::int64_t last_contact_ms = 0;  // UTC epoch ms of the last answer
  std::string problem;               // Chinese; why the last heartbeat failed
};

class ServerClient {
 public:
  ServerClient(std::string server_url, std::string token);
  // One heartbeat: sends the statuses, records the answer.
  Result<ServerLink> heartbeat(const std::vector<DeviceStatus>& devices);
  ServerLink link() const;

 private:
  std::string url_, token_;
  mutable std::mutex mutex_;
  ServerLink link_;
};

}  // namespace yc::agent
