#pragma once
// A resident as the grassroots registers keep them (issue 12): the ID number,
// name, phone and address validated, sealed (SM4 + HMAC-SM3, one context per
// table and field), masked for lists, and the ID number's keyed lookup hash
// for finding the same person again. Gender and birth year come from the ID
// number. One place, so the employment registry, the retirees, the mediation
// parties and the archive files all seal people alike.

#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"

namespace yc::privacy {

struct PersonInput {
  std::string id_number, name, phone, address;
};

struct SealedPerson {
  std::string id_hash, id_sealed, id_masked;
  std::string name_sealed, name_masked;
  std::string phone_sealed, phone_masked;      // "" when none was given
  std::string address_sealed, address_masked;  // "" when none was given
  std::string gender;                          // M | F
  int birth_year = 0;
  time::Date birth;
};

struct PersonRules {
  bool phone_required = false;
  bool address_required = false;
};

// Fields at fault are named `<prefix>id_number`, `<prefix>name`, ... so a
// form with two people (a mediation's parties) can say which one.
// context: e.g. "resident" gives the ciphertext contexts "resident.id", ...
Result<SealedPerson> seal_person(const KeyRing& keys, const PersonInput& in, std::string_view context,
                                 const time::Date& today, PersonRules rules = {}, std::string_view prefix = "");

// Opens what `seal_person` sealed under the same context ("" stays "").
struct SealedFields {
  std::string_view id, name, phone, address;
};
Result<PersonInput> open_person(const KeyRing& keys, const SealedFields& sealed, std::string_view context);

// Whole years of age on `today` for someone born on `birth`.
int age_on(const time::Date& birth, const time::Date& today);

}  // namespace yc::privacy
