#include "agent/sscard.hpp"

#include <iconv.h>

#include <cerrno>
#include <vector>

#include <fmt/format.h>

namespace yc::agent::sscard {

namespace {

char byte(unsigned v) { return static_cast<char>(static_cast<unsigned char>(v)); }
unsigned ubyte(char c) { return static_cast<unsigned char>(c); }

bool is_padding(char c) { return c == '\0' || ubyte(c) == 0xFF || c == ' '; }

std::string_view trim_padding(std::string_view s) {
  while (!s.empty() && is_padding(s.back())) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  return s;
}

bool printable_ascii(std::string_view s) {
  for (char c : s) {
    if (ubyte(c) < 0x20 || ubyte(c) > 0x7E) return false;
  }
  return true;
}

std::string hex(std::string_view s) {
  std::string out;
  for (char c : s) out += fmt::format("{:02X}", ubyte(c));
  return out;
}

// BCD bytes as their digits; "" when a nibble is not a decimal digit.
// Trailing F nibbles are padding (odd-length numbers end with F).
std::string bcd_digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    for (unsigned nibble : {ubyte(c) >> 4, ubyte(c) & 0x0Fu}) {
      if (nibble <= 9) {
        out += static_cast<char>('0' + nibble);
      } else if (nibble == 0x0F) {
        out += 'F';
      } else {
        return {};
      }
    }
  }
  while (!out.empty() && out.back() == 'F') out.pop_back();
  if (out.find('F') != std::string::npos) return {};
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Text items ("an" in the card standard) are ASCII padded with 00/FF/space;
// an item holding other bytes is shown as hex rather than dropped.
std::string text_item(std::string_view raw) {
  auto t = trim_padding(raw);
  return printable_ascii(t) ? std::string(t) : hex(t);
}

// A code item ("cn", BCD) such as the nation or birth place; ASCII digits are
// accepted too, since some cards personalise these as text.
std::string code_item(std::string_view raw) {
  auto t = trim_padding(raw);
  if (all_digits(t)) return std::string(t);
  return bcd_digits(t);
}

Result<std::string> iconv_convert(std::string_view in, const char* to, const char* from,
                                  std::string_view what) {
  iconv_t cd = ::iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return fail(ErrorCode::kInternal, fmt::format("系统不支持 {} 到 {} 的编码转换", from, to));
  }
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const std::size_t r = ::iconv(cd, &src, &src_left, &dst, &dst_left);
  ::iconv_close(cd);
  if (r == static_cast<std::size_t>(-1) || src_left != 0) {
    return fail(ErrorCode::kDeviceFailed, fmt::format("社保卡{}的文字编码无效", what));
  }
  out.resize(out.size() - dst_left);
  return out;
}

std::string iso_date(std::string_view d) {
  return fmt::format("{}-{}-{}", d.substr(0, 4), d.substr(4, 2), d.substr(6, 2));
}

// The 18-character resident ID number: birth date at 7..14, sex in the 17th
// character (odd 男, even 女; GB 11643).
bool resident_id(std::string_view id) {
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return false;
  return all_digits(id.substr(17)) || id[17] == 'X' || id[17] == 'x';
}

const char* tag_label(Tag tag) {
  switch (tag) {
    case Tag::kCardId: return "卡识别码";
    case Tag::kCardType: return "卡的类别";
    case Tag::kVersion: return "规范版本";
    case Tag::kInitOrg: return "初始化机构编号";
    case Tag::kIssuedOn: return "发卡日期";
    case Tag::kValidTo: return "卡有效期";
    case Tag::kCardNumber: return "卡号";
    case Tag::kSocialNumber: return "社会保障号码";
    case Tag::kName: return "姓名";
    case Tag::kSex: return "性别";
    case Tag::kNation: return "民族";
    case Tag::kBirthPlace: return "出生地";
    case Tag::kBirth: return "出生日期";
  }
  return "记录";
}

}  // namespace

Bytes select_application_apdu() {
  Bytes apdu{'\x00', byte(0xA4), '\x04', '\x00', byte(kApplicationName.size())};
  apdu += kApplicationName;
  return apdu;
}

Bytes select_file_apdu(std::uint16_t file_id) {
  return Bytes{'\x00', byte(0xA4), '\x02', '\x00', '\x02', byte(file_id >> 8), byte(file_id & 0xFF)};
}

// READ RECORD addresses the record by number (P2 = 04: "P1 is a record
// number, in the currently selected EF"). The card standard numbers the
// records of EF05/EF06 by their data item's tag (卡号 is record 07, 姓名 is
// record 09), so P1 is the tag. Le = 00 asks for up to 256 bytes; a T=0 card
// answers 6Cxx with the exact length and the transport asks again.
Bytes read_record_apdu(Tag tag) {
  return Bytes{'\x00', byte(0xB2), byte(static_cast<unsigned>(tag)), '\x04', '\x00'};
}

