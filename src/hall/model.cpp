#include "hall/model.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace yc::hall {

Result<void> check_prefix(std::string_view prefix) {
  if (prefix.size() != 1 || prefix[0] < 'A' || prefix[0] > 'Z')
    return fail(ErrorCode::kInvalidArgument, "号段前缀应为一个大写字母(A 至 Z)", "prefix");
  return {};
}

std::string ticket_label(std::string_view prefix, int number) { return fmt::format("{}{:03}", prefix, number); }

std::string counter_day(std::int64_t now_ms) {
  const auto d = time::shanghai_date(now_ms);
  return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

std::optional<std::int64_t> pick_next(const std::vector<Waiting>& waiting, const std::vector<std::string>& serves,
                                      std::int64_t now, const CallPolicy& policy) {
  const Waiting* best = nullptr;
  // Smaller is called first: (not green, not a due appointment, since, id).
  auto key = [&](const Waiting& w) {
    const bool due = w.slot_start && *w.slot_start - policy.appointment_early_ms <= now;
    // A due appointment waits from its slot, not from when it was booked.
    const std::int64_t since = due ? std::max(w.since, *w.slot_start - policy.appointment_early_ms) : w.since;
    return std::make_tuple(!w.green, !due, since, w.id);
  };
  for (const auto& w : waiting) {
    if (std::find(serves.begin(), serves.end(), w.group) == serves.end()) continue;
    if (best == nullptr || key(w) < key(*best)) best = &w;
  }
  if (best == nullptr) return std::nullopt;
  return best->id;
}

AfterSkip after_skip(int skips_so_far, const SkipPolicy& policy) {
  return skips_so_far < policy.max_skips ? AfterSkip::kRequeue : AfterSkip::kVoid;
}

}  // namespace yc::hall
