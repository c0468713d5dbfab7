#pragma once
// The second-generation resident ID card reader protocol (GA/T 467, the
// "SAM-V" serial protocol; research/devices.md). Pure functions: frames in
// and out, the 256-byte text record decoded, status codes as Chinese errors.
// The driver (idcard_reader.cpp) and the simulator (tools/devsim) share them.
//
// Command frame:  AA AA AA 96 69 | LEN(2, BE) | CMD PARA data | CHK
// Reply frame:    AA AA AA 96 69 | LEN(2, BE) | SW1 SW2 SW3 data | CHK
// LEN counts the bytes after it (CHK included); CHK = XOR of LEN..data.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "agent/device.hpp"
#include "platform/result.hpp"

namespace yc::agent::idcard {

inline constexpr std::string_view kPreamble{"\xAA\xAA\xAA\x96\x69", 5};
inline constexpr std::size_t kMaxFrame = 4096;  // longer LEN values are garbage
inline constexpr std::size_t kTextBytes = 256;
inline constexpr std::size_t kPhotoBytes = 1024;

// Commands (CMD, PARA).
inline constexpr std::uint8_t kCmdStatus = 0x11, kParaStatus = 0xFF;
inline constexpr std::uint8_t kCmdCard = 0x20, kParaFind = 0x01, kParaSelect = 0x02;
inline constexpr std::uint8_t kCmdRead = 0x30, kParaReadBase = 0x01;

// SW3 values.
inline constexpr std::uint8_t kSwOk = 0x90, kSwFound = 0x9F, kSwNoCard = 0x80, kSwSelectFailed = 0x81;

std::string encode_command(std::uint8_t cmd, std::uint8_t para, std::string_view data = {});
std::string encode_reply(std::uint8_t sw3, std::string_view data = {}, std::uint8_t sw1 = 0,
                         std::uint8_t sw2 = 0);

struct Reply {
  std::uint8_t sw1 = 0, sw2 = 0, sw3 = 0;
  std::string data;
};

struct Command {
  std::uint8_t cmd = 0, para = 0;
  std::string data;
};

enum class Parse { kNeedMore, kFrame, kBadFrame };

// One frame from the front of `buffer`. Bytes before the preamble are noise
// and are skipped. `consumed` says how many bytes to drop from the buffer
// (on kNeedMore, the noise before a partial preamble; on kBadFrame, up to
// and including the bad preamble so that a resync can follow).
struct ParsedReply {
  Parse result = Parse::kNeedMore;
  Reply reply;
  std::size_t consumed = 0;
  std::string problem;  // for kBadFrame: "checksum", "length"
};
ParsedReply parse_reply(std::string_view buffer);

struct ParsedCommand {
  Parse result = Parse::kNeedMore;
  Command command;
  std::size_t consumed = 0;
  std::string problem;
};
ParsedCommand parse_command(std::string_view buffer);

// The Chinese error for a non-success SW3 at a step ("find", "select",
// "read", "status"). Every code of the protocol has its own message.
Error error_for(std::uint8_t sw3, std::string_view step);

// Decodes a read reply's data: text length (2, BE), photo length (2, BE),
// the UCS-2LE text record and the WLT photo.
Result<IdCard> decode_read(std::string_view data);

// The 256-byte UCS-2LE text record: name 30, sex 2, nation 4, birth 16,
// address 70, ID number 36, issuer 30, valid from 16, valid to 16 bytes,
// right-padded with spaces.
Result<IdCard> decode_text(std::string_view text);

// The reverse, for the simulator and tests: the text record of a card given
// with sex_code, nation_code, birth/valid dates as YYYY-MM-DD (or 长期).
std::string encode_text(const IdCard& card);

// UCS-2LE <-> UTF-8 (BMP and surrogate pairs); invalid input -> nullopt.
std::optional<std::string> ucs2le_to_utf8(std::string_view bytes);
std::string utf8_to_ucs2le(std::string_view utf8);

}  // namespace yc::agent::idcard
