#include "hall/model.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "platform/text.hpp"

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

namespace {

// "HH:MM" -> minutes, or -1.
int minutes_of(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return -1;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (t[i] < '0' || t[i] > '9') return -1;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

}  // namespace

Result<std::vector<Period>> parse_hours(std::string_view text, std::string_view field) {
  const auto bad = [&] {
    return fail(ErrorCode::kInvalidArgument, "取号时段应形如 09:00-12:00,13:30-17:00(按时间先后,不重叠)", std::string(field));
  };
  std::vector<Period> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    auto j = text.find(',', i);
    if (j == std::string_view::npos) j = text.size();
    const auto part = text.substr(i, j - i);
    if (part.size() != 11 || part[5] != '-') return bad();
    const int from = minutes_of(part.substr(0, 5)), to = minutes_of(part.substr(6, 5));
    if (from < 0 || to < 0 || from >= to) return bad();
    if (!out.empty() && from < out.back().to_minute) return bad();
    out.push_back(Period{from, to});
    i = j + 1;
  }
  if (out.empty()) return bad();
  return out;
}

bool within_hours(const std::vector<Period>& periods, std::int64_t now_ms, bool working_day) {
  if (!working_day) return false;
  const auto day_start = time::shanghai_day_start_ms(time::shanghai_date(now_ms));
  const int minute = static_cast<int>((now_ms - day_start) / 60'000);
  for (const auto& p : periods)
    if (minute >= p.from_minute && minute < p.to_minute) return true;
  return false;
}


Result<void> check_settings(const Settings& s) {
  YC_TRY(parse_hours(s.ticket_hours, "ticket_hours"));
  if (!s.rest_day_hours.empty()) YC_TRY(parse_hours(s.rest_day_hours, "rest_day_hours"));
  const auto range = [](int v, int lo, int hi, const char* field, const char* what) -> Result<void> {
    if (v < lo || v > hi) return fail(ErrorCode::kInvalidArgument, fmt::format("{}应在 {} 到 {} 之间", what, lo, hi), field);
    return {};
  };
  YC_TRY_VOID(range(s.max_skips, 0, 5, "max_skips", "过号重排次数"));
  YC_TRY_VOID(range(s.crowd_wait_minutes, 5, 240, "crowd_wait_minutes", "拥挤预警等候分钟数"));
  YC_TRY_VOID(range(s.slot_minutes, 10, 120, "slot_minutes", "预约时段长度(分钟)"));
  YC_TRY_VOID(range(s.per_window_slot, 0, 20, "per_window_slot", "每窗口每时段预约数"));
  YC_TRY_VOID(range(s.booking_days, 1, 30, "booking_days", "可预约天数"));
  YC_TRY_VOID(range(s.no_show_limit, 1, 20, "no_show_limit", "爽约次数上限"));
  YC_TRY_VOID(range(s.no_show_block_days, 0, 365, "no_show_block_days", "爽约限制天数"));
  if (utf8_length(s.notice) > 500) return fail(ErrorCode::kInvalidArgument, "大厅公告不超过 500 字", "notice");
  return {};
}

Result<std::vector<Period>> periods_on(const Settings& s, bool working_day) {
  if (working_day) return parse_hours(s.ticket_hours, "ticket_hours");
  if (s.rest_day_hours.empty()) return std::vector<Period>{};
  return parse_hours(s.rest_day_hours, "rest_day_hours");
}

std::string hours_text(const Settings& s) {
  return fmt::format("工作日 {},{}", s.ticket_hours,
                     s.rest_day_hours.empty() ? "周末及节假日休息" : "周末及节假日 " + s.rest_day_hours);
}

std::vector<Slot> day_slots(const std::vector<Period>& periods, const time::Date& day, int slot_minutes) {
  std::vector<Slot> out;
  if (slot_minutes <= 0) return out;
  const auto base = time::shanghai_day_start_ms(day);
  for (const auto& p : periods)
    for (int m = p.from_minute; m + slot_minutes <= p.to_minute; m += slot_minutes)
      out.push_back(Slot{base + m * 60'000LL, base + (m + slot_minutes) * 60'000LL});
  return out;
}

std::optional<Slot> find_slot(const std::vector<Slot>& slots, std::int64_t start) {
  for (const auto& s : slots)
    if (s.start == start) return s;
  return std::nullopt;
}

CheckIn check_in_time(const Slot& slot, std::int64_t now) {
  if (now < slot.start - kCheckInEarlyMs) return CheckIn::kTooEarly;
  if (now >= slot.end) return CheckIn::kTooLate;
  return CheckIn::kOk;
}

}  // namespace yc::hall
