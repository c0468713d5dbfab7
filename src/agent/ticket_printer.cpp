// The window's ticket printer (issue 8): raw ESC/POS bytes, made by the
// hall's escpos.cpp or by the server, sent as they are to a network printer
// (TCP 9100, the hall's send_to_printer) or to a USB printer's character
// device (os::write_device).

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "agent/drivers.hpp"
#include "agent/os.hpp"
#include "hall/escpos.hpp"

namespace yc::agent {
namespace {

constexpr int kTimeoutMs = 3000;
constexpr int kProbeTimeoutMs = 800;  // status() runs on every status poll
constexpr std::size_t kMaxTicketBytes = 1024 * 1024;

// Whether a TCP connection to host:port opens within timeout_ms. The status
// light needs no more: a 9100 printer that accepts a connection takes jobs.
bool can_connect(const std::string& host, int port, int timeout_ms) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) return false;
  bool ok = false;
  for (addrinfo* ai = res; ai && !ok; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      ok = true;
    } else if (errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, timeout_ms) == 1) {
        int err = 0;
        socklen_t len = sizeof err;
        ok = ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
      }
    }
    ::close(fd);
  }
  freeaddrinfo(res);
  return ok;
}

class EscPosPrinter final : public TicketPrinter {
 public:
  EscPosPrinter(std::string raw, Result<TicketTarget> target) : raw_(std::move(raw)), target_(std::move(target)) {}

  Result<void> print(const std::string& escpos) override {
    if (!target_) return fail(target_.error());
    if (escpos.empty()) return fail(ErrorCode::kInvalidArgument, "票据内容为空", "escpos");
    if (escpos.size() > kMaxTicketBytes) return fail(ErrorCode::kInvalidArgument, "票据内容过大", "escpos");
    const TicketTarget& t = *target_;
    switch (t.kind) {
      case TicketTarget::Kind::kNone:
        return fail(ErrorCode::kDeviceAbsent, "未配置票据打印机");
      case TicketTarget::Kind::kTcp: {
        auto sent = hall::send_to_printer(t.host, t.port, escpos, kTimeoutMs);
        // The hall driver reports every failure as kUnavailable (not connected,
        // or the printer took no bytes): for the window, the printer is not
        // there, whatever the step.
        if (!sent)
          return fail(ErrorCode::kDeviceAbsent,
                      fmt::format("无法连接票据打印机 {}:{}（{}）", t.host, t.port, sent.error().message));
        return ok();
      }
      case TicketTarget::Kind::kDevice:
        return os::write_device(t.path, escpos, std::chrono::milliseconds(kTimeoutMs));
    }
    return fail(ErrorCode::kInternal);
  }

  DeviceStatus status() override {
    DeviceStatus s;
    s.device = "ticket_printer";
    s.model = raw_;
    if (!target_) {
      s.state = DeviceState::kError;
      s.detail = target_.error().message;
      return s;
    }
    const TicketTarget& t = *target_;
    switch (t.kind) {
      case TicketTarget::Kind::kNone:
        s.state = DeviceState::kDisabled;
        s.detail = "未配置票据打印机";
        break;
      case TicketTarget::Kind::kTcp:
        if (can_connect(t.host, t.port, kProbeTimeoutMs)) {
          s.state = DeviceState::kReady;
          s.detail = "票据打印机就绪";
        } else {
          s.state = DeviceState::kAbsent;
          s.detail = fmt::format("无法连接票据打印机 {}:{}", t.host, t.port);
        }
        break;
      case TicketTarget::Kind::kDevice:
        if (::access(t.path.c_str(), W_OK) == 0) {
          s.state = DeviceState::kReady;
          s.detail = "票据打印机就绪";
        } else {
          s.state = DeviceState::kAbsent;
          s.detail = fmt::format("未找到票据打印机 {}", t.path);
        }
        break;
    }
    return s;
  }

 private:
  std::string raw_;
  Result<TicketTarget> target_;
};

}  // namespace

Result<TicketTarget> parse_ticket_target(const std::string& target) {
  TicketTarget t;
  if (target.empty()) return t;
  constexpr std::string_view kTcp = "tcp://";
  if (target.compare(0, kTcp.size(), kTcp) == 0) {
    std::string rest = target.substr(kTcp.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    std::string host = rest;
    int port = 9100;
    // [v6]:port, host:port or host; a bare IPv6 address needs the brackets.
    std::size_t colon = std::string::npos;
    if (!rest.empty() && rest[0] == '[') {
      const auto close = rest.find(']');
      if (close == std::string::npos) return fail(ErrorCode::kInvalidArgument, "票据打印机地址无效", "ticket_printer");
      host = rest.substr(1, close - 1);
      if (close + 1 < rest.size()) {
        if (rest[close + 1] != ':') return fail(ErrorCode::kInvalidArgument, "票据打印机地址无效", "ticket_printer");
        colon = close + 1;
      }
    } else {
      colon = rest.find(':');
      if (colon != std::string::npos) host = rest.substr(0, colon);
    }
    if (colon != std::string::npos) {
      const char* b = rest.data() + colon + 1;
      const char* e = rest.data() + rest.size();
      auto [ptr, ec] = std::from_chars(b, e, port);
      if (b == e || ec != std::errc{} || ptr != e || port <= 0 || port > 65535)
        return fail(ErrorCode::kInvalidArgument, "票据打印机端口无效", "ticket_printer");
    }
    if (host.empty() || host.find_first_of("/ ") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "票据打印机地址无效", "ticket_printer");
    t.kind = TicketTarget::Kind::kTcp;
    t.host = host;
    t.port = port;
    return t;
  }
  if (target[0] == '/') {
    t.kind = TicketTarget::Kind::kDevice;
    t.path = target;
    return t;
  }
  return fail(ErrorCode::kInvalidArgument, "票据打印机须为 tcp://主机:端口 或设备路径（如 /dev/usb/lp0）",
              "ticket_printer");
}

std::unique_ptr<TicketPrinter> make_ticket_printer(std::string target) {
  auto parsed = parse_ticket_target(target);
  return std::make_unique<EscPosPrinter>(std::move(target), std::move(parsed));
}

}  // namespace yc::agent
