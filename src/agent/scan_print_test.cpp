// The scanner (SANE "test" backend), scanned pages as PDF, and the ESC/POS
// ticket printer against an in-test TCP listener. No external process: the
// SANE test backend runs inside this one (tools/devsim/sane is its config).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <chrono>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "agent/drivers.hpp"
#include "sim_process.hpp"

namespace yc::agent {
namespace {

using devsim::repo_root;
using devsim::run_command;

// The SANE test backend (pthread build) ends each frame by pthread_cancel()ing
// its reader thread from inside sane_read, racing the thread's own exit; now
// and then the cancelled thread dies holding a loader lock and the next
// sane_start deadlocks (rare: about one scan in a thousand under ASan). A
// real scanner backend is not involved, so fail fast instead of hanging CI.
void arm_watchdog() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::seconds(120));
      std::fputs("watchdog: still scanning after 120 s; the SANE test backend deadlocked "
                 "(see arm_watchdog)\n", stderr);
      std::_Exit(3);
    }).detach();
  });
}

// SANE reads SANE_CONFIG_DIR once, at sane_init: set it before any scanner call.
std::unique_ptr<Scanner> test_scanner(std::string device = "") {
  arm_watchdog();
  static const bool configured = [] {
    const std::string dir = repo_root() + "/tools/devsim/sane";
    return ::setenv("SANE_CONFIG_DIR", dir.c_str(), 1) == 0;
  }();
  EXPECT_TRUE(configured);
  return make_sane_scanner(std::move(device));
}

// The JPEG's size and number of components, read from its SOF marker.
struct JpegInfo {
  int width = 0, height = 0, components = 0;
};
JpegInfo jpeg_info(const std::string& j) {
  JpegInfo info;
  std::size_t i = 2;
  while (i + 9 < j.size()) {
    if (static_cast<unsigned char>(j[i]) != 0xFF) return info;
    const auto marker = static_cast<unsigned char>(j[i + 1]);
    const std::size_t len = (static_cast<unsigned char>(j[i + 2]) << 8) | static_cast<unsigned char>(j[i + 3]);
    if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
      info.height = (static_cast<unsigned char>(j[i + 5]) << 8) | static_cast<unsigned char>(j[i + 6]);
      info.width = (static_cast<unsigned char>(j[i + 7]) << 8) | static_cast<unsigned char>(j[i + 8]);
      info.components = static_cast<unsigned char>(j[i + 9]);
      return info;
    }
    i += 2 + len;
  }
  return info;
}

TEST(SaneScanner, FlatbedColourGivesOneJpegOfThePageSize) {
  auto scanner = test_scanner();
  auto pages = scanner->scan({.dpi = 150, .mode = "color", .source = "flatbed"});
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_EQ(pages->size(), 1u);
  const auto& page = pages->front();
  // tools/devsim/sane/test.conf scans 210 x 297 mm: 1240 x 1753 px at 150 dpi.
  EXPECT_EQ(page.width, 1240);
  EXPECT_EQ(page.height, 1753);
  auto info = jpeg_info(page.jpeg);
  EXPECT_EQ(info.width, 1240);
  EXPECT_EQ(info.height, 1753);
  EXPECT_EQ(info.components, 3);
}

TEST(SaneScanner, GrayGivesAOneComponentJpeg) {
  auto pages = test_scanner()->scan({.dpi = 100, .mode = "gray", .source = "flatbed"});
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(jpeg_info(pages->front().jpeg).components, 1);
  EXPECT_EQ(pages->front().width, 826);
}

TEST(SaneScanner, LineartUsesOneBitDepthWhenTheDeviceHasNoLineartMode) {
  auto pages = test_scanner()->scan({.dpi = 150, .mode = "lineart", .source = "flatbed"});
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_EQ(pages->size(), 1u);
  auto info = jpeg_info(pages->front().jpeg);
  EXPECT_EQ(info.components, 1);
  EXPECT_EQ(info.width, 1240);
  EXPECT_EQ(info.height, 1753);
}

TEST(SaneScanner, AdfScansEveryPageUntilTheFeederIsEmpty) {
  // The test backend's feeder holds 10 sheets.
  auto pages = test_scanner()->scan({.dpi = 75, .mode = "gray", .source = "adf"});
  ASSERT_TRUE(pages) << pages.error().message;
  EXPECT_EQ(pages->size(), 10u);
  for (const auto& p : *pages) EXPECT_FALSE(p.jpeg.empty());
}

TEST(SaneScanner, UnknownDeviceIsAbsent) {
  auto scanner = test_scanner("test:7");
  auto pages = scanner->scan({});
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_EQ(scanner->status().state, DeviceState::kAbsent);
}

TEST(SaneScanner, StatusNamesTheDevice) {
  auto s = test_scanner()->status();
  EXPECT_EQ(s.state, DeviceState::kReady);
  EXPECT_EQ(s.device, "scanner");
  EXPECT_NE(s.model.find("Noname"), std::string::npos) << s.model;
}

TEST(SaneScanner, RefusesBadRequests) {
  auto scanner = test_scanner();
  auto a = scanner->scan({.dpi = 30});
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "dpi");
  auto b = scanner->scan({.mode = "sepia"});
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().field, "mode");
  auto c = scanner->scan({.source = "tray"});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "source");
}

