// The ticket printer driver (issue 7, Done when): the bytes a TCP 9100
// listener receives hold the GB18030 ticket text, the QR command and the cut.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "hall/escpos.hpp"

namespace yc::hall {
namespace {

// A printer double: accepts one connection on 127.0.0.1 and keeps the bytes.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 1);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      const int c = ::accept(fd_, nullptr, nullptr);
      char buf[4096];
      for (;;) {
        const auto n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        bytes_.append(buf, static_cast<std::size_t>(n));
      }
      ::close(c);
    });
  }
  ~Listener() {
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  const std::string& wait() {
    thread_.join();
    return bytes_;
  }

 private:
  int fd_ = -1, port_ = 0;
  std::thread thread_;
  std::string bytes_;
};

TEST(EscPos, APrinterOnTcpGetsGb18030TextTheQrCodeAndTheCut) {
  Listener printer;
  TicketPrint t{"东华门街道便民服务中心", "A015", "就业服务", 3, "2025-01-24 09:15", "https://rsj.example.gov.cn/q/A015"};
  const auto bytes = escpos_ticket(t).value();
  ASSERT_TRUE(send_to_printer("127.0.0.1", printer.port(), bytes));
  const auto& got = printer.wait();
  EXPECT_EQ(got, bytes);
  EXPECT_EQ(got.substr(0, 2), "\x1b\x40");                              // ESC @
  EXPECT_NE(got.find("\x1c\x26"), std::string::npos);                   // FS & (Chinese mode)
  for (const char* text : {"东华门街道便民服务中心", "就业服务", "您前面还有 3 人等候"})
    EXPECT_NE(got.find(to_gb18030(text).value()), std::string::npos) << text;
  EXPECT_NE(got.find("A015"), std::string::npos);
  // GB18030, not UTF-8: 就 = BE CD, 业 = D2 B5.
  EXPECT_NE(got.find("\xbe\xcd\xd2\xb5"), std::string::npos);
  EXPECT_EQ(got.find("就业"), std::string::npos);
  EXPECT_NE(got.find(std::string("\x1d\x28\x6b") + '\x24' + '\x00' + "\x31\x50\x30https://rsj.example.gov.cn/q/A015"),
            std::string::npos);                                         // GS ( k store: 33 + 3 bytes
  EXPECT_NE(got.find(std::string("\x1d\x28\x6b\x03\x00\x31\x51\x30", 8)), std::string::npos);  // print the QR
  EXPECT_EQ(got.substr(got.size() - 4), "\x1d\x56\x42\x03");          // GS V: cut last
}

TEST(EscPos, NoPrinterListeningIsAClearError) {
  int port = 0;
  {
    Listener l;
    port = l.port();
    ASSERT_TRUE(send_to_printer("127.0.0.1", port, "x"));
    l.wait();
  }
  auto r = send_to_printer("127.0.0.1", port, "x", 500);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(r.error().field, "printer");
}

}  // namespace
}  // namespace yc::hall
