// yc-sscard-vcard: a virtual social-security card (社保卡) for vsmartcard-vpcd
// (issue 8, item 6). vpcd is the reader driver inside pcscd and listens on a
// TCP port; the card is the TCP client. Every message is framed as a 2-byte
// big-endian length and a payload: a 1-byte payload is a control message
// from the reader (00 power off, 01 power on, 02 reset, 04 "send your ATR"),
// a longer one a command APDU, answered with a response APDU.
//
// The card holds the social-security application (selected by its DF name)
// with EF05 and EF06, whose records are numbered by their data item's tag,
// as the agent reads them. It behaves like a T=0 card: SELECT of the
// application answers 61xx (FCI waiting for GET RESPONSE) and a READ RECORD
// whose Le differs from the record's length answers 6Cxx.
//
//   yc-sscard-vcard [--port N] [--profile FILE] [--name 张三 ...] [--no-psam]
//                   [--reconnect] [--ready-file PATH]
//
// The profile file holds key=value lines with the same keys as the flags
// (card-number, name, social-number, sex, nation, birth, birth-place, issued,
// valid-to, card-type, version, card-id, init-org). Dates are YYYYMMDD or
// YYYY-MM-DD. The name is UTF-8 here and GBK on the card.
// --ready-file is created once pcscd has asked for the ATR (the card is then
// visible to PC/SC clients) and removed on exit.

#if defined(YC_SSCARD_VENDOR_FAKE)
// Built instead as libyc-sscard-vendor-fake.so: a stand-in for the closed
// ministry-standard vendor driver, exporting `long iReadCardBas(int, char*)`.
// Its answer comes from the environment variable YC_SSCARD_VENDOR_FAKE:
// unset -> -1 (no reader); an integer -> that return code; anything else ->
// the pipe-separated fields (UTF-8 here), written GBK as real drivers do.
// With YC_SSCARD_VENDOR_FAKE_NOSYM the library exports no iReadCardBas, for
// the "wrong library" test.

#include <iconv.h>

#include <cstdlib>
#include <cstring>
#include <string>

#if defined(YC_SSCARD_VENDOR_FAKE_NOSYM)
extern "C" __attribute__((visibility("default"))) long iReadCard(int, char*) { return -1; }
#else
extern "C" __attribute__((visibility("default"))) long iReadCardBas(int iType, char* pOutInfo) {
  if (iType < 1 || iType > 4 || pOutInfo == nullptr) return -12;
  const char* answer = std::getenv("YC_SSCARD_VENDOR_FAKE");
  if (answer == nullptr) return -1;
  char* end = nullptr;
  long code = std::strtol(answer, &end, 10);
  if (*answer != '\0' && end != nullptr && *end == '\0') return code;
  iconv_t cd = ::iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return -11;
  std::string in(answer);
  char* src = in.data();
  std::size_t src_left = in.size();
  char* dst = pOutInfo;
  std::size_t dst_left = 1023;
  const std::size_t r = ::iconv(cd, &src, &src_left, &dst, &dst_left);
  ::iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) return -11;
  *dst = '\0';
  return 0;
}
#endif

#else  // the virtual card

#include <arpa/inet.h>
#include <iconv.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <thread>

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

using Bytes = std::string;

char b(unsigned v) { return static_cast<char>(static_cast<unsigned char>(v)); }
unsigned u(char c) { return static_cast<unsigned char>(c); }

const Bytes kAid = "\x73\x78\x31\x2E\x73\x68\x2E\xC9\xE7\xBB\xE1\xB1\xA3\xD5\xCF";
// T=0 only (no TD1), TB1 = TC1 = 0, 8 historical bytes "YCSSCARD".
const Bytes kAtr = Bytes("\x3B\x68\x00\x00", 4) + "YCSSCARD";

struct Options {
  int port = 35963;
  bool no_psam = false;
  bool reconnect = false;
  std::string ready_file;
  std::map<std::string, std::string> profile = {
      {"card-number", "A00000001"},        {"name", "张三"},
      {"social-number", "110105199001011235"}, {"sex", "1"},
      {"nation", "01"},                    {"birth", "19900101"},
      {"birth-place", "110105"},           {"issued", "20200315"},
      {"valid-to", "20300315"},            {"card-type", "3"},
      {"version", "3.00"},                 {"card-id", "110100D15600000500A1B2C3D4E5F6A7"},
      {"init-org", "110100000001"},
  };
};

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "yc-sscard-vcard: %s\n", why.c_str());
  std::exit(2);
}

