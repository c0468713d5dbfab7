#pragma once
// Personal-data rules (PIPL; research/security.md): masking for screens and
// exports, and validators for the identifiers the halls handle. Pure code,
// no I/O. Masking works on Unicode code points, never on bytes, so rare
// characters outside the BMP (e.g. 𠮷) are one character.

#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::privacy {

// 110105********002X: first 6 and last 4 kept.
std::string mask_id_number(std::string_view id);
// A resident ID number as stored, hashed and compared: a final lower-case 'x'
// (as people type it) becomes 'X'; nothing else changes.
std::string normal_resident_id(std::string_view id);
// 138****8000: first 3 and last 4 kept.
std::string mask_phone(std::string_view phone);
// 张** / 𠮷*: the first character, then one * per remaining character.
std::string mask_name(std::string_view name);
// 北京市东城区****: the first 6 characters (about the district) and a fixed
// ****, so the length of the rest is not revealed; short texts keep only
// their first character.
std::string mask_address(std::string_view address);

// Resident identity number (GB 11643-1999): 18 characters, a known
// province-level region code, a real birth date not after `today`, and the
// ISO 7064 MOD 11-2 check character (an 'x' is accepted as 'X'). The error
// names `field` and says what is wrong, in Chinese.
Result<void> validate_resident_id(std::string_view id, time::Date today,
                                  std::string_view field = "id_number");

// Unified social credit code (GB 32100-2015): 18 characters from the 31
// symbols 0-9A-Z without I O Z S V, with the MOD 31 check character.
Result<void> validate_credit_code(std::string_view code, std::string_view field = "credit_code");

// Mainland mobile number: 11 digits, 1 then 3-9.
Result<void> validate_mobile(std::string_view phone, std::string_view field = "phone");

// A contact number people give at a window: a mobile number, or a landline
// with its area code (010-65123456, 0755-12345678; the hyphen is optional).
Result<void> validate_contact_phone(std::string_view phone, std::string_view field = "phone");
// The birth date inside a valid resident identity number.
time::Date birth_date_of(std::string_view valid_id);

}  // namespace yc::privacy
