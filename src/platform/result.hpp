#pragma once
// Result<T>: a value or an Error, with std::expected's member names
// (g++ 12 has no std::expected in C++20 mode). Expected business refusals
// travel as values; exceptions are for programmer errors only.

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "platform/error.hpp"

namespace yc {

struct Unexpected {
  Error error;
};

inline Unexpected fail(ErrorCode code, std::string message = {},
                       std::string field = {}) {
  return Unexpected{Error::make(code, std::move(message), std::move(field))};
}
inline Unexpected fail(Error error) { return Unexpected{std::move(error)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Unexpected u) : state_(std::in_place_index<1>, std::move(u.error)) {}
  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                        !std::is_same_v<std::decay_t<U>, T> &&
                                        !std::is_same_v<std::decay_t<U>, Unexpected>>>
  Result(U&& value) : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(state_); }
  const T& value() const& { assert(has_value()); return std::get<0>(state_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!has_value()); return std::get<1>(state_); }
  Error& error() { assert(!has_value()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected u) : error_(std::move(u.error)) {}

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { assert(error_); return *error_; }
  Error& error() { assert(error_); return *error_; }

 private:
  std::optional<Error> error_;
};

inline Result<void> ok() { return {}; }

}  // namespace yc

// Propagates the error of a Result-returning expression, or yields its value.
// Uses a GNU statement expression, which g++ and clang both support.
#define YC_TRY(expr)                                          \
  ({                                                          \
    auto yc_try_result_ = (expr);                             \
    if (!yc_try_result_) return ::yc::Unexpected{std::move(yc_try_result_.error())}; \
    std::move(yc_try_result_).value();                        \
  })

#define YC_TRY_VOID(expr)                                     \
  do {                                                        \
    auto yc_try_result_ = (expr);                             \
    if (!yc_try_result_) return ::yc::Unexpected{std::move(yc_try_result_.error())}; \
  } while (0)