TEST(ScanPdf, FivePagesAt200DpiColourMakeASmallFivePagePdf) {
  auto pages = test_scanner()->scan({.dpi = 200, .mode = "color", .source = "adf"});
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_GE(pages->size(), 5u);
  pages->resize(5);
  auto pdf = pages_to_pdf(*pages, 200);
  ASSERT_TRUE(pdf) << pdf.error().message;
  ASSERT_EQ(pdf->compare(0, 5, "%PDF-"), 0);
  // The server's limit for one uploaded material.
  // The server's limit for one uploaded material. At quality 85 these five
  // pages are 10 MB; pages_to_pdf re-encodes them to fit.
  std::size_t jpeg_bytes = 0;
  for (const auto& p : *pages) jpeg_bytes += p.jpeg.size();
  std::printf("5 pages, 200 dpi colour: JPEGs %zu bytes, PDF %zu bytes\n", jpeg_bytes, pdf->size());
  EXPECT_LE(pdf->size(), kMaxScanPdfBytes);

  const auto dir = std::filesystem::temp_directory_path() / ("yc-scan-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "scan.pdf";
  {
    FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(pdf->data(), 1, pdf->size(), f);
    std::fclose(f);
  }
  const std::string info = run_command("pdfinfo '" + file.string() + "' 2>&1");
  std::filesystem::remove_all(dir);
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  EXPECT_EQ(std::atoi(info.c_str() + at + 6), 5) << info;
  // 1653 px at 200 dpi is 595 pt (A4 width).
  EXPECT_NE(info.find("595.08 x 841.68"), std::string::npos) << info;
}

TEST(ScanPdf, SmallScansKeepTheirJpegBytes) {
  auto pages = test_scanner()->scan({.dpi = 100, .mode = "color", .source = "flatbed"});
  ASSERT_TRUE(pages) << pages.error().message;
  auto pdf = pages_to_pdf(*pages, 100);
  ASSERT_TRUE(pdf) << pdf.error().message;
  // Embedded as is (DCTDecode), not re-compressed.
  EXPECT_NE(pdf->find("/DCTDecode"), std::string::npos);
  EXPECT_NE(pdf->find(pages->front().jpeg), std::string::npos);
}

TEST(ScanPdf, GrayPagesAndBadInput) {
  auto pages = test_scanner()->scan({.dpi = 100, .mode = "gray", .source = "flatbed"});
  ASSERT_TRUE(pages) << pages.error().message;
  auto pdf = pages_to_pdf(*pages, 100);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->compare(0, 5, "%PDF-"), 0);

  auto empty = pages_to_pdf({}, 200);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  auto broken = pages_to_pdf({ScannedPage{10, 10, "not a jpeg"}}, 200);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
}

// A one-connection TCP listener on 127.0.0.1 that keeps what it receives.
class Capture {
 public:
  Capture() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 4);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1) return;  // bounded: never hangs the test
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[4096];
      for (;;) {
        pollfd q{c, POLLIN, 0};
        if (::poll(&q, 1, 5000) != 1) break;
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        bytes_.append(buf, static_cast<std::size_t>(n));
      }
      ::close(c);
    });
  }
  ~Capture() {
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  std::string wait() {
    thread_.join();
    return bytes_;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::string bytes_;
  std::thread thread_;
};

TEST(TicketPrinter, SendsTheExactBytesOverTcp) {
  Capture capture;
  auto printer = make_ticket_printer("tcp://127.0.0.1:" + std::to_string(capture.port()));
  std::string ticket("\x1b@\x1c&A015\n\x1dV\x00", 12);
  ticket += std::string("\xb5\xc8\xba\xf2", 4);  // GB18030 bytes pass through untouched
  auto r = printer->print(ticket);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(capture.wait(), ticket);
}

TEST(TicketPrinter, StatusProbesTheTcpPrinter) {
  Capture capture;
  auto printer = make_ticket_printer("tcp://127.0.0.1:" + std::to_string(capture.port()));
  EXPECT_EQ(printer->status().state, DeviceState::kReady);
}

TEST(TicketPrinter, UnreachablePrinterFails) {
  // A port that was just free: nothing listens there.
  int port;
  {
    Capture c;
    port = c.port();
    (void)make_ticket_printer("tcp://127.0.0.1:" + std::to_string(port))->print("x");
    c.wait();
  }
  auto printer = make_ticket_printer("tcp://127.0.0.1:" + std::to_string(port));
  auto r = printer->print("\x1b@");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_EQ(printer->status().state, DeviceState::kAbsent);
}

TEST(TicketPrinter, EmptyTargetIsDisabled) {
  auto printer = make_ticket_printer("");
  auto r = printer->print("\x1b@");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_EQ(r.error().message, "未配置票据打印机");
  EXPECT_EQ(printer->status().state, DeviceState::kDisabled);
}

TEST(TicketPrinter, WritesToADeviceFile) {
  const auto file = std::filesystem::temp_directory_path() / ("yc-lp0-" + std::to_string(::getpid()));
  {
    FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  auto printer = make_ticket_printer(file.string());
  EXPECT_EQ(printer->status().state, DeviceState::kReady);
  ASSERT_TRUE(printer->print("\x1b@ticket"));
  std::string got = run_command("cat '" + file.string() + "'");
  std::filesystem::remove(file);
  EXPECT_EQ(got, "\x1b@ticket");
  auto gone = make_ticket_printer(file.string());
  EXPECT_EQ(gone->status().state, DeviceState::kAbsent);
  auto r = gone->print("x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceAbsent);
}

TEST(TicketPrinter, InvalidTargetsAreRefused) {
  for (const char* t : {"lp0", "tcp://", "tcp://host:0", "tcp://host:70000", "tcp://host:port", "http://x"}) {
    auto parsed = parse_ticket_target(t);
    ASSERT_FALSE(parsed) << t;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << t;
    auto r = make_ticket_printer(t)->print("x");
    ASSERT_FALSE(r) << t;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << t;
  }
  auto ok = parse_ticket_target("tcp://printer.local");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->port, 9100);
  EXPECT_EQ(ok->host, "printer.local");
}

}  // namespace
}  // namespace yc::agent
