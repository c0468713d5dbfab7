// The ID card reader (issue 8, item 2; policy 三(五)): GA/T 467 frames, the
// text record, every status code, and the real driver against the simulated
// reader on a pseudo-terminal (normal, no card, SAM fault, slow, garbled,
// noisy, silent, unplugged).
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "agent/idcard.hpp"
#include "agent/idcard_reader.hpp"
#include "idcard_sim.hpp"

namespace yc::agent {
namespace {

namespace ic = idcard;
using namespace std::chrono_literals;

std::string hex(std::string_view s) {
  std::string out;
  char b[4];
  for (unsigned char c : s) {
    std::snprintf(b, sizeof b, "%02X", c);
    out += b;
  }
  return out;
}

TEST(IdCardFrames, CommandsAreTheProtocolsBytes) {
  EXPECT_EQ(hex(ic::encode_command(0x20, 0x01)), "AAAAAA96690003200122");
  EXPECT_EQ(hex(ic::encode_command(0x20, 0x02)), "AAAAAA96690003200221");
  EXPECT_EQ(hex(ic::encode_command(0x30, 0x01)), "AAAAAA96690003300132");
  EXPECT_EQ(hex(ic::encode_command(0x11, 0xFF)), "AAAAAA9669000311FFED");
}

TEST(IdCardFrames, ReplyIsParsedAfterNoiseAndInPieces) {
  std::string frame = ic::encode_reply(0x9F, std::string("\x01\x02", 2));
  std::string buf = std::string("\x01\xAA\x02", 3) + frame.substr(0, 6);
  auto p = ic::parse_reply(buf);
  EXPECT_EQ(p.result, ic::Parse::kNeedMore);
  buf.erase(0, p.consumed);
  buf += frame.substr(6);
  p = ic::parse_reply(buf);
  ASSERT_EQ(p.result, ic::Parse::kFrame);
  EXPECT_EQ(p.reply.sw3, 0x9F);
  EXPECT_EQ(p.reply.data, std::string("\x01\x02", 2));
  EXPECT_EQ(p.consumed, buf.size());
}

TEST(IdCardFrames, BadChecksumAndLengthAreRefusedAndResynced) {
  std::string frame = ic::encode_reply(0x90);
  std::string bad = frame;
  bad.back() ^= 1;
  auto p = ic::parse_reply(bad + frame);
  EXPECT_EQ(p.result, ic::Parse::kBadFrame);
  EXPECT_EQ(p.problem, "checksum");
  auto next = ic::parse_reply(std::string_view(bad + frame).substr(p.consumed));
  EXPECT_EQ(next.result, ic::Parse::kFrame);

  std::string huge = std::string(ic::kPreamble) + std::string("\xFF\xFF", 2);
  EXPECT_EQ(ic::parse_reply(huge).result, ic::Parse::kBadFrame);
  std::string tiny = std::string(ic::kPreamble) + std::string("\x00\x01\x00", 3);
  EXPECT_EQ(ic::parse_reply(tiny).result, ic::Parse::kBadFrame);
}

TEST(IdCardFrames, EveryStatusCodeHasAChineseMessageAndTheRightKind) {
  EXPECT_EQ(ic::error_for(0x80, "find").code, ErrorCode::kNoCard);
  for (int sw : {0x81, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x77}) {
    Error e = ic::error_for(static_cast<std::uint8_t>(sw), "read");
    EXPECT_EQ(e.code, ErrorCode::kDeviceFailed) << sw;
    EXPECT_NE(e.message.find("状态码"), std::string::npos) << e.message;
  }
  EXPECT_NE(ic::error_for(0x60, "status").message.find("SAM"), std::string::npos);
}

TEST(IdCardText, RoundTripsFixedWidthUcs2Fields) {
  IdCard c = devsim::demo_holder();
  std::string text = ic::encode_text(c);
  ASSERT_EQ(text.size(), 256u);
  // The name's first character in UCS-2 little endian: 王 U+738B.
  EXPECT_EQ(static_cast<unsigned char>(text[0]), 0x8B);
  EXPECT_EQ(static_cast<unsigned char>(text[1]), 0x73);
  auto d = ic::decode_text(text);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->name, "王晓明");
  EXPECT_EQ(d->sex, "男");
  EXPECT_EQ(d->nation, "汉");
  EXPECT_EQ(d->birth, "1949-12-31");
  EXPECT_EQ(d->address, c.address);
  EXPECT_EQ(d->id_number, "11010519491231002X");
  EXPECT_EQ(d->issuer, "北京市公安局朝阳分局");
  EXPECT_EQ(d->valid_from, "2020-01-01");
  EXPECT_EQ(d->valid_to, "长期");
}

TEST(IdCardText, NationAndSexCodesAreMapped) {
  IdCard c = devsim::demo_holder();
  c.sex_code = "2";
  c.nation_code = "56";
  auto d = ic::decode_text(ic::encode_text(c));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->sex, "女");
  EXPECT_EQ(d->nation, "基诺");
  c.nation_code = "57";
  EXPECT_FALSE(ic::decode_text(ic::encode_text(c)));
  c.nation_code = "05";
  c.sex_code = "7";
  EXPECT_FALSE(ic::decode_text(ic::encode_text(c)));
  EXPECT_EQ(nation_name("05"), "维吾尔");
  EXPECT_EQ(nation_name("98"), "外国血统中国籍人士");
  EXPECT_EQ(nation_name("x1"), "");
}

