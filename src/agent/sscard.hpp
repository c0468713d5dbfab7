#pragma once
// The social-security card (社保卡, 人社部 card standard) behind SsCardReader
// (issue 8). Two drivers: PC/SC (sscard_pcsc.cpp), which reads EF05/EF06 of
// the card's social-security application itself and works only where the
// card lets records be read without PSAM authentication (test cards, older
// generations), and the ministry-standard vendor driver (sscard_vendor.cpp),
// which does the PSAM/HSM authentication a 3rd-generation card requires.
// The functions in namespace sscard are pure (no I/O) and shared by both.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "agent/device.hpp"
#include "platform/result.hpp"

namespace yc::agent {

// PC/SC: the first reader whose name contains `reader_filter` ("" = the first
// reader pcsclite lists). Each read or status opens its own PC/SC context,
// so a restarted pcscd is picked up without restarting the agent.
std::unique_ptr<SsCardReader> make_pcsc_sscard_reader(std::string reader_filter);

// The vendor driver at `library_path`, exporting
// `long iReadCardBas(int iType, char* pOutInfo)`. Loaded on first use and kept;
// a missing library or symbol is kDeviceAbsent (and is retried on the next call).
std::unique_ptr<SsCardReader> make_vendor_sscard_reader(std::string library_path);

namespace sscard {

// Binary strings: APDUs and card data are bytes held in std::string.
using Bytes = std::string;

// The files of the social-security application.
inline constexpr std::uint16_t kEf05 = 0xEF05;  // card identification (卡识别信息)
inline constexpr std::uint16_t kEf06 = 0xEF06;  // holder (持卡人基本信息)

// Record tags (the record number on the card equals the tag, see read_record_apdu).
enum class Tag : std::uint8_t {
  kCardId = 0x01,         // 卡识别码
  kCardType = 0x02,       // 卡的类别
  kVersion = 0x03,        // 规范版本
  kInitOrg = 0x04,        // 初始化机构编号
  kIssuedOn = 0x05,       // 发卡日期 (BCD YYYYMMDD)
  kValidTo = 0x06,        // 卡有效期 (BCD YYYYMMDD)
  kCardNumber = 0x07,     // 卡号
  kSocialNumber = 0x08,   // 社会保障号码
  kName = 0x09,           // 姓名 (GBK)
  kSex = 0x0A,            // 性别 (GB/T 2261.1: 1 男, 2 女)
  kNation = 0x0B,         // 民族 (GB 3304)
  kBirthPlace = 0x0C,     // 出生地 (行政区划代码, BCD)
  kBirth = 0x0D,          // 出生日期 (BCD YYYYMMDD)
};

// "sx1.sh." followed by 社会保障 in GBK: the application's DF name.
inline constexpr std::string_view kApplicationName =
    "\x73\x78\x31\x2E\x73\x68\x2E\xC9\xE7\xBB\xE1\xB1\xA3\xD5\xCF";

Bytes select_application_apdu();                 // 00 A4 04 00 0F <kApplicationName>
Bytes select_file_apdu(std::uint16_t file_id);   // 00 A4 02 00 02 <id>
Bytes read_record_apdu(Tag tag);                 // 00 B2 <tag> 04 00
Bytes get_response_apdu(std::uint8_t length);    // 00 C0 00 00 <length>

// A response APDU split into its data and status word. kDeviceFailed when
// shorter than the two status bytes.
struct Response {
  Bytes data;
  std::uint16_t sw = 0;
};
Result<Response> split_response(const Bytes& raw);

// 9000 is success; everything else an Error in Chinese naming the status word.
// `what` says what was asked ("选择社保应用", "读取卡号"). Never contains card data.
Result<void> check_status(std::uint16_t sw, std::string_view what);

// The value of one READ RECORD answer: tag (must be `tag`), length (one byte,
// or 81 xx), value. The value must fit in the data; only 00/FF padding may
// follow it. kDeviceFailed when malformed.
Result<Bytes> parse_record(const Bytes& data, Tag tag);

// GBK (read as GB18030, its superset, so rarely used characters in names
// survive) to UTF-8. Trailing 00/FF/space padding is dropped first.
Result<std::string> gbk_to_utf8(std::string_view gbk);
// UTF-8 to GB18030 (the simulators write names onto cards with it).
Result<Bytes> utf8_to_gbk(std::string_view utf8);

// A date as YYYY-MM-DD from 4 BCD bytes or 8 ASCII digits (YYYYMMDD), with
// the month and day range-checked. kDeviceFailed otherwise.
Result<std::string> card_date(std::string_view value);

// The records of EF05 and EF06 by tag, as parse_record returned them.
using Records = std::map<Tag, Bytes>;
// The card from its records. Card number (07), social security number (08)
// and name (09) must be present; the others may be missing (left empty).
Result<SsCard> card_from_records(const Records& ef05, const Records& ef06);

// The output of the vendor driver's iReadCardBas (GBK, 11 fields separated by
// '|', optionally with a trailing '|'):
//   发卡地区行政区划代码|社会保障号码|卡号|卡识别码|姓名|卡复位信息|规范版本|发卡日期|卡有效期|终端机编号|终端设备号
// Sex and birth date are taken from the social security number when it is an
// 18-character resident ID number; nation, card type and birth place are not
// in the output and stay empty.
Result<SsCard> parse_vendor_output(std::string_view output);

// The Error for a non-zero return code of iReadCardBas.
Error vendor_error(long code);

}  // namespace sscard
}  // namespace yc::agent
