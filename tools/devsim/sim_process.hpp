#pragma once
// For the agent's tests: find the repository, run a shell command for its
// output, start a simulator script (tools/devsim/*-sim start DIR, which runs
// in the foreground and writes DIR/env when it is ready), read its env file,
// and wait for or stop child processes by their PID.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace yc::devsim {

// The repository: $YC_REPO_ROOT, else two levels above this file's folder
// (this file is tools/devsim/sim_process.hpp).
inline std::string repo_root() {
  if (const char* r = std::getenv("YC_REPO_ROOT")) return r;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

// What a shell command prints on standard output ("" when it cannot start).
inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

// KEY=value lines.
inline std::map<std::string, std::string> read_env(const std::filesystem::path& file) {
  std::map<std::string, std::string> env;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

// Starts argv[0] (searched in PATH) with this process's environment; 0 on failure.
inline pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 0;
  return pid;
}

// Waits for `pid` at most `timeout`; kills it when it overstays. Its exit
// code, or -1 when it had to be killed.
inline int wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

// Spawns `args` and waits until `env_file` appears (its env) or the child
// exits or `timeout` passes (nullopt; `pid` is then 0 when the child is gone).
inline std::optional<std::map<std::string, std::string>> start_until_env(const std::vector<std::string>& args,
                                                                         const std::filesystem::path& env_file,
                                                                         std::chrono::milliseconds timeout, pid_t& pid) {
  pid = spawn(args);
  if (pid == 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(env_file)) return read_env(env_file);
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = 0;
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

}  // namespace yc::devsim
