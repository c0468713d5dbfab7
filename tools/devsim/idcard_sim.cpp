#include "idcard_sim.hpp"

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "agent/idcard.hpp"

namespace yc::devsim {
namespace {

void write_all(int fd, std::string_view bytes, int delay_ms) {
  // A slow reader: the reply arrives in pieces over delay_ms.
  std::size_t piece = delay_ms > 0 ? 97 : bytes.size();
  if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  for (std::size_t i = 0; i < bytes.size(); i += piece) {
    std::string_view part = bytes.substr(i, piece);
    std::size_t done = 0;
    while (done < part.size()) {
      ssize_t n = ::write(fd, part.data() + done, part.size() - done);
      if (n <= 0) {
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, 100);
        continue;
      }
      done += static_cast<std::size_t>(n);
    }
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string answer(const agent::idcard::Command& c, const IdCardSimState& s) {
  namespace ic = agent::idcard;
  if (c.cmd == ic::kCmdStatus && c.para == ic::kParaStatus) {
    return ic::encode_reply(s.fault == "sam" ? 0x60 : ic::kSwOk);
  }
  if (c.cmd == ic::kCmdCard && c.para == ic::kParaFind) {
    if (s.fault == "sam") return ic::encode_reply(0x60);
    return ic::encode_reply(s.card ? ic::kSwFound : ic::kSwNoCard);
  }
  if (c.cmd == ic::kCmdCard && c.para == ic::kParaSelect) {
    if (!s.card || s.fault == "select") return ic::encode_reply(ic::kSwSelectFailed);
    return ic::encode_reply(ic::kSwOk);
  }
  if (c.cmd == ic::kCmdRead && c.para == ic::kParaReadBase) {
    if (!s.card) return ic::encode_reply(0x41);
    if (s.fault == "read") return ic::encode_reply(0x41);
    if (s.fault == "auth") return ic::encode_reply(0x31);
    std::string data;
    data.push_back(0x01);  // text length 256
    data.push_back(0x00);
    data.push_back(0x04);  // photo length 1024
    data.push_back(0x00);
    data += ic::encode_text(s.holder);
    std::string photo(ic::kPhotoBytes, '\0');
    photo[0] = 'W';  // a recognisable fake WLT payload; the decoder is the vendor's
    photo[1] = 'L';
    data += photo;
    return ic::encode_reply(ic::kSwOk, data);
  }
  return ic::encode_reply(0x21);  // unknown command
}

}  // namespace

agent::IdCard demo_holder() {
  agent::IdCard c;
  c.name = "王晓明";
  c.sex_code = "1";
  c.nation_code = "01";
  c.birth = "1949-12-31";
  c.address = "北京市朝阳区建国路甲1号院2号楼3单元401号";
  c.id_number = "11010519491231002X";
  c.issuer = "北京市公安局朝阳分局";
  c.valid_from = "2020-01-01";
  c.valid_to = "长期";
  return c;
}

IdCardSimState load_state(const std::string& control_path) {
  IdCardSimState s;
  s.holder = demo_holder();
  std::ifstream in(control_path);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "card") s.card = v != "absent";
    else if (k == "fault") s.fault = v;
    else if (k == "delay_ms") s.delay_ms = std::atoi(v.c_str());
    else if (k == "garble_every") s.garble_every = std::atoi(v.c_str());
    else if (k == "noise") s.noise = v == "1";
    else if (k == "silent") s.silent = v == "1";
    else if (k == "name") s.holder.name = v;
    else if (k == "sex") s.holder.sex_code = v;
    else if (k == "nation") s.holder.nation_code = v;
    else if (k == "birth") s.holder.birth = v;
    else if (k == "address") s.holder.address = v;
    else if (k == "id") s.holder.id_number = v;
    else if (k == "issuer") s.holder.issuer = v;
    else if (k == "from") s.holder.valid_from = v;
    else if (k == "to") s.holder.valid_to = v;
  }
  return s;
}

long serve(int master_fd, const std::string& control_path, const std::atomic<bool>& stop) {
  std::string buf;
  long answered = 0, replies = 0;
  while (!stop.load()) {
    pollfd p{master_fd, POLLIN, 0};
    int r = ::poll(&p, 1, 50);
    if (r <= 0) continue;
    char chunk[512];
    ssize_t n = ::read(master_fd, chunk, sizeof chunk);
    if (n <= 0) {
      // No slave open (EIO): wait for the driver to open the port again.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    buf.append(chunk, static_cast<std::size_t>(n));
    for (;;) {
      auto parsed = agent::idcard::parse_command(buf);
      buf.erase(0, parsed.consumed);
      if (parsed.result == agent::idcard::Parse::kNeedMore) break;
      IdCardSimState s = load_state(control_path);
      std::string reply = parsed.result == agent::idcard::Parse::kBadFrame
                              ? agent::idcard::encode_reply(parsed.problem == "checksum" ? 0x10 : 0x11)
                              : answer(parsed.command, s);
      ++answered;
      if (s.silent) continue;
      ++replies;
      if (s.garble_every > 0 && replies % s.garble_every == 0) reply.back() ^= 0x5A;
      if (s.noise) reply.insert(0, std::string("\x00\xAA\x13\x96\xFF", 5));
      write_all(master_fd, reply, s.delay_ms);
    }
  }
  return answered;
}

}  // namespace yc::devsim
