#include "hall/voice.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <vector>

extern char** environ;

namespace yc::hall {
namespace {

const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

}  // namespace

std::string chinese_number(int n) {
  if (n < 0 || n > 99) {
    std::string out;
    for (char c : std::to_string(n)) out += c == '-' ? std::string("负") : std::string(kDigits[c - '0']);
    return out;
  }
  if (n < 10) return kDigits[n];
  const int tens = n / 10, ones = n % 10;
  std::string out = tens == 1 ? "十" : std::string(kDigits[tens]) + "十";
  if (ones != 0) out += kDigits[ones];
  return out;
}

std::string call_text(const std::string& label, int window_number) {
  std::string ticket;
  for (char c : label) {
    if (!ticket.empty()) ticket += ' ';
    if (c >= '0' && c <= '9') ticket += kDigits[c - '0'];
    else ticket += c;
  }
  return "请 " + ticket + " 号到 " + chinese_number(window_number) + " 号窗口办理";
}

Result<std::string> synthesize(const std::string& text, int timeout_ms) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return fail(ErrorCode::kUnavailable, "无法生成叫号语音");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args{"espeak-ng", "-v", "cmn-latn-pinyin", "-s", "150", "--stdout", text};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "espeak-ng", &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return fail(ErrorCode::kUnavailable, "未安装 espeak-ng,无法生成叫号语音");
  }
  std::string wav;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[65536];
    const auto n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    wav.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || wav.size() < 44 || wav.compare(0, 4, "RIFF") != 0)
    return fail(ErrorCode::kUnavailable, "叫号语音生成失败");
  return wav;
}

}  // namespace yc::hall