std::string digits_only(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// Decimal digits packed two per byte; an odd count is padded with F.
Bytes bcd(std::string digits) {
  if (digits.size() % 2 == 1) digits += 'F';
  Bytes out;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    auto nib = [](char c) { return c == 'F' ? 0x0Fu : static_cast<unsigned>(c - '0'); };
    out += b((nib(digits[i]) << 4) | nib(digits[i + 1]));
  }
  return out;
}

Bytes to_gbk(const std::string& utf8) {
  iconv_t cd = ::iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) die("iconv GB18030 unavailable");
  std::string out(utf8.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  if (::iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) die("name is not UTF-8");
  ::iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

Bytes tlv(unsigned tag, const Bytes& value) { return Bytes{b(tag), b(value.size())} + value; }

class Card {
 public:
  explicit Card(const Options& o) : no_psam_(o.no_psam) {
    auto p = [&](const char* key) { return o.profile.at(key); };
    Bytes name = to_gbk(p("name"));
    if (name.size() > 30) die("name longer than 30 GBK bytes");
    name.resize(30, '\0');  // the card standard's fixed 30-byte name, 00-padded
    ef05_ = {
        {0x01, tlv(0x01, p("card-id"))},
        {0x02, tlv(0x02, p("card-type"))},
        {0x03, tlv(0x03, p("version"))},
        {0x04, tlv(0x04, bcd(digits_only(p("init-org"))))},
        {0x05, tlv(0x05, bcd(digits_only(p("issued"))))},
        {0x06, tlv(0x06, bcd(digits_only(p("valid-to"))))},
        {0x07, tlv(0x07, p("card-number"))},
    };
    ef06_ = {
        {0x08, tlv(0x08, p("social-number"))},
        {0x09, tlv(0x09, name)},
        {0x0A, tlv(0x0A, p("sex"))},
        {0x0B, tlv(0x0B, bcd(digits_only(p("nation"))))},
        {0x0C, tlv(0x0C, bcd(digits_only(p("birth-place"))))},
        {0x0D, tlv(0x0D, bcd(digits_only(p("birth"))))},
    };
  }

  void reset() {
    app_selected_ = false;
    current_ = nullptr;
    pending_.clear();
  }

  Bytes command(const Bytes& apdu) {
    if (apdu.size() < 4) return sw(0x6700);
    const unsigned cla = u(apdu[0]), ins = u(apdu[1]), p1 = u(apdu[2]), p2 = u(apdu[3]);
    if (cla != 0x00) return sw(0x6E00);
    // Case 1 (4 bytes), case 2 (5: Le), case 3 (5 + Lc), case 4 (5 + Lc + Le).
    Bytes data;
    int le = -1;
    if (apdu.size() == 5) {
      le = u(apdu[4]) == 0 ? 256 : static_cast<int>(u(apdu[4]));
    } else if (apdu.size() > 5) {
      const std::size_t lc = u(apdu[4]);
      if (apdu.size() != 5 + lc && apdu.size() != 6 + lc) return sw(0x6700);
      data = apdu.substr(5, lc);
    }
    switch (ins) {
      case 0xA4: return select(p1, p2, data);
      case 0xB2: return read_record(p1, p2, le, apdu.size());
      case 0xC0: return get_response(le);
      default: return sw(0x6D00);
    }
  }

 private:
  static Bytes sw(unsigned s) { return Bytes{b(s >> 8), b(s & 0xFF)}; }

  Bytes select(unsigned p1, unsigned p2, const Bytes& data) {
    pending_.clear();
    if (p2 != 0x00) return sw(0x6A86);
    if (p1 == 0x04) {
      if (data != kAid) return sw(0x6A82);
      app_selected_ = true;
      current_ = nullptr;
      pending_ = tlv(0x6F, tlv(0x84, kAid));
      return sw(0x6100 | pending_.size());
    }
    if (p1 == 0x02) {
      if (data.size() != 2) return sw(0x6700);
      if (!app_selected_) return sw(0x6A82);
      const unsigned id = (u(data[0]) << 8) | u(data[1]);
      if (id == 0xEF05) current_ = &ef05_;
      else if (id == 0xEF06) current_ = &ef06_;
      else return sw(0x6A82);
      return sw(0x9000);
    }
    return sw(0x6A86);
  }

  Bytes read_record(unsigned p1, unsigned p2, int le, std::size_t apdu_size) {
    pending_.clear();
    if (apdu_size != 5) return sw(0x6700);
    if (p2 != 0x04) return sw(0x6A86);
    if (current_ == nullptr) return sw(0x6986);  // no current EF
    if (no_psam_) return sw(0x6982);
    auto it = current_->find(p1);
    if (it == current_->end()) return sw(0x6A83);
    const Bytes& record = it->second;
    if (le != static_cast<int>(record.size())) return sw(0x6C00 | (record.size() & 0xFF));
    return record + sw(0x9000);
  }

  Bytes get_response(int le) {
    if (pending_.empty()) return sw(0x6985);
    if (le != static_cast<int>(pending_.size())) return sw(0x6C00 | pending_.size());
    Bytes out = pending_ + sw(0x9000);
    pending_.clear();
    return out;
  }

  bool no_psam_;
  bool app_selected_ = false;
  std::map<unsigned, Bytes> ef05_, ef06_;
  const std::map<unsigned, Bytes>* current_ = nullptr;
  Bytes pending_;
};

// Reads exactly n bytes, giving up when asked to stop. False on EOF/error/stop.
bool read_exact(int fd, char* out, std::size_t n) {
  std::size_t done = 0;
  while (done < n) {
    if (g_stop) return false;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, 200);
    if (r == 0 || (r < 0 && errno == EINTR)) continue;
    if (r < 0) return false;
    // vpcd writes the length and the payload with two send()s without
    // TCP_NODELAY, so its Nagle waits for our ACK of the length; quick ACKs
    // spare each APDU the 40 ms delayed-ACK timer. Linux resets the flag, so
    // it is set again before every read.
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    ssize_t got = ::recv(fd, out + done, n - done, 0);
    if (got <= 0) {
      if (got < 0 && errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

bool send_frame(int fd, const Bytes& payload) {
  Bytes frame{b(payload.size() >> 8), b(payload.size() & 0xFF)};
  frame += payload;
  std::size_t done = 0;
  while (done < frame.size()) {
    ssize_t n = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Serves one connection until the reader closes it or we are stopped.
void serve(int fd, Card& card, const Options& o) {
  card.reset();
  char header[2];
  while (read_exact(fd, header, 2)) {
    const std::size_t n = (u(header[0]) << 8) | u(header[1]);
    Bytes msg(n, '\0');
    if (n > 0 && !read_exact(fd, msg.data(), n)) return;
    if (n == 1) {
      switch (u(msg[0])) {
        case 0x00:  // power off
        case 0x02:  // reset
          card.reset();
          break;
        case 0x01: break;  // power on
        case 0x04:
          if (!send_frame(fd, kAtr)) return;
          if (!o.ready_file.empty()) std::ofstream(o.ready_file) << "ready\n";
          break;
        default: break;
      }
      continue;
    }
    if (!send_frame(fd, card.command(msg))) return;
  }
}

Options parse(int argc, char** argv) {
  Options o;
  auto load_profile = [&](const std::string& path) {
    std::ifstream in(path);
    if (!in) die("cannot read profile " + path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) die("bad profile line: " + line);
      std::string key = line.substr(0, eq);
      if (!o.profile.count(key)) die("unknown profile key: " + key);
      o.profile[key] = line.substr(eq + 1);
    }
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--port") o.port = std::atoi(value().c_str());
    else if (a == "--no-psam") o.no_psam = true;
    else if (a == "--reconnect") o.reconnect = true;
    else if (a == "--ready-file") o.ready_file = value();
    else if (a == "--profile") load_profile(value());
    else if (a.rfind("--", 0) == 0 && o.profile.count(a.substr(2))) o.profile[a.substr(2)] = value();
    else die("unknown argument " + a);
  }
  if (o.port <= 0 || o.port > 65535) die("bad --port");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  Card card(o);

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);

  int status = 0;
  while (!g_stop) {
    int fd = connect_to(o.port);
    if (fd < 0) {
      if (!o.reconnect) {
        std::fprintf(stderr, "yc-sscard-vcard: cannot connect to vpcd on 127.0.0.1:%d: %s\n", o.port,
                     std::strerror(errno));
        status = 1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    serve(fd, card, o);
    ::close(fd);
    if (!o.reconnect) break;
  }
  if (!o.ready_file.empty()) ::unlink(o.ready_file.c_str());
  return status;
}

#endif  // YC_SSCARD_VENDOR_FAKE