TEST(IdCardText, MalformedRecordsAreRefusedClearly) {
  IdCard c = devsim::demo_holder();
  c.birth = "1949-13-31";
  auto r = ic::decode_text(ic::encode_text(c));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("出生日期"), std::string::npos);
  c = devsim::demo_holder();
  c.id_number = "1101";
  EXPECT_FALSE(ic::decode_text(ic::encode_text(c)));
  EXPECT_FALSE(ic::decode_text(std::string(255, ' ')));
  std::string lone_surrogate = ic::encode_text(devsim::demo_holder());
  lone_surrogate[0] = '\x00';
  lone_surrogate[1] = '\xDC';
  EXPECT_FALSE(ic::decode_text(lone_surrogate));
  std::string foreign = ic::encode_text(devsim::demo_holder());
  foreign[248] = 'I';
  foreign[249] = '\0';
  auto f = ic::decode_text(foreign);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("外国人永久居留"), std::string::npos);
  EXPECT_FALSE(ic::decode_read(std::string(10, '\0')));
}

// The simulated reader on a pty, served by a thread of this process.
class SimulatedReader : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("yc-idcard-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    control_ = (dir_ / "control").string();
    termios raw{};
    cfmakeraw(&raw);
    ASSERT_EQ(::openpty(&master_, &slave_, nullptr, &raw, nullptr), 0);
    port_ = ::ttyname(slave_);
    server_ = std::thread([this] { devsim::serve(master_, control_, stop_); });
  }
  void TearDown() override {
    stop_ = true;
    server_.join();
    ::close(slave_);
    ::close(master_);
    std::filesystem::remove_all(dir_);
  }
  void control(const std::string& lines) {
    std::ofstream(control_) << lines;
  }
  std::unique_ptr<IdCardReader> reader(std::chrono::milliseconds timeout = 800ms) {
    IdCardReaderOptions o;
    o.port = port_;
    o.reply_timeout = timeout;
    return make_idcard_reader(o);
  }

  std::filesystem::path dir_;
  std::string control_, port_;
  int master_ = -1, slave_ = -1;
  std::atomic<bool> stop_{false};
  std::thread server_;
};

