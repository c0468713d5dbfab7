#pragma once
// The ticket printer (issue 7, item 1; research/devices.md): raw ESC/POS, as
// thermal ticket printers in halls take it over TCP port 9100 or
// /dev/usb/lp0. Chinese text is sent in GB18030 after FS & (Chinese mode),
// the QR code with GS ( k, and the paper is cut with GS V.

#include <cstdint>
#include <string>

#include "platform/result.hpp"

namespace yc::hall {

struct TicketPrint {
  std::string site_name;   // 东华门街道便民服务中心
  std::string label;       // A015
  std::string group_name;  // 就业服务
  int ahead = 0;           // people waiting before this ticket
  std::string taken_at;    // "2025-01-24 09:15" (Beijing)
  std::string qr;          // progress / queue page URL; empty: no QR code
};

// The bytes for one ticket. Fails (kInternal) only when the text cannot be
// converted to GB18030.
Result<std::string> escpos_ticket(const TicketPrint& t);

// UTF-8 to GB18030 (glibc iconv).
Result<std::string> to_gb18030(const std::string& utf8);

// Sends bytes to a network printer (host, port 9100 by default); waits at
// most timeout_ms for the connection and the write.
Result<void> send_to_printer(const std::string& host, int port, const std::string& bytes, int timeout_ms = 3000);

}  // namespace yc::hall
