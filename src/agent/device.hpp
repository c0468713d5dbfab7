#pragma once
// The window devices that yichuang-agent drives (issue 8, policy 三(五): an
// ID card reader, a document camera and a social-security card reader on
// every window). Each kind has one interface here; the drivers behind them
// (serial GA/T 467, PC/SC, SANE, CUPS, ESC/POS) live in their own files and
// the routes see only these types. Nothing here is ever written to disk.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace yc::agent {

enum class DeviceState { kReady, kAbsent, kError, kDisabled };
std::string_view state_name(DeviceState s);  // "ready", "absent", "error", "disabled"

// What the status light shows for one device.
struct DeviceStatus {
  std::string device;  // "idcard", "sscard", "scanner", "printer", "ticket_printer"
  DeviceState state = DeviceState::kAbsent;
  std::string detail;  // Chinese, for people: "读卡器就绪", "未找到读卡器 /dev/ttyUSB0"
  std::string model;   // e.g. the PC/SC reader name, the SANE device, the CUPS queue
};

// ---- Second-generation resident ID card (GA/T 467) ----
struct IdCard {
  std::string name;
  std::string sex;          // 男 / 女 / 未知
  std::string sex_code;     // "1", "2", "0", "9"
  std::string nation;       // 汉, 蒙古, ... (GB 3304 name without 族)
  std::string nation_code;  // "01".."56"
  std::string birth;        // YYYY-MM-DD
  std::string address;
  std::string id_number;
  std::string issuer;       // 签发机关
  std::string valid_from;   // YYYY-MM-DD
  std::string valid_to;     // YYYY-MM-DD, or "长期"
  std::string photo_wlt;    // the raw 1024-byte WLT photo (never leaves the agent)
  std::string photo_bmp;    // decoded by the vendor library when configured; else empty
};

class IdCardReader {
 public:
  virtual ~IdCardReader() = default;
  // Find, select and read the card on the reader. kDeviceAbsent: no reader;
  // kNoCard: nothing on it; kDeviceFailed: the reader answered with an error
  // (the message names it in Chinese with the status code).
  virtual Result<IdCard> read() = 0;
  virtual DeviceStatus status() = 0;
};

// ---- Social-security card (人社部 card standard) ----
struct SsCard {
  std::string card_number;    // 卡号 (EF05)
  std::string card_type;      // 卡的类别
  std::string version;        // 规范版本
  std::string issuer_code;    // 发卡地区行政区划代码
  std::string issued_on;      // YYYY-MM-DD
  std::string valid_to;       // YYYY-MM-DD
  std::string social_number;  // 社会保障号码 (EF06 tag 08), the resident ID number
  std::string name;           // EF06 tag 09, GBK on the card
  std::string sex;            // 男 / 女
  std::string nation;         // 汉, ...
  std::string birth_place;    // code
  std::string birth;          // YYYY-MM-DD
};

class SsCardReader {
 public:
  virtual ~SsCardReader() = default;
  // kDeviceAbsent: no reader (or no vendor driver); kNoCard: no card;
  // kDeviceFailed: the card refused (no PSAM, read failed), said in Chinese.
  virtual Result<SsCard> read() = 0;
  virtual DeviceStatus status() = 0;
};

// ---- Scanner (SANE) ----
struct ScanRequest {
  int dpi = 200;             // 75..600
  std::string mode = "color";  // color, gray, lineart
  std::string source = "flatbed";  // flatbed, adf (every page the feeder holds)
};

struct ScannedPage {
  int width = 0, height = 0;  // pixels
  std::string jpeg;           // one JPEG per page
};

class Scanner {
 public:
  virtual ~Scanner() = default;
  virtual Result<std::vector<ScannedPage>> scan(const ScanRequest& request) = 0;
  virtual DeviceStatus status() = 0;
};

// The pages as one A4-sized PDF (each page scaled to the paper by its dpi).
Result<std::string> pages_to_pdf(const std::vector<ScannedPage>& pages, int dpi);

// ---- Document printer (CUPS) ----
struct PrintQueue {
  std::string name;
  std::string info;
  bool is_default = false;
  std::string state;  // idle, printing, stopped
};

struct PrintJob {
  int id = 0;
  std::string queue;
  std::string state;  // pending, held, processing, stopped, canceled, aborted, completed
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual Result<std::vector<PrintQueue>> queues() = 0;
  // Prints a PDF held in memory (never written to a file by the agent).
  // queue empty: the configured window queue, else the CUPS default.
  virtual Result<PrintJob> print_pdf(const std::string& queue, const std::string& title,
                                     const std::string& pdf, int copies) = 0;
  virtual Result<PrintJob> job(int id) = 0;
  virtual DeviceStatus status() = 0;
};

// ---- Ticket printer (raw ESC/POS) ----
class TicketPrinter {
 public:
  virtual ~TicketPrinter() = default;
  virtual Result<void> print(const std::string& escpos) = 0;
  virtual DeviceStatus status() = 0;
};

}  // namespace yc::agent

namespace yc::agent {
// GB 3304 nationality codes (01 汉 .. 56 基诺, 97 其他, 98 外国血统中国籍人士)
// to the name without 族; "" for an unknown code. Both card kinds use it.
std::string_view nation_name(std::string_view code);
// GB/T 2261.1 sex codes: 1 男, 2 女, 0 未知, 9 未说明.
std::string_view sex_name(std::string_view code);
}  // namespace yc::agent
