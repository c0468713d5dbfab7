// Vectors from research/security.md; names with 𠮷 (outside the BMP).
#include <gtest/gtest.h>

#include "privacy/model.hpp"

namespace yc::privacy {
namespace {

constexpr time::Date kToday{2026, 11, 25};

TEST(Masking, IdNumberKeepsFirstSixAndLastFour) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
}

TEST(Masking, PhoneKeepsFirstThreeAndLastFour) { EXPECT_EQ(mask_phone("13800138000"), "138****8000"); }

TEST(Masking, NamesAreMaskedByCodePointNotByte) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("𠮷野家"), "𠮷**");
  EXPECT_EQ(mask_name("王𠮷"), "王*");
  EXPECT_EQ(mask_name(""), "");
}

TEST(Masking, AddressesKeepTheDistrictAndHideTheLength) {
  EXPECT_EQ(mask_address("北京市东城区东华门街道𠮷祥胡同1号"), "北京市东城区****");
  EXPECT_EQ(mask_address("北京市东城区东华门街道"), "北京市东城区****");
  EXPECT_EQ(mask_address("某村"), "某*");
}

TEST(Masking, ShortOrBrokenInputNeverRevealsMore) {
  EXPECT_EQ(mask_id_number("12345"), "1****");
  EXPECT_EQ(mask_phone("138"), "1**");
  EXPECT_EQ(mask_name("\xff\xfe"), "\xff*");  // invalid UTF-8: one byte per character
}

TEST(ResidentId, NormalFormUppercasesOnlyAFinalX) {
  EXPECT_EQ(normal_resident_id("11010519491231002x"), "11010519491231002X");
  EXPECT_EQ(normal_resident_id("11010519491231002X"), "11010519491231002X");
  EXPECT_EQ(normal_resident_id("x1010519491231002"), "x1010519491231002");
  EXPECT_EQ(normal_resident_id(""), "");
}

TEST(ResidentId, AcceptsTheResearchVectorAndLowercaseX) {
  EXPECT_TRUE(validate_resident_id("11010519491231002X", kToday));
  EXPECT_TRUE(validate_resident_id("11010519491231002x", kToday));
  EXPECT_EQ(birth_date_of("11010519491231002X"), (time::Date{1949, 12, 31}));
}

TEST(ResidentId, RejectsANonexistentBirthDate) {
  // research vector: 1900-02-29 does not exist (1900 is not a leap year).
  auto r = validate_resident_id("110105190002290017", kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "id_number");
  EXPECT_NE(r.error().message.find("出生日期"), std::string::npos);
}

TEST(ResidentId, RejectsWrongCheckRegionLengthAndFutureBirth) {
  EXPECT_FALSE(validate_resident_id("110105194912310021", kToday));   // check digit
  EXPECT_FALSE(validate_resident_id("99010519491231002X", kToday));   // region 99
  EXPECT_FALSE(validate_resident_id("1101051949123100", kToday));     // 16 characters
  EXPECT_FALSE(validate_resident_id("11010519491231002Y", kToday));   // bad last character
  EXPECT_FALSE(validate_resident_id("11010520271231001X", kToday));   // born after today
  auto r = validate_resident_id("A1010519491231002X", kToday, "applicant.id_number");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "applicant.id_number");
}

TEST(CreditCode, ResearchVectors) {
  EXPECT_TRUE(validate_credit_code("91350100M000100Y43"));
  auto bad = validate_credit_code("91350200M000000510");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "credit_code");
}

TEST(CreditCode, RejectsExcludedLettersAndWrongLength) {
  EXPECT_FALSE(validate_credit_code("91350100M000100I43"));  // I is not a symbol
  EXPECT_FALSE(validate_credit_code("91350100M000100Y4"));
  EXPECT_FALSE(validate_credit_code("91350100m000100Y43"));  // lower case
}

TEST(Mobile, ElevenDigitsStartingWithOneThenThreeToNine) {
  EXPECT_TRUE(validate_mobile("13800138000"));
  EXPECT_TRUE(validate_mobile("19912345678"));
  EXPECT_FALSE(validate_mobile("12800138000"));
  EXPECT_FALSE(validate_mobile("1380013800"));
  EXPECT_FALSE(validate_mobile("1380013800a"));
  EXPECT_EQ(validate_mobile("", "contact.phone").error().field, "contact.phone");
}

}  // namespace
}  // namespace yc::privacy

namespace yc::privacy {
namespace {

TEST(ContactPhone, MobileOrLandlineWithAreaCode) {
  EXPECT_TRUE(validate_contact_phone("13800138000"));
  EXPECT_TRUE(validate_contact_phone("010-65123456"));
  EXPECT_TRUE(validate_contact_phone("01065123456"));
  EXPECT_TRUE(validate_contact_phone("0755-12345678"));
  EXPECT_EQ(validate_contact_phone("65123456", "applicant.phone").error().field, "applicant.phone");
  EXPECT_FALSE(validate_contact_phone("010-651234"));
  EXPECT_FALSE(validate_contact_phone("010--65123456"));
  EXPECT_FALSE(validate_contact_phone("12800138000"));
  EXPECT_FALSE(validate_contact_phone("010-6512345a"));
}

}  // namespace
}  // namespace yc::privacy
