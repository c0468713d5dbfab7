// Writes the seed corpus for idcard_frame_fuzz: real frames of every kind.
#include <fstream>
#include <string>

#include "agent/idcard.hpp"
#include "idcard_sim.hpp"

int main(int argc, char** argv) {
  namespace ic = yc::agent::idcard;
  std::string dir = argc > 1 ? argv[1] : ".";
  auto put = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
  };
  std::string data = std::string("\x01\x00\x04\x00", 4) + ic::encode_text(yc::devsim::demo_holder()) +
                     std::string(ic::kPhotoBytes, 'W');
  put("read-reply", ic::encode_reply(0x90, data));
  put("find-reply", ic::encode_reply(0x9F));
  put("no-card", ic::encode_reply(0x80));
  put("find-command", ic::encode_command(0x20, 0x01));
  put("two-frames", ic::encode_reply(0x9F) + ic::encode_reply(0x90));
  return 0;
}
