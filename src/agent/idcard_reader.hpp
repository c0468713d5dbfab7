#pragma once
// The ID card reader driver: GA/T 467 frames over a serial port (USB-CDC
// readers show up as /dev/ttyUSB* or /dev/ttyACM*), optionally with the
// vendor's WLT photo decoder loaded by dlopen.

#include <chrono>
#include <memory>
#include <string>

#include "agent/device.hpp"

namespace yc::agent {

struct IdCardReaderOptions {
  std::string port;                 // /dev/ttyUSB0; "" = disabled
  int baud = 115200;
  std::chrono::milliseconds reply_timeout{3000};  // per command (a read takes ~1 s)
  int attempts = 2;                 // a garbled or timed-out reply is asked again once
  std::string wlt_decoder;          // path of the vendor's decoder library; "" = no photo
};

std::unique_ptr<IdCardReader> make_idcard_reader(IdCardReaderOptions options);

}  // namespace yc::agent
