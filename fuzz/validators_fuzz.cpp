// libFuzzer target for the personal-data validators and masks (issue 13,
// item 4; research/security.md): whatever a form sends as an ID number,
// credit code, phone, name or address must never crash, read out of bounds
// or loop, and a mask must never show more than it promises: the first 6 and
// last 4 of an ID number, the first 3 and last 4 of a phone, the first
// character of a name, the first 6 characters of an address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/text.hpp"
#include "privacy/model.hpp"

namespace {

// Characters of `masked` that are not '*': what the mask reveals.
std::size_t shown(std::string_view masked) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < masked.size();) {
    const auto c = static_cast<unsigned char>(masked[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if (masked[i] != '*') ++n;
    i += len;
  }
  return n;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace p = yc::privacy;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const yc::time::Date today{2026, 11, 27};

  const auto id = p::normal_resident_id(input);
  if (p::validate_resident_id(id, today)) {
    check(id.size() == 18);
    check(shown(p::mask_id_number(id)) <= 10);
    (void)p::birth_date_of(id);
  }
  check(shown(p::mask_id_number(input)) <= 10 || yc::utf8_length(input) <= 10);
  (void)p::validate_credit_code(input);
  if (p::validate_mobile(input)) check(shown(p::mask_phone(input)) <= 7);
  (void)p::validate_contact_phone(input);
  check(shown(p::mask_phone(input)) <= 7 || yc::utf8_length(input) <= 7);
  check(shown(p::mask_name(input)) <= 1);
  check(shown(p::mask_address(input)) <= 6);
  return 0;
}
