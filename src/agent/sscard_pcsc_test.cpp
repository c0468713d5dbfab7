// The PC/SC social-security card driver against a private pcscd with the
// vsmartcard-vpcd reader (tools/devsim/pcsc-sim) and the virtual card
// yc-sscard-vcard. Needs pcscd and vsmartcard-vpcd, and mount namespaces
// (root, or unprivileged user namespaces) for pcsc-sim.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sim_process.hpp"

#include "agent/sscard.hpp"

extern char** environ;

namespace yc::agent {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using devsim::read_env;
using devsim::spawn;
using devsim::wait_for;

// One private pcscd for the whole suite. pcsclite reads PCSCLITE_CSOCK_NAME
// once per process, so the socket path stays the same across restarts.
class PcscSim {
 public:
  PcscSim() {
    dir_ = fs::temp_directory_path() / ("yc-pcsc-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::setenv("YC_SSCARD_VCARD", YC_SSCARD_VCARD_BIN, 1);
  }
  ~PcscSim() {
    stop();
    fs::remove_all(dir_);
  }

  bool running() const { return pid_ != 0; }
  const std::map<std::string, std::string>& env() const { return env_; }

  // Runs `pcsc-sim start` (foreground) as our child and waits for DIR/env.
  bool start() {
    fs::remove(dir_ / "env");
    auto env = devsim::start_until_env({"bash", YC_PCSC_SIM_SCRIPT, "start", dir_.string()}, dir_ / "env", 20s, pid_);
    if (env) {
      env_ = std::move(*env);
      return true;
    }
    stop();
    return false;
  }

  // Stops pcscd (and any card) by their PID files, then reaps the script.
  void stop() {
    if (pid_ == 0) return;
    run("stop");
    if (wait_for(pid_, 10s) < 0) ADD_FAILURE() << "pcsc-sim start did not end after stop";
    pid_ = 0;
  }

  bool insert(const std::vector<std::string>& vcard_args = {}) { return run("card", vcard_args) == 0; }
  bool eject() { return run("eject") == 0; }

  std::string log(const char* name) const {
    std::ifstream in(dir_ / name);
    return {std::istreambuf_iterator<char>(in), {}};
  }

 private:
  int run(const std::string& command, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"bash", YC_PCSC_SIM_SCRIPT, command, dir_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_t pid = spawn(args);
    if (pid == 0) return -1;
    return wait_for(pid, 20s);
  }

  fs::path dir_;
  pid_t pid_ = 0;
  std::map<std::string, std::string> env_;
};

class SsCardPcsc : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { sim_ = new PcscSim(); }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }

  void SetUp() override {
    if (!sim_->running()) {
      ASSERT_TRUE(sim_->start()) << "pcsc-sim did not start:\n" << sim_->log("pcscd.log");
    }
    // Before the first pcsclite call of this process: pcsclite reads it once.
    const std::string socket = sim_->env().at("PCSCLITE_CSOCK_NAME");
    static bool socket_set = false;
    if (!socket_set) {
      ::setenv("PCSCLITE_CSOCK_NAME", socket.c_str(), 1);
      socket_set = true;
    }
    ASSERT_EQ(socket, std::getenv("PCSCLITE_CSOCK_NAME"));
    reader_ = make_pcsc_sscard_reader(sim_->env().at("PCSC_SIM_READER"));
  }
  void TearDown() override {
    if (sim_->running()) {
      EXPECT_TRUE(sim_->eject());
    }
  }

