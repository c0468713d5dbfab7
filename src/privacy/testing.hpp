#pragma once
// For tests only: a key ring in a fresh temporary directory, removed when
// the object goes.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "privacy/crypto.hpp"

namespace yc::privacy::testing {

class TempKeyRing {
 public:
  TempKeyRing()
      : dir_(std::filesystem::temp_directory_path() /
             ("yc-keys-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir_);
    const auto file = (dir_ / "keys").string();
    if (!KeyRing::generate(file, "k1")) std::abort();
    keys_ = KeyRing::load(file).value();
  }
  ~TempKeyRing() { std::filesystem::remove_all(dir_); }
  TempKeyRing(const TempKeyRing&) = delete;
  TempKeyRing& operator=(const TempKeyRing&) = delete;
  const KeyRing& keys() const { return keys_; }

 private:
  std::filesystem::path dir_;
  KeyRing keys_;
};

}  // namespace yc::privacy::testing
