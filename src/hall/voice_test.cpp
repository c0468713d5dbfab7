// The calling voice (issue 7, Done when): the audio of a call is real speech
// of the expected length, checked with sox.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cstdlib>

#include "hall/voice.hpp"

namespace yc::hall {
namespace {

TEST(CallVoice, TicketCharactersOneByOneAndTheWindowAsANumber) {
  EXPECT_EQ(call_text("A015", 3), "请 A 零 一 五 号到 三 号窗口办理");
  EXPECT_EQ(call_text("B1000", 12), "请 B 一 零 零 零 号到 十二 号窗口办理");
  EXPECT_EQ(chinese_number(10), "十");
  EXPECT_EQ(chinese_number(20), "二十");
  EXPECT_EQ(chinese_number(99), "九十九");
  EXPECT_EQ(chinese_number(105), "一零五");
}

// sox's "stat" of a WAV: length in seconds and RMS amplitude.
std::pair<double, double> stat_of(const std::string& wav) {
  const auto path = std::filesystem::temp_directory_path() / ("yc-call-" + std::to_string(::getpid()) + ".wav");
  std::ofstream(path, std::ios::binary) << wav;
  const std::string cmd = "sox '" + path.string() + "' -n stat 2>&1";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
  }
  std::filesystem::remove(path);
  // Lines like "Length (seconds):      4.542086" and "RMS     amplitude:     0.126392".
  auto value = [&](const std::string& label) {
    const auto at = out.find(label);
    if (at == std::string::npos) return 0.0;
    const auto colon = out.find(':', at);
    return std::strtod(out.c_str() + colon + 1, nullptr);
  };
  return {value("Length (seconds)"), value("RMS     amplitude")};
}

TEST(CallVoice, TheAudioOfACallIsNonSilentSpeechOfTheExpectedLength) {
  auto wav = synthesize(call_text("A015", 3));
  ASSERT_TRUE(wav) << wav.error().message;
  EXPECT_EQ(wav->substr(0, 4), "RIFF");
  const auto [length, rms] = stat_of(*wav);
  EXPECT_GT(length, 2.0);
  EXPECT_LT(length, 8.0);
  EXPECT_GT(rms, 0.02) << "silent audio";
  // A longer announcement takes longer: the text is really spoken.
  auto longer = synthesize(call_text("A015", 3) + "," + call_text("A015", 3));
  ASSERT_TRUE(longer);
  EXPECT_GT(stat_of(*longer).first, length * 1.6);
}

}  // namespace
}  // namespace yc::hall