Bytes get_response_apdu(std::uint8_t length) {
  return Bytes{'\x00', byte(0xC0), '\x00', '\x00', byte(length)};
}

Result<Response> split_response(const Bytes& raw) {
  if (raw.size() < 2) {
    return fail(ErrorCode::kDeviceFailed, fmt::format("社保卡应答过短（{} 字节）", raw.size()));
  }
  Response r;
  r.sw = static_cast<std::uint16_t>((ubyte(raw[raw.size() - 2]) << 8) | ubyte(raw[raw.size() - 1]));
  r.data = raw.substr(0, raw.size() - 2);
  return r;
}

Result<void> check_status(std::uint16_t sw, std::string_view what) {
  if (sw == 0x9000) return ok();
  auto failed = [&](std::string_view why) {
    return fail(ErrorCode::kDeviceFailed, fmt::format("{}失败：{}（{:04X}）", what, why, sw));
  };
  switch (sw) {
    case 0x6982:
      // 3rd-generation cards refuse READ RECORD until the reader's PSAM has
      // authenticated; a plain PC/SC reader cannot do that.
      return failed("未完成PSAM安全认证，无法读取社保卡信息，请使用带PSAM卡的读卡器或配置厂商驱动");
    case 0x6983: return failed("社保卡认证已锁定");
    case 0x6985: return failed("使用条件不满足");
    case 0x6A82: return failed("未找到社保应用或文件，请确认插入的是社保卡");
    case 0x6A83: return failed("卡上没有该记录");
    case 0x6A81: return failed("卡片不支持该功能");
    case 0x6A86:
    case 0x6B00: return failed("指令参数错误");
    case 0x6700: return failed("指令长度错误");
    case 0x6D00: return failed("卡片不支持该指令，请确认插入的是社保卡");
    case 0x6E00: return failed("卡片不支持该指令类别，请确认插入的是社保卡");
    case 0x6283: return failed("社保应用已锁定或失效");
    case 0x6581: return failed("卡片存储器故障");
    case 0x6F00: return failed("卡片内部错误");
    default: break;
  }
  return failed("社保卡返回错误状态");
}

Result<Bytes> parse_record(const Bytes& data, Tag tag) {
  const char* label = tag_label(tag);
  auto malformed = [&](std::string_view why) {
    return fail(ErrorCode::kDeviceFailed, fmt::format("社保卡{}记录格式错误：{}", label, why));
  };
  if (data.size() < 2) return malformed("记录过短");
  if (ubyte(data[0]) != static_cast<unsigned>(tag)) return malformed("标签不符");
  std::size_t length = ubyte(data[1]);
  std::size_t offset = 2;
  if (length == 0x81) {
    if (data.size() < 3) return malformed("长度字段不完整");
    length = ubyte(data[2]);
    offset = 3;
  } else if (length > 0x7F) {
    return malformed("长度字段无效");
  }
  if (length > data.size() - offset) return malformed("长度超出记录");
  for (std::size_t i = offset + length; i < data.size(); ++i) {
    if (data[i] != '\0' && ubyte(data[i]) != 0xFF) return malformed("记录后有多余数据");
  }
  return data.substr(offset, length);
}

Result<std::string> gbk_to_utf8(std::string_view gbk) {
  return iconv_convert(trim_padding(gbk), "UTF-8", "GB18030", "姓名");
}

Result<Bytes> utf8_to_gbk(std::string_view utf8) {
  return iconv_convert(utf8, "GB18030", "UTF-8", "姓名");
}

