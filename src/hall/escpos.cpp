#include "hall/escpos.hpp"

#include <arpa/inet.h>
#include <iconv.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace yc::hall {
namespace {

const std::string kInit = "\x1b\x40";              // ESC @
const std::string kChineseOn = "\x1c\x26";         // FS &
const std::string kChineseOff = "\x1c\x2e";        // FS .
const std::string kCenter = "\x1b\x61\x01";        // ESC a 1
const std::string kLeft = "\x1b\x61\x00";          // ESC a 0
const std::string kNormal = std::string("\x1d\x21\x00", 3);  // GS ! 0
const std::string kLarge = "\x1d\x21\x33";         // GS ! 0x33: 4x wide and high
const std::string kBig = "\x1d\x21\x11";           // GS ! 0x11: 2x
const std::string kCut = "\x1d\x56\x42\x03";       // GS V 66 3: feed and partial cut

std::string u16(std::size_t n) {
  std::string out;
  out += static_cast<char>(n & 0xff);
  out += static_cast<char>((n >> 8) & 0xff);
  return out;
}

// GS ( k: model 2, module size 6, error level M, store, print.
std::string qr_command(const std::string& data) {
  std::string out;
  out += std::string("\x1d\x28\x6b\x04\x00\x31\x41\x32\x00", 9);  // model 2
  out += std::string("\x1d\x28\x6b\x03\x00\x31\x43\x06", 8);      // size 6
  out += std::string("\x1d\x28\x6b\x03\x00\x31\x45\x31", 8);      // error correction M
  out += "\x1d\x28\x6b" + u16(data.size() + 3) + std::string("\x31\x50\x30", 3) + data;  // store
  out += std::string("\x1d\x28\x6b\x03\x00\x31\x51\x30", 8);      // print
  return out;
}

}  // namespace

Result<std::string> to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return fail(ErrorCode::kInternal, "系统不支持 GB18030 编码转换");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  const auto r = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) return fail(ErrorCode::kInternal, "票面文字无法转换为 GB18030");
  out.resize(out.size() - out_left);
  return out;
}

Result<std::string> escpos_ticket(const TicketPrint& t) {
  std::string b = kInit + kChineseOn + kCenter;
  auto text = [&](const std::string& s) -> Result<void> {
    b += YC_TRY(to_gb18030(s));
    b += '\n';
    return {};
  };
  b += kBig;
  YC_TRY_VOID(text(t.site_name));
  b += kNormal;
  YC_TRY_VOID(text(t.group_name));
  b += kLarge;
  YC_TRY_VOID(text(t.label));
  b += kNormal;
  YC_TRY_VOID(text(fmt::format("您前面还有 {} 人等候", t.ahead)));
  YC_TRY_VOID(text(fmt::format("取号时间 {}", t.taken_at)));
  if (!t.qr.empty()) {
    b += qr_command(t.qr);
    YC_TRY_VOID(text("扫码查看排队进度"));
  }
  b += kLeft;
  YC_TRY_VOID(text("请留意叫号,过号请到咨询台处理。"));
  b += kChineseOff + "\n\n" + kCut;
  return b;
}

Result<void> send_to_printer(const std::string& host, int port, const std::string& bytes, int timeout_ms) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || res == nullptr)
    return fail(ErrorCode::kUnavailable, "找不到取号打印机", "printer");
  int fd = ::socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    freeaddrinfo(res);
    return fail(ErrorCode::kUnavailable, "无法连接取号打印机", "printer");
  }
  const int rc = ::connect(fd, res->ai_addr, res->ai_addrlen);
  freeaddrinfo(res);
  auto wait = [&](short events) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, timeout_ms) == 1 && (p.revents & (POLLERR | POLLHUP)) == 0;
  };
  if (rc != 0 && (errno != EINPROGRESS || !wait(POLLOUT))) {
    ::close(fd);
    return fail(ErrorCode::kUnavailable, "无法连接取号打印机", "printer");
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLOUT)) continue;
    ::close(fd);
    return fail(ErrorCode::kUnavailable, "取号打印机未接收数据", "printer");
  }
  ::close(fd);
  return {};
}

}  // namespace yc::hall
