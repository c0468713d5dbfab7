// The social-security card's pure parts (APDUs, records, encodings, the
// vendor driver's output and codes) and the vendor driver path through a fake
// iReadCardBas library (tools/devsim, YC_SSCARD_VENDOR_FAKE).

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

#include "agent/sscard.hpp"

namespace yc::agent {
namespace {

using sscard::Bytes;
using sscard::Tag;

Bytes hex(std::string_view h) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < h.size();) {
    if (h[i] == ' ') { ++i; continue; }
    out += static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

Bytes tlv(Tag tag, const Bytes& value) {
  return Bytes{static_cast<char>(tag), static_cast<char>(value.size())} + value;
}

std::string fmt_sw(std::uint16_t sw) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(sw));
  return buf;
}

TEST(SsCardApdu, SelectsTheSocialSecurityApplicationByName) {
  EXPECT_EQ(sscard::select_application_apdu(),
            hex("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF"));
}

TEST(SsCardApdu, SelectsElementaryFilesById) {
  EXPECT_EQ(sscard::select_file_apdu(sscard::kEf05), hex("00 A4 02 00 02 EF 05"));
  EXPECT_EQ(sscard::select_file_apdu(sscard::kEf06), hex("00 A4 02 00 02 EF 06"));
}

TEST(SsCardApdu, ReadsRecordsNumberedByTheirTag) {
  EXPECT_EQ(sscard::read_record_apdu(Tag::kCardNumber), hex("00 B2 07 04 00"));
  EXPECT_EQ(sscard::read_record_apdu(Tag::kName), hex("00 B2 09 04 00"));
  EXPECT_EQ(sscard::get_response_apdu(0x15), hex("00 C0 00 00 15"));
}

TEST(SsCardApdu, SplitsDataFromTheStatusWord) {
  auto r = sscard::split_response(hex("01 02 90 00"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, hex("01 02"));
  EXPECT_EQ(r->sw, 0x9000);
  auto only_sw = sscard::split_response(hex("6A 82"));
  ASSERT_TRUE(only_sw);
  EXPECT_TRUE(only_sw->data.empty());
  EXPECT_EQ(only_sw->sw, 0x6A82);
  auto too_short = sscard::split_response(hex("90"));
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().code, ErrorCode::kDeviceFailed);
}

TEST(SsCardStatusWord, MapsRefusalsToChineseDeviceErrors) {
  EXPECT_TRUE(sscard::check_status(0x9000, "读取卡号"));
  auto psam = sscard::check_status(0x6982, "读取卡号");
  ASSERT_FALSE(psam);
  EXPECT_EQ(psam.error().code, ErrorCode::kDeviceFailed);
  EXPECT_NE(psam.error().message.find("未完成PSAM安全认证"), std::string::npos);
  EXPECT_NE(psam.error().message.find("6982"), std::string::npos);
  EXPECT_NE(psam.error().message.find("读取卡号"), std::string::npos);
  struct Case { std::uint16_t sw; const char* words; };
  for (auto c : {Case{0x6983, "锁定"}, Case{0x6A82, "未找到社保应用"}, Case{0x6A83, "没有该记录"},
                 Case{0x6D00, "不支持该指令"}, Case{0x6E00, "指令类别"}, Case{0x6700, "长度错误"},
                 Case{0x6283, "失效"}, Case{0x6A86, "参数错误"}, Case{0x1234, "错误状态"}}) {
    auto r = sscard::check_status(c.sw, "选择社保应用");
    ASSERT_FALSE(r) << std::hex << c.sw;
    EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
    EXPECT_NE(r.error().message.find(c.words), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(fmt_sw(c.sw)), std::string::npos) << r.error().message;
  }
}

