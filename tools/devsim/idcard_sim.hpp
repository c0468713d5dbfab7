#pragma once
// A simulated GA/T 467 ID card reader (issue 8, item 6): it speaks the real
// frames on the master side of a pseudo-terminal, so the agent's real
// driver talks to it exactly as to a USB-serial reader. Its behaviour comes
// from a control file of `key=value` lines, read again before every command,
// so a test changes the card or the faults while the reader "stays plugged":
//
//   card=present|absent         fault=none|sam|select|read|auth
//   name= sex= nation= birth= address= id= issuer= from= to=
//   delay_ms=N   (each reply waits N ms and arrives in small pieces)
//   garble_every=N (every Nth reply has a wrong checksum)
//   noise=1      (garbage bytes before each reply)   silent=1 (no replies)

#include <atomic>
#include <string>

#include "agent/device.hpp"

namespace yc::devsim {

struct IdCardSimState {
  bool card = true;
  std::string fault = "none";
  agent::IdCard holder;
  int delay_ms = 0;
  int garble_every = 0;
  bool noise = false;
  bool silent = false;
};

// The state from a control file; a missing file gives the demo card.
IdCardSimState load_state(const std::string& control_path);
agent::IdCard demo_holder();

// Serves commands on `master_fd` until `stop` is set. Returns the number of
// commands answered.
long serve(int master_fd, const std::string& control_path, const std::atomic<bool>& stop);

}  // namespace yc::devsim
