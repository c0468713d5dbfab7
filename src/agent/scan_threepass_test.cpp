// A three-pass colour scanner (one frame per channel, SANE_FRAME_RED/GREEN/
// BLUE) through the SANE test backend. Its own process: the backend reads its
// configuration once, at sane_init, so this needs a config dir of its own.

#include <unistd.h>

// jpeglib.h uses size_t and FILE without including their headers.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <mutex>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "agent/drivers.hpp"
#include "sim_process.hpp"

namespace yc::agent {
namespace {

using devsim::repo_root;

namespace fs = std::filesystem;

// Mean R, G, B of one row of an RGB JPEG (libjpeg's default error handler
// exits the process on a corrupt JPEG: acceptable in a test).
std::array<int, 3> row_mean(const std::string& jpeg, int row) {
  jpeg_decompress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(jpeg.data()), jpeg.size());
  jpeg_read_header(&cinfo, TRUE);
  jpeg_start_decompress(&cinfo);
  std::vector<unsigned char> line(cinfo.output_width * 3);
  std::array<long, 3> sum{};
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW p = line.data();
    const int y = static_cast<int>(cinfo.output_scanline);
    jpeg_read_scanlines(&cinfo, &p, 1);
    if (y != row) continue;
    for (std::size_t x = 0; x < cinfo.output_width; ++x)
      for (int c = 0; c < 3; ++c) sum[c] += line[x * 3 + c];
  }
  const long w = cinfo.output_width;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return {static_cast<int>(sum[0] / w), static_cast<int>(sum[1] / w), static_cast<int>(sum[2] / w)};
}

// The SANE test backend (pthread build) ends each frame by pthread_cancel()ing
// its reader thread from inside sane_read, racing the thread's own exit; now
// and then the cancelled thread dies holding a loader lock and the next
// sane_start deadlocks (rare: about one scan in a thousand under ASan). A
// real scanner backend is not involved, so fail fast instead of hanging CI.
void arm_watchdog() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::seconds(120));
      std::fputs("watchdog: still scanning after 120 s; the SANE test backend deadlocked "
                 "(see arm_watchdog)\n", stderr);
      std::_Exit(3);
    }).detach();
  });
}

TEST(SaneThreePass, ChannelsArriveInTheDeviceOrderAndAreInterleaved) {
  // tools/devsim/sane with three-pass on, frames sent green, blue, red.
  const fs::path dir = fs::temp_directory_path() / ("yc-sane-3pass-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(repo_root() + "/tools/devsim/sane/dll.conf", dir / "dll.conf", fs::copy_options::overwrite_existing);
  std::ifstream in(repo_root() + "/tools/devsim/sane/test.conf");
  std::stringstream conf;
  conf << in.rdbuf();
  std::string text = conf.str();
  auto replace = [&text](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("three-pass false", "three-pass true");
  replace("three-pass-order RGB", "three-pass-order GBR");
  std::ofstream(dir / "test.conf") << text;
  ASSERT_EQ(::setenv("SANE_CONFIG_DIR", dir.c_str(), 1), 0);
  arm_watchdog();

  auto pages = make_sane_scanner("test:0")->scan({.dpi = 75, .mode = "color", .source = "flatbed"});
  fs::remove_all(dir);
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->front().width, 620);
  // The colour pattern at 75 dpi: a red band at row 8, green at 16, blue at 28.
  auto red = row_mean(pages->front().jpeg, 8);
  auto green = row_mean(pages->front().jpeg, 16);
  auto blue = row_mean(pages->front().jpeg, 28);
  EXPECT_GT(red[0], red[1] + 80);
  EXPECT_GT(red[0], red[2] + 80);
  EXPECT_GT(green[1], green[0] + 80);
  EXPECT_GT(green[1], green[2] + 80);
  EXPECT_GT(blue[2], blue[0] + 80);
  EXPECT_GT(blue[2], blue[1] + 80);
}

}  // namespace
}  // namespace yc::agent