TEST(SsCardRecord, ReturnsTheValueOfAWellFormedRecord) {
  auto v = sscard::parse_record(hex("07 09 41 30 30 30 30 30 30 30 31"), Tag::kCardNumber);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, "A00000001");
  auto padded = sscard::parse_record(hex("0A 01 31 FF FF 00"), Tag::kSex);
  ASSERT_TRUE(padded);
  EXPECT_EQ(*padded, "1");
  auto long_form = sscard::parse_record(hex("09 81 02 B0 A1"), Tag::kName);
  ASSERT_TRUE(long_form);
  EXPECT_EQ(*long_form, hex("B0 A1"));
  EXPECT_EQ(*sscard::parse_record(tlv(Tag::kSocialNumber, "110105199001011235"), Tag::kSocialNumber),
            "110105199001011235");
  auto empty = sscard::parse_record(hex("0C 00"), Tag::kBirthPlace);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(SsCardRecord, RejectsMalformedRecords) {
  struct Case { const char* data; Tag tag; };
  for (auto c : {Case{"", Tag::kName},                 // nothing
                 Case{"09", Tag::kName},               // no length
                 Case{"08 02 31 32", Tag::kName},      // another tag
                 Case{"09 05 31 32", Tag::kName},      // length past the end
                 Case{"09 FF 31", Tag::kName},         // length past the end (max one byte)
                 Case{"09 81", Tag::kName},            // long form without its length byte
                 Case{"09 81 05 31", Tag::kName},      // long form past the end
                 Case{"09 82 00 01 31", Tag::kName},   // two-byte lengths are not used
                 Case{"09 01 31 32", Tag::kName}}) {   // data after the value
    auto r = sscard::parse_record(hex(c.data), c.tag);
    ASSERT_FALSE(r) << c.data;
    EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
    EXPECT_NE(r.error().message.find("姓名记录格式错误"), std::string::npos) << r.error().message;
  }
}

TEST(SsCardText, DecodesGbkNamesAndDropsPadding) {
  auto zs = sscard::gbk_to_utf8(hex("D5 C5 C8 FD 00 00 00 00"));
  ASSERT_TRUE(zs);
  EXPECT_EQ(*zs, "张三");
  // 0x7C ('|') as a second byte, and a GB18030 four-byte character (㐀 U+3400).
  auto rare = sscard::gbk_to_utf8(hex("C4 7C 81 39 EE 39 20 20"));
  ASSERT_TRUE(rare);
  EXPECT_EQ(*rare, "膢㐀");
  auto gbk = sscard::utf8_to_gbk("欧阳娜娜");
  ASSERT_TRUE(gbk);
  EXPECT_EQ(*sscard::gbk_to_utf8(*gbk), "欧阳娜娜");
  auto bad = sscard::gbk_to_utf8(hex("D5"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kDeviceFailed);
}

TEST(SsCardDate, ReadsBcdAndDigitDates) {
  EXPECT_EQ(*sscard::card_date(hex("19 90 01 01")), "1990-01-01");
  EXPECT_EQ(*sscard::card_date(hex("20 30 12 31")), "2030-12-31");
  EXPECT_EQ(*sscard::card_date("20200315"), "2020-03-15");
  for (Bytes bad : {hex("19 90 13 01"), hex("19 90 00 01"), hex("19 90 01 32"), hex("19 9A 01 01"),
                    hex("19 90 01"), Bytes("2020-03-15"), Bytes("2020031"), Bytes()}) {
    auto r = sscard::card_date(bad);
    ASSERT_FALSE(r) << bad.size();
    EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
  }
}

TEST(SsCardNation, NamesEveryGb3304Code) {
  EXPECT_EQ(nation_name("01"), "汉");
  EXPECT_EQ(nation_name("05"), "维吾尔");
  EXPECT_EQ(nation_name("56"), "基诺");
  for (int i = 1; i <= 56; ++i) {
    const std::string code = (i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_FALSE(nation_name(code).empty()) << code;
  }
  EXPECT_TRUE(nation_name("57").empty());
  EXPECT_TRUE(nation_name("00").empty());
}

sscard::Records ef05() {
  return {{Tag::kCardId, "110100D15600000500A1B2C3D4E5F6A7"},
          {Tag::kCardType, "3"},
          {Tag::kVersion, "3.00"},
          {Tag::kIssuedOn, hex("20 20 03 15")},
          {Tag::kValidTo, hex("20 30 03 15")},
          {Tag::kCardNumber, "A00000001"}};
}

sscard::Records ef06() {
  return {{Tag::kSocialNumber, "110105199001011235"},
          {Tag::kName, hex("D5 C5 C8 FD") + Bytes(26, '\0')},
          {Tag::kSex, "2"},
          {Tag::kNation, hex("05")},
          {Tag::kBirthPlace, hex("11 01 05")},
          {Tag::kBirth, hex("19 90 01 01")}};
}

TEST(SsCardRecords, BuildTheCardFromEf05AndEf06) {
  auto card = sscard::card_from_records(ef05(), ef06());
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->card_number, "A00000001");
  EXPECT_EQ(card->card_type, "3");
  EXPECT_EQ(card->version, "3.00");
  EXPECT_EQ(card->issuer_code, "110100");
  EXPECT_EQ(card->issued_on, "2020-03-15");
  EXPECT_EQ(card->valid_to, "2030-03-15");
  EXPECT_EQ(card->social_number, "110105199001011235");
  EXPECT_EQ(card->name, "张三");
  EXPECT_EQ(card->sex, "女");
  EXPECT_EQ(card->nation, "维吾尔");
  EXPECT_EQ(card->birth_place, "110105");
  EXPECT_EQ(card->birth, "1990-01-01");
}

TEST(SsCardRecords, AcceptBinaryCodesAndMissingOptionalItems) {
  sscard::Records records05 = {{Tag::kCardNumber, "A00000001"}};
  auto records06 = ef06();
  records06[Tag::kSex] = hex("01");
  records06[Tag::kNation] = "01";
  records06.erase(Tag::kBirth);
  auto card = sscard::card_from_records(records05, records06);
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->sex, "男");
  EXPECT_EQ(card->nation, "汉");
  EXPECT_EQ(card->birth, "");
  EXPECT_EQ(card->issued_on, "");
  EXPECT_EQ(card->issuer_code, "");
}

