#pragma once
// The scanner and printer drivers behind the interfaces of device.hpp
// (issue 8). The routes and main.cpp construct them from the configuration
// and see only Scanner, Printer and TicketPrinter.

#include <cstddef>
#include <memory>
#include <string>

#include "agent/device.hpp"

namespace yc::agent {

// A SANE scanner. `device` is a SANE device name ("test:0", "epson2:libusb:001:004");
// empty: the first device SANE lists. SANE's own configuration decides the
// backends (SANE_CONFIG_DIR in tests). Pages stay in memory as JPEG.
std::unique_ptr<Scanner> make_sane_scanner(std::string device);

// A CUPS client. `server` is "host:port" (or a socket path); empty: the system
// default (CUPS_SERVER, client.conf, the local socket). `default_queue` is the
// window's queue, used when a print request names none; empty: the CUPS default.
std::unique_ptr<Printer> make_cups_printer(std::string server, std::string default_queue);

// A raw ESC/POS ticket printer. `target`: "tcp://host[:port]" (port 9100 by
// default), or a device path such as /dev/usb/lp0; empty: not configured
// (status disabled, print() fails with kDeviceAbsent). A malformed target
// yields a printer whose print() and status() report kInvalidArgument / error;
// use parse_ticket_target() to validate configuration at start.
std::unique_ptr<TicketPrinter> make_ticket_printer(std::string target);

// Where a ticket printer target points. kInvalidArgument (field
// "ticket_printer") when it is neither tcp://host[:port] nor an absolute path.
struct TicketTarget {
  enum class Kind { kNone, kTcp, kDevice };
  Kind kind = Kind::kNone;
  std::string host;  // kTcp
  int port = 9100;   // kTcp
  std::string path;  // kDevice
};
Result<TicketTarget> parse_ticket_target(const std::string& target);

// A JPEG in memory (libjpeg) of 8-bit samples, `components` 1 (gray) or 3
// (RGB) interleaved, rows packed. Shared by the scanner and pages_to_pdf.
Result<std::string> encode_jpeg(const unsigned char* pixels, int width, int height, int components, int quality);

// The largest PDF pages_to_pdf returns: the server's limit for one uploaded
// material. Larger scans are re-encoded at lower JPEG quality to fit.
inline constexpr std::size_t kMaxScanPdfBytes = 4u * 1024 * 1024;

}  // namespace yc::agent
