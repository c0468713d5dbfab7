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
// Uses a GNU statement expression, which g++ and clang both support. Each use
// gets its own temporary name so that uses can nest (a lambda inside YC_TRY).
#define YC_CONCAT_INNER_(a, b) a##b
#define YC_CONCAT_(a, b) YC_CONCAT_INNER_(a, b)

#define YC_TRY(expr) YC_TRY_IMPL_(expr, YC_CONCAT_(yc_try_, __COUNTER__))
#define YC_TRY_IMPL_(expr, tmp)                                            \
  ({                                                                       \
    auto tmp = (expr);                                                     \
    if (!tmp) return ::yc::Unexpected{std::move(tmp.error())};             \
    std::move(tmp).value();                                                \
  })

#define YC_TRY_VOID(expr) YC_TRY_VOID_IMPL_(expr, YC_CONCAT_(yc_try_, __COUNTER__))
#define YC_TRY_VOID_IMPL_(expr, tmp)                                       \
  do {                                                                     \
    auto tmp = (expr);                                                     \
    if (!tmp) return ::yc::Unexpected{std::move(tmp.error())};             \
  } while (0)