Result<std::string> card_date(std::string_view value) {
  std::string digits;
  if (value.size() == 8 && all_digits(value)) {
    digits = std::string(value);
  } else if (value.size() == 4) {
    digits = bcd_digits(value);
  }
  if (digits.size() != 8 || !all_digits(digits)) {
    return fail(ErrorCode::kDeviceFailed, "社保卡上的日期格式错误");
  }
  const int month = std::stoi(digits.substr(4, 2));
  const int day = std::stoi(digits.substr(6, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return fail(ErrorCode::kDeviceFailed, "社保卡上的日期无效");
  }
  return iso_date(digits);
}

Result<SsCard> card_from_records(const Records& ef05, const Records& ef06) {
  auto find = [](const Records& r, Tag t) -> const Bytes* {
    auto it = r.find(t);
    return it == r.end() ? nullptr : &it->second;
  };
  auto required = [&](const Records& r, Tag t) -> Result<const Bytes*> {
    const Bytes* v = find(r, t);
    if (v == nullptr || trim_padding(*v).empty()) {
      return fail(ErrorCode::kDeviceFailed, fmt::format("社保卡上缺少{}", tag_label(t)));
    }
    return v;
  };
  auto date = [&](const Records& r, Tag t) -> Result<std::string> {
    const Bytes* v = find(r, t);
    if (v == nullptr || trim_padding(*v).empty()) return std::string();
    return card_date(*v);
  };

  SsCard card;
  card.card_number = text_item(*YC_TRY(required(ef05, Tag::kCardNumber)));
  card.social_number = text_item(*YC_TRY(required(ef06, Tag::kSocialNumber)));
  card.name = YC_TRY(gbk_to_utf8(*YC_TRY(required(ef06, Tag::kName))));
  if (card.name.empty()) return fail(ErrorCode::kDeviceFailed, "社保卡上缺少姓名");

  if (const Bytes* v = find(ef05, Tag::kCardId)) {
    // The card identification code starts with the issuing area's 6-digit
    // administrative division code (发卡地区行政区划代码).
    std::string id = text_item(*v);
    if (id.size() >= 6 && all_digits(std::string_view(id).substr(0, 6))) card.issuer_code = id.substr(0, 6);
  }
  if (const Bytes* v = find(ef05, Tag::kCardType)) card.card_type = text_item(*v);
  if (const Bytes* v = find(ef05, Tag::kVersion)) card.version = text_item(*v);
  card.issued_on = YC_TRY(date(ef05, Tag::kIssuedOn));
  card.valid_to = YC_TRY(date(ef05, Tag::kValidTo));

  if (const Bytes* v = find(ef06, Tag::kSex)) {
    // One byte: ASCII '1'/'2' or the binary code 01/02.
    std::string code = code_item(*v);
    while (code.size() > 1 && code.front() == '0') code.erase(0, 1);
    card.sex = std::string(sex_name(code));
  }
  if (const Bytes* v = find(ef06, Tag::kNation)) {
    std::string code = code_item(*v);
    if (code.size() == 1) code.insert(0, "0");
    card.nation = std::string(nation_name(code));
  }
  if (const Bytes* v = find(ef06, Tag::kBirthPlace)) card.birth_place = code_item(*v);
  card.birth = YC_TRY(date(ef06, Tag::kBirth));
  return card;
}

Result<SsCard> parse_vendor_output(std::string_view output) {
  // Decode before splitting: the second byte of a GBK character may be 0x7C,
  // the '|' separator.
  const std::string text = YC_TRY(iconv_convert(trim_padding(output), "UTF-8", "GB18030", "读卡结果"));
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    auto bar = text.find('|', start);
    fields.push_back(text.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (fields.size() == 12 && fields.back().empty()) fields.pop_back();
  if (fields.size() != 11) {
    return fail(ErrorCode::kDeviceFailed,
                fmt::format("社保卡厂商驱动返回的信息格式无效（{} 个字段，应为 11 个）", fields.size()));
  }
  auto trimmed = [](const std::string& s) { return std::string(trim_padding(s)); };
  SsCard card;
  card.issuer_code = trimmed(fields[0]);
  card.social_number = trimmed(fields[1]);
  card.card_number = trimmed(fields[2]);
  card.name = trimmed(fields[4]);
  card.version = trimmed(fields[6]);
  if (card.social_number.empty() || card.card_number.empty() || card.name.empty()) {
    return fail(ErrorCode::kDeviceFailed, "社保卡厂商驱动返回的信息不完整");
  }
  if (!trimmed(fields[7]).empty()) card.issued_on = YC_TRY(card_date(trimmed(fields[7])));
  if (!trimmed(fields[8]).empty()) card.valid_to = YC_TRY(card_date(trimmed(fields[8])));
  if (resident_id(card.social_number)) {
    auto birth = card_date(std::string_view(card.social_number).substr(6, 8));
    if (birth) card.birth = *birth;
    card.sex = ((card.social_number[16] - '0') % 2 == 1) ? "男" : "女";
  }
  return card;
}

Error vendor_error(long code) {
  switch (code) {
    case -1: return Error::make(ErrorCode::kDeviceAbsent, "未找到社保卡读卡器（厂商驱动返回 -1）");
    case -2: return Error::make(ErrorCode::kNoCard, "未检测到社保卡，请插卡");
    case -11: return Error::make(ErrorCode::kDeviceFailed, "读取社保卡失败（-11），请重新插卡后再试");
    case -2201:
      return Error::make(ErrorCode::kDeviceFailed, "未插入PSAM卡（-2201），请检查读卡器的PSAM卡座");
    default: break;
  }
  return Error::make(ErrorCode::kDeviceFailed, fmt::format("社保卡厂商驱动返回错误（{}）", code));
}

}  // namespace yc::agent::sscard
