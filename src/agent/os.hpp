#pragma once
// What differs between operating systems, behind one interface (issue 8,
// item 1): serial ports, shared libraries and raw device files. os_posix.cpp
// is the Linux implementation; a Windows port adds os_windows.cpp (Win32
// CreateFile/DCB, LoadLibrary) and nothing else changes.

#include <chrono>
#include <memory>
#include <string>

#include "platform/result.hpp"

namespace yc::agent::os {

class SerialPort {
 public:
  virtual ~SerialPort() = default;
  virtual Result<void> write(const std::string& bytes) = 0;
  // Reads what is available, waiting at most `timeout` for the first byte.
  // Returns "" on timeout; an error when the port is gone.
  virtual Result<std::string> read_some(std::chrono::milliseconds timeout) = 0;
  // Drops unread input (before a new command).
  virtual void discard_input() = 0;
};

// Opens a serial port (e.g. /dev/ttyUSB0, a pseudo-terminal) raw 8N1 at
// `baud`. kDeviceAbsent when the path does not exist or cannot be opened.
Result<std::unique_ptr<SerialPort>> open_serial(const std::string& path, int baud);

class SharedLibrary {
 public:
  virtual ~SharedLibrary() = default;
  // The address of an exported symbol, or null.
  virtual void* symbol(const char* name) = 0;
};

// dlopen / LoadLibrary. kDeviceAbsent with the loader's message when it fails.
Result<std::unique_ptr<SharedLibrary>> load_library(const std::string& path);

// Writes bytes to a character device (a USB printer, /dev/usb/lp0).
Result<void> write_device(const std::string& path, const std::string& bytes,
                          std::chrono::milliseconds timeout);

}  // namespace yc::agent::os