TEST(SsCardRecords, RequireCardNumberSocialNumberAndName) {
  for (Tag missing : {Tag::kCardNumber, Tag::kSocialNumber, Tag::kName}) {
    auto records05 = ef05();
    auto records06 = ef06();
    records05.erase(missing);
    records06.erase(missing);
    auto card = sscard::card_from_records(records05, records06);
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, ErrorCode::kDeviceFailed);
    EXPECT_NE(card.error().message.find("缺少"), std::string::npos);
  }
  auto records06 = ef06();
  records06[Tag::kName] = Bytes(30, '\0');
  EXPECT_FALSE(sscard::card_from_records(ef05(), records06));
  records06 = ef06();
  records06[Tag::kBirth] = hex("19 90 14 01");
  EXPECT_FALSE(sscard::card_from_records(ef05(), records06));
}

TEST(SsCardRecords, ErrorsNeverCarryTheCardData) {
  auto records06 = ef06();
  records06[Tag::kName] = hex("D5");  // half a character
  auto card = sscard::card_from_records(ef05(), records06);
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().message.find("110105199001011235"), std::string::npos);
  EXPECT_EQ(card.error().message.find("A00000001"), std::string::npos);
}

const char* kVendorFields =
    "110100|110105199001011235|A00000001|110100D15600000500A1B2C3D4E5F6A7|张三|"
    "008C544CB886D4CC72|3.00|20200315|20300315|T0001|D0001";

TEST(SsCardVendor, ParsesTheElevenFields) {
  auto gbk = sscard::utf8_to_gbk(kVendorFields);
  ASSERT_TRUE(gbk);
  for (const Bytes& out : {*gbk, *gbk + "|"}) {
    auto card = sscard::parse_vendor_output(out);
    ASSERT_TRUE(card) << card.error().message;
    EXPECT_EQ(card->issuer_code, "110100");
    EXPECT_EQ(card->social_number, "110105199001011235");
    EXPECT_EQ(card->card_number, "A00000001");
    EXPECT_EQ(card->name, "张三");
    EXPECT_EQ(card->version, "3.00");
    EXPECT_EQ(card->issued_on, "2020-03-15");
    EXPECT_EQ(card->valid_to, "2030-03-15");
    EXPECT_EQ(card->birth, "1990-01-01");  // from the ID number
    EXPECT_EQ(card->sex, "男");            // 17th digit 3: odd
    EXPECT_EQ(card->nation, "");
  }
}

TEST(SsCardVendor, SplitsAfterDecodingSoAGbkBarByteIsNotASeparator) {
  // 膢 is C4 7C in GBK: its second byte is '|'.
  std::string fields = kVendorFields;
  fields.replace(fields.find("张三"), std::string("张三").size(), "膢三");
  auto card = sscard::parse_vendor_output(*sscard::utf8_to_gbk(fields));
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->name, "膢三");
}

