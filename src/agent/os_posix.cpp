// Linux (POSIX) implementation of agent/os.hpp: termios serial ports,
// dlopen, and raw writes to character devices.
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "agent/os.hpp"

namespace yc::agent::os {
namespace {

speed_t speed_for(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return B0;
  }
}

class PosixSerial final : public SerialPort {
 public:
  PosixSerial(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixSerial() override { ::close(fd_); }
  PosixSerial(const PosixSerial&) = delete;
  PosixSerial& operator=(const PosixSerial&) = delete;

  Result<void> write(const std::string& bytes) override {
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        pollfd p{fd_, POLLOUT, 0};
        if (::poll(&p, 1, 1000) <= 0) return gone("写入超时");
        continue;
      }
      if (n < 0) return gone(std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
    return ok();
  }

  Result<std::string> read_some(std::chrono::milliseconds timeout) override {
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r < 0 && errno == EINTR) return std::string();
    if (r < 0) return gone(std::strerror(errno));
    if (r == 0) return std::string();
    if ((p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 && (p.revents & POLLIN) == 0) {
      return gone("设备已断开");
    }
    char buf[2048];
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return std::string();
    if (n < 0) return gone(std::strerror(errno));
    if (n == 0) return gone("设备已断开");
    return std::string(buf, static_cast<std::size_t>(n));
  }

  void discard_input() override { ::tcflush(fd_, TCIFLUSH); }

 private:
  Unexpected gone(std::string_view why) const {
    return fail(ErrorCode::kDeviceAbsent, fmt::format("读卡器 {} 无法通信：{}", path_, why));
  }
  int fd_;
  std::string path_;
};

class PosixLibrary final : public SharedLibrary {
 public:
  explicit PosixLibrary(void* handle) : handle_(handle) {}
  ~PosixLibrary() override { ::dlclose(handle_); }
  PosixLibrary(const PosixLibrary&) = delete;
  PosixLibrary& operator=(const PosixLibrary&) = delete;
  void* symbol(const char* name) override { return ::dlsym(handle_, name); }

 private:
  void* handle_;
};

}  // namespace

Result<std::unique_ptr<SerialPort>> open_serial(const std::string& path, int baud) {
  speed_t speed = speed_for(baud);
  if (speed == B0) return fail(ErrorCode::kInvalidArgument, fmt::format("不支持的波特率 {}", baud), "baud");
  int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return fail(ErrorCode::kDeviceAbsent,
                fmt::format("未找到读卡器：无法打开 {}（{}）", path, std::strerror(errno)));
  }
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) {
    int e = errno;
    ::close(fd);
    return fail(ErrorCode::kDeviceAbsent, fmt::format("{} 不是串口（{}）", path, std::strerror(e)));
  }
  ::cfmakeraw(&tio);
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  ::cfsetispeed(&tio, speed);
  ::cfsetospeed(&tio, speed);
  if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
    int e = errno;
    ::close(fd);
    return fail(ErrorCode::kDeviceAbsent, fmt::format("无法设置串口 {}（{}）", path, std::strerror(e)));
  }
  ::tcflush(fd, TCIOFLUSH);
  return std::unique_ptr<SerialPort>(std::make_unique<PosixSerial>(fd, path));
}

Result<std::unique_ptr<SharedLibrary>> load_library(const std::string& path) {
  void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (h == nullptr) {
    const char* why = ::dlerror();
    return fail(ErrorCode::kDeviceAbsent,
                fmt::format("无法加载厂商驱动 {}：{}", path, why != nullptr ? why : "未知原因"));
  }
  return std::unique_ptr<SharedLibrary>(std::make_unique<PosixLibrary>(h));
}

Result<void> write_device(const std::string& path, const std::string& bytes,
                          std::chrono::milliseconds timeout) {
  int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return fail(ErrorCode::kDeviceAbsent, fmt::format("未找到打印机 {}（{}）", path, std::strerror(errno)));
  }
  std::size_t done = 0;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
      int e = errno;
      ::close(fd);
      return fail(ErrorCode::kDeviceFailed, fmt::format("打印机 {} 写入失败（{}）", path, std::strerror(e)));
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::close(fd);
      return fail(ErrorCode::kDeviceFailed, fmt::format("打印机 {} 无响应（缺纸或未开机？）", path));
    }
    pollfd p{fd, POLLOUT, 0};
    ::poll(&p, 1, static_cast<int>(left.count()));
  }
  ::close(fd);
  return ok();
}

}  // namespace yc::agent::os