  // pcscd notices a card by polling; wait until the status light agrees.
  bool wait_card(bool present) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    const std::string want = present ? "已插卡" : "未插卡";
    while (std::chrono::steady_clock::now() < deadline) {
      if (reader_->status().detail.find(want) != std::string::npos) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  void insert(std::vector<std::string> args = {}) {
    ASSERT_TRUE(sim_->insert(std::move(args))) << sim_->log("vcard.log");
    ASSERT_TRUE(wait_card(true));
  }

  static PcscSim* sim_;
  std::unique_ptr<SsCardReader> reader_;
};

PcscSim* SsCardPcsc::sim_ = nullptr;

TEST_F(SsCardPcsc, EmptyReaderAsksForACard) {
  auto card = reader_->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kNoCard);
  EXPECT_EQ(card.error().message, "未检测到社保卡，请插卡");
  auto s = reader_->status();
  EXPECT_EQ(s.state, DeviceState::kReady);
  EXPECT_EQ(s.model, sim_->env().at("PCSC_SIM_READER"));
  EXPECT_EQ(s.detail, "读卡器就绪，未插卡");
}

TEST_F(SsCardPcsc, ReadsTheInsertedCard) {
  insert({"--name", "欧阳娜娜", "--sex", "2", "--nation", "05", "--social-number", "65010219921231002X",
          "--card-number", "B12345678", "--birth", "1992-12-31", "--birth-place", "650102",
          "--issued", "20210701", "--valid-to", "20310701", "--card-id",
          "650100D15600000500FFEEDDCCBBAA99"});
  auto card = reader_->read();
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->name, "欧阳娜娜");
  EXPECT_EQ(card->sex, "女");
  EXPECT_EQ(card->nation, "维吾尔");
  EXPECT_EQ(card->social_number, "65010219921231002X");
  EXPECT_EQ(card->card_number, "B12345678");
  EXPECT_EQ(card->birth, "1992-12-31");
  EXPECT_EQ(card->birth_place, "650102");
  EXPECT_EQ(card->issued_on, "2021-07-01");
  EXPECT_EQ(card->valid_to, "2031-07-01");
  EXPECT_EQ(card->issuer_code, "650100");
  EXPECT_EQ(card->card_type, "3");
  EXPECT_EQ(card->version, "3.00");
  EXPECT_EQ(reader_->status().detail, "读卡器就绪，已插卡");
  // Twice in a row: the first read leaves the card usable.
  auto again = reader_->read();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->name, "欧阳娜娜");
}

TEST_F(SsCardPcsc, EjectedCardIsNoCard) {
  insert();
  ASSERT_TRUE(reader_->read());
  ASSERT_TRUE(sim_->eject());
  ASSERT_TRUE(wait_card(false));
  auto card = reader_->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kNoCard);
}

TEST_F(SsCardPcsc, CardWithoutPsamAuthenticationIsRefused) {
  insert({"--no-psam"});
  auto card = reader_->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kDeviceFailed);
  EXPECT_NE(card.error().message.find("未完成PSAM安全认证"), std::string::npos) << card.error().message;
  EXPECT_NE(card.error().message.find("6982"), std::string::npos) << card.error().message;
}

TEST_F(SsCardPcsc, ReaderNotMatchingTheFilterIsAbsent) {
  auto reader = make_pcsc_sscard_reader("No Such Reader");
  auto card = reader->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(card.error().message.find("未找到社保卡读卡器"), std::string::npos);
  EXPECT_EQ(reader->status().state, DeviceState::kAbsent);
  // "" takes the first reader.
  EXPECT_EQ(make_pcsc_sscard_reader("")->status().state, DeviceState::kReady);
}

TEST_F(SsCardPcsc, StoppedPcscdIsAnAbsentReader) {
  ASSERT_EQ(reader_->status().state, DeviceState::kReady);
  sim_->stop();
  ASSERT_FALSE(fs::exists(std::getenv("PCSCLITE_CSOCK_NAME")));
  auto card = reader_->read();
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_NE(card.error().message.find("未找到社保卡读卡器"), std::string::npos);
  auto s = reader_->status();
  EXPECT_EQ(s.state, DeviceState::kAbsent);
  EXPECT_NE(s.detail.find("未找到社保卡读卡器"), std::string::npos);
  // A restarted pcscd is found again by the same reader object.
  ASSERT_TRUE(sim_->start());
  EXPECT_EQ(reader_->status().state, DeviceState::kReady);
}

}  // namespace
}  // namespace yc::agent
