#include "privacy/model.hpp"

#include <algorithm>

#include <array>
#include <vector>

namespace yc::privacy {
namespace {

// Splits UTF-8 into code points (each kept as its bytes). Invalid bytes are
// kept one by one, so masking never fails and never shows more than it must.
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) n = 1;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string keep_ends(std::string_view s, std::size_t head, std::size_t tail) {
  const auto cps = code_points(s);
  if (cps.size() <= head + tail) {
    // Too short to show both ends: show only what cannot identify anyone.
    std::string out;
    for (std::size_t i = 0; i < cps.size(); ++i) out += i == 0 ? std::string(cps[i]) : "*";
    return out;
  }
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i)
    out += (i < head || i >= cps.size() - tail) ? std::string(cps[i]) : "*";
  return out;
}

Unexpected invalid(std::string_view field, std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), std::string(field));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Province-level codes of GB/T 2260 (first two digits), plus 71 Taiwan,
// 81 Hong Kong, 82 Macao (residence permits) and 83 (Taiwan residents'
// residence permits).
bool known_region(int p) {
  static constexpr std::array<int, 35> kCodes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                                  35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                                  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  for (int c : kCodes)
    if (c == p) return true;
  return false;
}

bool valid_date(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = m == 2 && leap ? 29 : kDays[m - 1];
  return d <= max;
}

int digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string normal_resident_id(std::string_view id) {
  std::string out(id);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

std::string mask_id_number(std::string_view id) { return keep_ends(id, 6, 4); }

std::string mask_phone(std::string_view phone) { return keep_ends(phone, 3, 4); }

std::string mask_name(std::string_view name) {
  const auto cps = code_points(name);
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) out += i == 0 ? std::string(cps[i]) : "*";
  return out;
}

std::string mask_address(std::string_view address) {
  const auto cps = code_points(address);
  if (cps.size() <= 6) return mask_name(address);
  std::string out;
  for (std::size_t i = 0; i < 6; ++i) out += cps[i];
  return out + "****";
}

Result<void> validate_resident_id(std::string_view id, time::Date today, std::string_view field) {
  if (id.size() != 18) return invalid(field, "身份证号码应为 18 位");
  for (std::size_t i = 0; i < 17; ++i)
    if (!is_digit(id[i])) return invalid(field, "身份证号码前 17 位应为数字");
  const char last = id[17] == 'x' ? 'X' : id[17];
  if (!is_digit(last) && last != 'X') return invalid(field, "身份证号码最后一位应为数字或 X");
  if (!known_region(digits(id.substr(0, 2)))) return invalid(field, "身份证号码的地区码不正确");
  const time::Date birth = birth_date_of(id);
  if (birth.year < 1900 || !valid_date(birth.year, birth.month, birth.day))
    return invalid(field, "身份证号码中的出生日期不正确");
  if (time::days_from_civil(birth) > time::days_from_civil(today))
    return invalid(field, "身份证号码中的出生日期晚于今天");
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  if (kCheck[sum % 11] != last) return invalid(field, "身份证号码校验位不正确,请核对");
  return {};
}

time::Date birth_date_of(std::string_view id) {
  return time::Date{digits(id.substr(6, 4)), digits(id.substr(10, 2)), digits(id.substr(12, 2))};
}

Result<void> validate_credit_code(std::string_view code, std::string_view field) {
  static constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return invalid(field, "统一社会信用代码应为 18 位");
  int sum = 0;
  for (std::size_t i = 0; i < 18; ++i) {
    const auto v = kSymbols.find(code[i]);
    if (v == std::string_view::npos)
      return invalid(field, "统一社会信用代码只能包含数字和除 I、O、Z、S、V 外的大写字母");
    if (i < 17) sum += static_cast<int>(v) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  if (kSymbols[static_cast<std::size_t>(check)] != code[17])
    return invalid(field, "统一社会信用代码校验位不正确,请核对");
  return {};
}

Result<void> validate_mobile(std::string_view phone, std::string_view field) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9')
    return invalid(field, "手机号码应为 11 位数字,以 13 至 19 开头");
  for (char c : phone)
    if (!is_digit(c)) return invalid(field, "手机号码应为 11 位数字,以 13 至 19 开头");
  return {};
}

Result<void> validate_contact_phone(std::string_view phone, std::string_view field) {
  if (!phone.empty() && phone[0] == '1') return validate_mobile(phone, field);
  // A landline: 0, area code (2-3 more digits), optional hyphen, 7-8 digits.
  const auto dash = phone.find('-');
  std::string digits;
  for (char c : phone)
    if (c != '-') digits += c;
  bool ok = phone.size() >= 10 && phone.size() <= 13 && phone[0] == '0' && digits.size() >= 10 &&
            digits.size() <= 12 && std::count(phone.begin(), phone.end(), '-') <= 1 &&
            (dash == std::string_view::npos || (dash >= 3 && dash <= 4));
  for (char c : digits) ok = ok && is_digit(c);
  if (!ok) return invalid(field, "联系电话应为 11 位手机号码,或带区号的固定电话(如 010-65123456)");
  return {};
}

}  // namespace yc::privacy
