// yc-idcard-sim: a GA/T 467 ID card reader on a pseudo-terminal.
//   yc-idcard-sim --link /tmp/x/idcard.tty --control /tmp/x/idcard.ctl
// The slave side of the pty is linked at --link (the agent's idcard.port);
// the control file is described in idcard_sim.hpp. Stops on SIGTERM/SIGINT.
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>

#include "idcard_sim.hpp"

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }
}  // namespace

int main(int argc, char** argv) {
  std::string link, control;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--link") link = argv[i + 1];
    else if (k == "--control") control = argv[i + 1];
  }
  if (link.empty() || control.empty()) {
    std::fprintf(stderr, "usage: yc-idcard-sim --link PATH --control FILE\n");
    return 2;
  }
  int master = -1, slave = -1;
  termios raw{};
  cfmakeraw(&raw);
  if (::openpty(&master, &slave, nullptr, &raw, nullptr) != 0) {
    std::perror("openpty");
    return 1;
  }
  // Keep the slave open so that the master never sees EIO between opens.
  std::string slave_path = ::ttyname(slave);
  ::unlink(link.c_str());
  if (::symlink(slave_path.c_str(), link.c_str()) != 0) {
    std::perror("symlink");
    return 1;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  std::printf("yc-idcard-sim: %s -> %s\n", link.c_str(), slave_path.c_str());
  std::fflush(stdout);
  yc::devsim::serve(master, control, g_stop);
  ::unlink(link.c_str());
  ::close(slave);
  ::close(master);
  return 0;
}