TEST(SsCardVendor, RejectsMalformedOutput) {
  for (std::string out : {std::string("110100|110105199001011235|A00000001"), std::string(""),
                          std::string(kVendorFields) + "|extra|",
                          std::string("110100||A00000001|x|张三|x|3.00|20200315|20300315|t|d"),
                          std::string("110100|110105199001011235|A00000001|x|张三|x|3.00|2020-13-15|20300315|t|d")}) {
    auto card = sscard::parse_vendor_output(*sscard::utf8_to_gbk(out));
    ASSERT_FALSE(card) << out;
    EXPECT_EQ(card.error().code, ErrorCode::kDeviceFailed);
  }
}

TEST(SsCardVendor, MapsEveryErrorCode) {
  EXPECT_EQ(sscard::vendor_error(-1).code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(sscard::vendor_error(-1).message.find("未找到社保卡读卡器"), std::string::npos);
  EXPECT_EQ(sscard::vendor_error(-2).code, ErrorCode::kNoCard);
  EXPECT_NE(sscard::vendor_error(-2).message.find("请插卡"), std::string::npos);
  EXPECT_EQ(sscard::vendor_error(-11).code, ErrorCode::kDeviceFailed);
  EXPECT_NE(sscard::vendor_error(-11).message.find("-11"), std::string::npos);
  EXPECT_EQ(sscard::vendor_error(-2201).code, ErrorCode::kDeviceFailed);
  EXPECT_NE(sscard::vendor_error(-2201).message.find("未插入PSAM卡"), std::string::npos);
  EXPECT_EQ(sscard::vendor_error(-25).code, ErrorCode::kDeviceFailed);
  EXPECT_NE(sscard::vendor_error(-25).message.find("-25"), std::string::npos);
  EXPECT_EQ(sscard::vendor_error(7).code, ErrorCode::kDeviceFailed);
}

// The fake driver reads its answer from YC_SSCARD_VENDOR_FAKE on every call.
class SsCardVendorDriver : public ::testing::Test {
 protected:
  void TearDown() override { ::unsetenv("YC_SSCARD_VENDOR_FAKE"); }
  std::unique_ptr<SsCardReader> reader_ = make_vendor_sscard_reader(YC_SSCARD_VENDOR_FAKE_LIB);
};

TEST_F(SsCardVendorDriver, ReadsTheCard) {
  ::setenv("YC_SSCARD_VENDOR_FAKE", kVendorFields, 1);
  auto card = reader_->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->name, "张三");
  EXPECT_EQ(card->card_number, "A00000001");
  EXPECT_EQ(card->valid_to, "2030-03-15");
  auto s = reader_->status();
  EXPECT_EQ(s.state, DeviceState::kReady);
  EXPECT_EQ(s.device, "sscard");
}

TEST_F(SsCardVendorDriver, MapsTheDriversCodes) {
  struct Case { const char* code; ErrorCode expected; const char* words; };
  for (auto c : {Case{"-1", ErrorCode::kDeviceAbsent, "未找到社保卡读卡器"},
                 Case{"-2", ErrorCode::kNoCard, "请插卡"},
                 Case{"-11", ErrorCode::kDeviceFailed, "-11"},
                 Case{"-2201", ErrorCode::kDeviceFailed, "未插入PSAM卡"},
                 Case{"-9", ErrorCode::kDeviceFailed, "-9"}}) {
    ::setenv("YC_SSCARD_VENDOR_FAKE", c.code, 1);
    auto card = reader_->read();
    ASSERT_FALSE(card) << c.code;
    EXPECT_EQ(card.error().code, c.expected) << c.code;
    EXPECT_NE(card.error().message.find(c.words), std::string::npos) << card.error().message;
  }
}

TEST(SsCardVendorLibrary, MissingLibraryIsAnAbsentDevice) {
  auto reader = make_vendor_sscard_reader("/nonexistent/libSSCardDriver.so");
  auto card = reader->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(card.error().message.find("未找到社保卡读卡器驱动"), std::string::npos) << card.error().message;
  auto s = reader->status();
  EXPECT_EQ(s.state, DeviceState::kAbsent);
  EXPECT_EQ(s.model, "libSSCardDriver.so");
}

TEST(SsCardVendorLibrary, LibraryWithoutIReadCardBasIsAnAbsentDevice) {
  auto reader = make_vendor_sscard_reader(YC_SSCARD_VENDOR_NOSYM_LIB);
  auto card = reader->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(card.error().message.find("iReadCardBas"), std::string::npos) << card.error().message;
  EXPECT_EQ(reader->status().state, DeviceState::kAbsent);
}

}  // namespace
}  // namespace yc::agent