TEST_F(SimulatedReader, ReadsTheCardThroughFindSelectRead) {
  control("card=present\nname=李娜\nsex=2\nnation=03\n");
  auto card = reader()->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->name, "李娜");
  EXPECT_EQ(card->sex, "女");
  EXPECT_EQ(card->nation, "回");
  EXPECT_EQ(card->id_number, "11010519491231002X");
  EXPECT_EQ(card->photo_wlt.size(), 1024u);
  EXPECT_TRUE(card->photo_bmp.empty());  // no vendor decoder configured
  EXPECT_EQ(reader()->status().state, DeviceState::kReady);
}

TEST_F(SimulatedReader, NoCardIsNoCard) {
  control("card=absent\n");
  auto r = reader()->read();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNoCard);
  EXPECT_NE(r.error().message.find("未检测到身份证"), std::string::npos);
}

TEST_F(SimulatedReader, SamFaultIsReportedByReadAndStatus) {
  control("fault=sam\n");
  auto r = reader()->read();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
  EXPECT_NE(r.error().message.find("SAM"), std::string::npos);
  auto s = reader()->status();
  EXPECT_EQ(s.state, DeviceState::kError);
  EXPECT_NE(s.detail.find("SAM"), std::string::npos);
}

TEST_F(SimulatedReader, ReadAndSelectFailuresHaveTheirOwnMessages) {
  control("fault=read\n");
  auto r = reader()->read();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("读身份证失败"), std::string::npos);
  control("fault=select\n");
  r = reader()->read();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("选卡失败"), std::string::npos);
}

TEST_F(SimulatedReader, SlowRepliesInPiecesAreAssembled) {
  control("delay_ms=300\n");
  auto card = reader(2000ms)->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->name, "王晓明");
}

TEST_F(SimulatedReader, NoiseBeforeFramesIsSkipped) {
  control("noise=1\n");
  auto card = reader()->read();
  ASSERT_TRUE(card) << card.error().message;
}

TEST_F(SimulatedReader, AGarbledReplyIsAskedAgain) {
  control("garble_every=2\n");  // replies 2, 4, ... are garbled; each is retried once
  auto card = reader()->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->id_number, "11010519491231002X");
}

TEST_F(SimulatedReader, AlwaysGarbledRepliesFailWithACommunicationError) {
  control("garble_every=1\n");
  auto r = reader()->read();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
  EXPECT_NE(r.error().message.find("校验"), std::string::npos);
}

TEST_F(SimulatedReader, ASilentReaderTimesOut) {
  control("silent=1\n");
  auto start = std::chrono::steady_clock::now();
  auto r = reader(300ms)->read();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceFailed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // bounded, not a timing assertion
}

TEST_F(SimulatedReader, ThePhotoIsDecodedByTheVendorLibraryWhenOneIsConfigured) {
  control("card=present\n");
  IdCardReaderOptions o;
  o.port = port_;
  o.reply_timeout = 800ms;
  o.wlt_decoder = YC_WLT_FAKE;
  auto card = make_idcard_reader(o)->read();
  ASSERT_TRUE(card) << card.error().message;
  ASSERT_EQ(card->photo_bmp.size(), 38862u);
  EXPECT_EQ(card->photo_bmp.substr(0, 2), "BM");
  // A decoder that cannot be loaded leaves the photo out and the read whole.
  o.wlt_decoder = "/nonexistent/libwlt.so";
  card = make_idcard_reader(o)->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_TRUE(card->photo_bmp.empty());
  EXPECT_EQ(card->name, "王晓明");
}

TEST(IdCardReaderPort, AMissingPortIsDeviceAbsentAndAnEmptyOneDisabled) {
  IdCardReaderOptions o;
  o.port = "/dev/yc-no-such-reader";
  auto r = make_idcard_reader(o)->read();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(r.error().message.find("未找到读卡器"), std::string::npos);
  EXPECT_EQ(make_idcard_reader(o)->status().state, DeviceState::kAbsent);
  EXPECT_EQ(make_idcard_reader({})->status().state, DeviceState::kDisabled);
}

}  // namespace
}  // namespace yc::agent
