#include "agent/idcard.hpp"

#include <array>

#include <fmt/format.h>

namespace yc::agent::idcard {
namespace {

std::uint8_t byte_at(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

std::string frame(std::string_view body) {
  // body = CMD PARA data (or SW1 SW2 SW3 data); LEN counts body + CHK.
  std::size_t len = body.size() + 1;
  std::string out(kPreamble);
  out.push_back(static_cast<char>((len >> 8) & 0xFF));
  out.push_back(static_cast<char>(len & 0xFF));
  out.append(body);
  std::uint8_t chk = 0;
  for (std::size_t i = kPreamble.size(); i < out.size(); ++i) chk ^= byte_at(out, i);
  out.push_back(static_cast<char>(chk));
  return out;
}

// Finds one frame in buffer; on success `body` is what LEN covers minus CHK.
struct Raw {
  Parse result = Parse::kNeedMore;
  std::string_view body;
  std::size_t consumed = 0;
  std::string problem;
};

Raw find_frame(std::string_view buf, std::size_t min_body) {
  Raw r;
  std::size_t start = buf.find(kPreamble);
  if (start == std::string_view::npos) {
    // Keep a tail that could be the start of a preamble.
    std::size_t keep = 0;
    for (std::size_t k = std::min<std::size_t>(kPreamble.size() - 1, buf.size()); k > 0; --k) {
      if (buf.substr(buf.size() - k) == kPreamble.substr(0, k)) {
        keep = k;
        break;
      }
    }
    r.consumed = buf.size() - keep;
    return r;
  }
  std::string_view rest = buf.substr(start);
  if (rest.size() < kPreamble.size() + 2) {
    r.consumed = start;
    return r;
  }
  std::size_t len = (std::size_t{byte_at(rest, 5)} << 8) | byte_at(rest, 6);
  if (len < min_body + 1 || len > kMaxFrame) {
    r.result = Parse::kBadFrame;
    r.problem = "length";
    r.consumed = start + kPreamble.size();
    return r;
  }
  std::size_t total = kPreamble.size() + 2 + len;
  if (rest.size() < total) {
    r.consumed = start;
    return r;
  }
  std::uint8_t chk = 0;
  for (std::size_t i = kPreamble.size(); i < total - 1; ++i) chk ^= byte_at(rest, i);
  if (chk != byte_at(rest, total - 1)) {
    r.result = Parse::kBadFrame;
    r.problem = "checksum";
    r.consumed = start + kPreamble.size();
    return r;
  }
  r.result = Parse::kFrame;
  r.body = rest.substr(kPreamble.size() + 2, len - 1);
  r.consumed = start + total;
  return r;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "20250124" -> "2025-01-24"; "长期" stays; anything else -> nullopt.
std::optional<std::string> card_date(const std::string& raw, bool allow_long_term) {
  if (allow_long_term && raw == "长期") return raw;
  if (raw.size() != 8 || !all_digits(raw)) return std::nullopt;
  int month = std::stoi(raw.substr(4, 2)), day = std::stoi(raw.substr(6, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return raw.substr(0, 4) + "-" + raw.substr(4, 2) + "-" + raw.substr(6, 2);
}

std::string compact_date(const std::string& iso) {
  if (iso == "长期") return iso;
  std::string out;
  for (char c : iso) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

Unexpected bad_card(std::string_view what) {
  return fail(ErrorCode::kDeviceFailed,
              fmt::format("身份证信息无法识别（{}），请重新放置身份证后再读", what));
}

struct Field {
  std::size_t offset, width;
};
constexpr Field kName{0, 30}, kSex{30, 2}, kNation{32, 4}, kBirth{36, 16}, kAddress{52, 70},
    kIdNumber{122, 36}, kIssuer{158, 30}, kFrom{188, 16}, kTo{204, 16};
// Byte 248 (after a reserved run) says which card: ' ' resident ID card,
// 'I' foreign permanent resident ID card, 'J' HK/Macao/Taiwan residence permit.
constexpr std::size_t kCardKind = 248;

}  // namespace

std::string encode_command(std::uint8_t cmd, std::uint8_t para, std::string_view data) {
  std::string body;
  body.push_back(static_cast<char>(cmd));
  body.push_back(static_cast<char>(para));
  body.append(data);
  return frame(body);
}

std::string encode_reply(std::uint8_t sw3, std::string_view data, std::uint8_t sw1, std::uint8_t sw2) {
  std::string body;
  body.push_back(static_cast<char>(sw1));
  body.push_back(static_cast<char>(sw2));
  body.push_back(static_cast<char>(sw3));
  body.append(data);
  return frame(body);
}

ParsedReply parse_reply(std::string_view buffer) {
  Raw raw = find_frame(buffer, 3);
  ParsedReply out;
  out.result = raw.result;
  out.consumed = raw.consumed;
  out.problem = raw.problem;
  if (raw.result == Parse::kFrame) {
    out.reply.sw1 = byte_at(raw.body, 0);
    out.reply.sw2 = byte_at(raw.body, 1);
    out.reply.sw3 = byte_at(raw.body, 2);
    out.reply.data = std::string(raw.body.substr(3));
  }
  return out;
}

ParsedCommand parse_command(std::string_view buffer) {
  Raw raw = find_frame(buffer, 2);
  ParsedCommand out;
  out.result = raw.result;
  out.consumed = raw.consumed;
  out.problem = raw.problem;
  if (raw.result == Parse::kFrame) {
    out.command.cmd = byte_at(raw.body, 0);
    out.command.para = byte_at(raw.body, 1);
    out.command.data = std::string(raw.body.substr(2));
  }
  return out;
}

Error error_for(std::uint8_t sw3, std::string_view step) {
  auto make = [&](ErrorCode code, std::string_view text) {
    return Error::make(code, fmt::format("{}（状态码 0x{:02X}）", text, sw3));
  };
  switch (sw3) {
    case 0x80:
      return make(ErrorCode::kNoCard, "未检测到身份证，请将身份证放在读卡器感应区");
    case 0x81:
      return make(ErrorCode::kDeviceFailed, "选卡失败，请将身份证重新放好后再读");
    case 0x91:
      return make(ErrorCode::kDeviceFailed, "身份证无此项内容");
    case 0x10:
      return make(ErrorCode::kDeviceFailed, "读卡器收到的数据校验出错，请重试");
    case 0x11:
      return make(ErrorCode::kDeviceFailed, "读卡器收到的数据长度出错，请重试");
    case 0x21:
      return make(ErrorCode::kDeviceFailed, "读卡器不支持该命令，请确认读卡器型号");
    case 0x23:
      return make(ErrorCode::kDeviceFailed, "读卡器拒绝越权操作");
    case 0x24:
      return make(ErrorCode::kDeviceFailed, "读卡器报告未知错误");
    case 0x31:
      return make(ErrorCode::kDeviceFailed, "身份证认证安全模块失败，请确认是有效的身份证");
    case 0x32:
      return make(ErrorCode::kDeviceFailed, "身份证随机数校验失败，请重新放置身份证");
    case 0x33:
      return make(ErrorCode::kDeviceFailed, "安全模块认证身份证失败，请确认是有效的身份证");
    case 0x40:
    case 0x41:
      return make(ErrorCode::kDeviceFailed, "读身份证失败，请将身份证放稳后重试");
    case 0x47:
      return make(ErrorCode::kDeviceFailed, "读卡器操作失败，请重试");
    case 0x60:
      return make(ErrorCode::kDeviceFailed, "读卡器安全模块（SAM）自检失败，请联系设备维护人员");
    case 0x66:
      return make(ErrorCode::kDeviceFailed, "读卡器安全模块（SAM）未经授权，请联系设备维护人员");
    default:
      return make(ErrorCode::kDeviceFailed,
                  fmt::format("读卡器在{}时返回未知状态", step == "find"     ? "寻卡"
                                                         : step == "select" ? "选卡"
                                                         : step == "read"   ? "读卡"
                                                                            : "自检"));
  }
}

std::optional<std::string> ucs2le_to_utf8(std::string_view bytes) {
  if (bytes.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t u = byte_at(bytes, i) | (std::uint32_t{byte_at(bytes, i + 1)} << 8);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return std::nullopt;
      std::uint32_t lo = byte_at(bytes, i + 2) | (std::uint32_t{byte_at(bytes, i + 3)} << 8);
      if (lo < 0xDC00 || lo > 0xDFFF) return std::nullopt;
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return std::nullopt;
    }
    append_utf8(out, u);
  }
  return out;
}

std::string utf8_to_ucs2le(std::string_view s) {
  std::string out;
  auto put = [&](std::uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>((u >> 8) & 0xFF));
  };
  for (std::size_t i = 0; i < s.size();) {
    auto c = byte_at(s, i);
    std::uint32_t cp = 0;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (byte_at(s, i + 1) & 0x3Fu);
      n = 2;
    } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((byte_at(s, i + 1) & 0x3Fu) << 6) | (byte_at(s, i + 2) & 0x3Fu);
      n = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((byte_at(s, i + 1) & 0x3Fu) << 12) |
           ((byte_at(s, i + 2) & 0x3Fu) << 6) | (byte_at(s, i + 3) & 0x3Fu);
      n = 4;
    } else {
      cp = 0xFFFD;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
    i += n;
  }
  return out;
}

Result<IdCard> decode_text(std::string_view text) {
  if (text.size() != kTextBytes) return bad_card("文字信息长度不符");
  if (byte_at(text, kCardKind) == 'I' && byte_at(text, kCardKind + 1) == 0) {
    return fail(ErrorCode::kDeviceFailed, "这是外国人永久居留身份证，请人工录入证件信息");
  }
  auto field = [&](Field f) -> std::optional<std::string> {
    auto s = ucs2le_to_utf8(text.substr(f.offset, f.width));
    if (!s) return std::nullopt;
    return trim_right(std::move(*s));
  };
  IdCard card;
  auto name = field(kName), sex = field(kSex), nation = field(kNation), birth = field(kBirth),
       address = field(kAddress), id = field(kIdNumber), issuer = field(kIssuer),
       from = field(kFrom), to = field(kTo);
  if (!name || !sex || !nation || !birth || !address || !id || !issuer || !from || !to) {
    return bad_card("文字编码错误");
  }
  if (name->empty()) return bad_card("姓名为空");
  card.name = *name;
  card.sex_code = *sex;
  card.sex = std::string(sex_name(*sex));
  if (card.sex.empty()) return bad_card("性别代码");
  card.nation_code = *nation;
  card.nation = std::string(nation_name(*nation));
  // A residence permit for HK/Macao/Taiwan residents has no nation: blank.
  if (card.nation.empty() && !nation->empty()) return bad_card("民族代码");
  auto b = card_date(*birth, false);
  if (!b) return bad_card("出生日期");
  card.birth = *b;
  card.address = *address;
  if (id->size() != 18) return bad_card("公民身份号码");
  card.id_number = *id;
  card.issuer = *issuer;
  auto f = card_date(*from, false), t = card_date(*to, true);
  if (!f || !t) return bad_card("有效期限");
  card.valid_from = *f;
  card.valid_to = *t;
  return card;
}

Result<IdCard> decode_read(std::string_view data) {
  if (data.size() < 4) return bad_card("应答过短");
  std::size_t text_len = (std::size_t{byte_at(data, 0)} << 8) | byte_at(data, 1);
  std::size_t photo_len = (std::size_t{byte_at(data, 2)} << 8) | byte_at(data, 3);
  if (text_len != kTextBytes || photo_len > kPhotoBytes || data.size() != 4 + text_len + photo_len) {
    return bad_card("应答长度不符");
  }
  IdCard card = YC_TRY(decode_text(data.substr(4, text_len)));
  card.photo_wlt = std::string(data.substr(4 + text_len, photo_len));
  return card;
}

std::string encode_text(const IdCard& c) {
  std::string out;
  auto put = [&](const std::string& value, Field f) {
    std::string enc = utf8_to_ucs2le(value);
    if (enc.size() > f.width) enc.resize(f.width);
    while (enc.size() < f.width) enc.append(std::string("\x20\x00", 2));
    out.append(enc);
  };
  put(c.name, kName);
  put(c.sex_code, kSex);
  put(c.nation_code, kNation);
  put(compact_date(c.birth), kBirth);
  put(c.address, kAddress);
  put(c.id_number, kIdNumber);
  put(c.issuer, kIssuer);
  put(compact_date(c.valid_from), kFrom);
  put(compact_date(c.valid_to), kTo);
  // Reserved bytes up to 256, as spaces (a resident ID card).
  while (out.size() < kTextBytes) out.append(std::string("\x20\x00", 2));
  return out;
}

}  // namespace yc::agent::idcard
