#include "privacy/person.hpp"

#include <fmt/format.h>

#include "platform/text.hpp"
#include "privacy/model.hpp"

namespace yc::privacy {
namespace {

Result<void> check_length(std::string field, const std::string& value, std::size_t max, bool required,
                          std::string_view what) {
  if (required && value.empty()) return fail(ErrorCode::kInvalidArgument, fmt::format("请填写{}", what), std::move(field));
  if (utf8_length(value) > max)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{}不超过 {} 字", what, max), std::move(field));
  return {};
}

}  // namespace

Result<SealedPerson> seal_person(const KeyRing& keys, const PersonInput& in, std::string_view context,
                                 const time::Date& today, PersonRules rules, std::string_view prefix) {
  const auto f = [&](std::string_view k) { return fmt::format("{}{}", prefix, k); };
  const auto c = [&](std::string_view k) { return fmt::format("{}.{}", context, k); };
  const auto id = normal_resident_id(in.id_number);
  YC_TRY_VOID(validate_resident_id(id, today, f("id_number")));
  YC_TRY_VOID(check_length(f("name"), in.name, 50, true, "姓名"));
  YC_TRY_VOID(check_length(f("address"), in.address, 200, rules.address_required, "住址"));
  if (rules.phone_required && in.phone.empty())
    return fail(ErrorCode::kInvalidArgument, "请填写联系电话", f("phone"));
  SealedPerson p;
  if (!in.phone.empty()) {
    YC_TRY_VOID(validate_contact_phone(in.phone, f("phone")));
    p.phone_sealed = YC_TRY(keys.encrypt(in.phone, c("phone")));
    p.phone_masked = mask_phone(in.phone);
  }
  if (!in.address.empty()) {
    p.address_sealed = YC_TRY(keys.encrypt(in.address, c("address")));
    p.address_masked = mask_address(in.address);
  }
  p.id_hash = keys.lookup_hash(id);
  p.id_sealed = YC_TRY(keys.encrypt(id, c("id")));
  p.id_masked = mask_id_number(id);
  p.name_sealed = YC_TRY(keys.encrypt(in.name, c("name")));
  p.name_masked = mask_name(in.name);
  p.birth = birth_date_of(id);
  p.birth_year = p.birth.year;
  // GB 11643: the 17th character is odd for men, even for women.
  p.gender = ((id[16] - '0') % 2 == 1) ? "M" : "F";
  return p;
}

Result<PersonInput> open_person(const KeyRing& keys, const SealedFields& sealed, std::string_view context) {
  const auto open = [&](std::string_view s, std::string_view k) -> Result<std::string> {
    if (s.empty()) return std::string();
    return keys.decrypt(s, fmt::format("{}.{}", context, k));
  };
  PersonInput p;
  p.id_number = YC_TRY(open(sealed.id, "id"));
  p.name = YC_TRY(open(sealed.name, "name"));
  p.phone = YC_TRY(open(sealed.phone, "phone"));
  p.address = YC_TRY(open(sealed.address, "address"));
  return p;
}

int age_on(const time::Date& birth, const time::Date& today) {
  int age = today.year - birth.year;
  if (today.month < birth.month || (today.month == birth.month && today.day < birth.day)) --age;
  return age;
}

}  // namespace yc::privacy
