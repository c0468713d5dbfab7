// The hall's queue rules (issue 7; policy 三(五)(六) 取号、叫号).
#include <gtest/gtest.h>

#include "hall/model.hpp"

namespace yc::hall {
namespace {

constexpr std::int64_t kMin = 60 * 1000;

TEST(HallTickets, LabelsHaveTheGroupPrefixAndThreeDigits_3_6) {
  EXPECT_EQ(ticket_label("A", 1), "A001");
  EXPECT_EQ(ticket_label("B", 42), "B042");
  EXPECT_EQ(ticket_label("A", 999), "A999");
  EXPECT_EQ(ticket_label("A", 1000), "A1000");
  EXPECT_TRUE(check_prefix("C"));
  EXPECT_EQ(check_prefix("c").error().field, "prefix");
  EXPECT_FALSE(check_prefix("AB"));
  EXPECT_FALSE(check_prefix(""));
}

TEST(HallTickets, NumbersRestartAtMidnightBeijingNotUtc) {
  // 2025-01-24 15:59:59 UTC is 23:59:59 in Beijing; one second later it is
  // the 25th there while UTC is still on the 24th.
  const std::int64_t before = time::shanghai_day_start_ms(time::Date{2025, 1, 25}) - 1000;
  EXPECT_EQ(counter_day(before), "20250124");
  EXPECT_EQ(counter_day(before + 1000), "20250125");
  EXPECT_EQ(time::format_utc(before + 1000).substr(0, 10), "2025-01-24");
}

TEST(HallCalling, OnlyGroupsTheWindowServes) {
  const std::vector<Waiting> w{{1, "A", false, {}, 100}, {2, "B", false, {}, 50}};
  EXPECT_EQ(pick_next(w, {"A"}, 1000), 1);
  EXPECT_EQ(pick_next(w, {"A", "B"}, 1000), 2);
  EXPECT_FALSE(pick_next(w, {"C"}, 1000));
  EXPECT_FALSE(pick_next({}, {"A"}, 1000));
}

TEST(HallCalling, GreenChannelFirstThenDueAppointmentsThenLongestWait) {
  const std::int64_t now = 100 * kMin;
  const std::vector<Waiting> w{
      {1, "A", false, {}, 10 * kMin},                  // walk-in, waiting 90 min
      {2, "A", false, now + 30 * kMin, 20 * kMin},     // booked for later, checked in early: not due yet
      {3, "B", false, now + 5 * kMin, 80 * kMin},      // booked, due (10 min early allowed)
      {4, "B", true, {}, 99 * kMin},                   // green channel, just came
  };
  EXPECT_EQ(pick_next(w, {"A", "B"}, now), 4);
  std::vector<Waiting> rest(w.begin(), w.begin() + 3);
  EXPECT_EQ(pick_next(rest, {"A", "B"}, now), 3);
  rest.erase(rest.begin() + 2);
  // Not yet due, the early booking queues like a walk-in, by waiting time.
  EXPECT_EQ(pick_next(rest, {"A", "B"}, now), 1);
  EXPECT_EQ(pick_next({rest[1]}, {"A"}, now), 2);  // alone, it is still called
}

TEST(HallCalling, FairAcrossGroupsByWaitingTimeAndStableOnTies) {
  const std::vector<Waiting> w{{7, "A", false, {}, 500}, {5, "B", false, {}, 500}, {9, "B", false, {}, 400}};
  EXPECT_EQ(pick_next(w, {"A", "B"}, 1000), 9);
  const std::vector<Waiting> tie{{7, "A", false, {}, 500}, {5, "B", false, {}, 500}};
  EXPECT_EQ(pick_next(tie, {"B", "A"}, 1000), 5);
}

TEST(HallCalling, SkippedTicketsRequeueUpToTheSitesLimit) {
  EXPECT_EQ(after_skip(0, SkipPolicy{1}), AfterSkip::kRequeue);
  EXPECT_EQ(after_skip(1, SkipPolicy{1}), AfterSkip::kVoid);
  EXPECT_EQ(after_skip(0, SkipPolicy{0}), AfterSkip::kVoid);
  EXPECT_EQ(after_skip(2, SkipPolicy{3}), AfterSkip::kRequeue);
}

TEST(HallHours, PeriodsAreParsedStrictly) {
  auto p = parse_hours("09:00-12:00,13:30-17:00").value();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1].from_minute, 13 * 60 + 30);
  for (const char* bad : {"", "9:00-12:00", "09:00-12:00,11:00-17:00", "12:00-09:00", "09:00-25:00", "09:00~12:00",
                          "09:00-12:00,", "09:00-12:00;13:00-17:00"})
    EXPECT_EQ(parse_hours(bad, "hours").error().field, "hours") << bad;
  EXPECT_TRUE(parse_hours("00:00-24:00"));
}

TEST(HallHours, TicketsOnlyInTheSitesHoursOfAWorkingDayBeijingTime) {
  const auto periods = parse_hours("09:00-12:00,13:30-17:00").value();
  const std::int64_t day = time::shanghai_day_start_ms(time::Date{2025, 1, 24});
  const auto at = [&](int h, int m) { return day + (h * 60 + m) * 60'000LL; };
  EXPECT_FALSE(within_hours(periods, at(8, 59), true));
  EXPECT_TRUE(within_hours(periods, at(9, 0), true));
  EXPECT_FALSE(within_hours(periods, at(12, 0), true));  // the end is exclusive
  EXPECT_FALSE(within_hours(periods, at(13, 0), true));
  EXPECT_TRUE(within_hours(periods, at(16, 59), true));
  EXPECT_FALSE(within_hours(periods, at(10, 0), false));  // a holiday
  // 09:30 Beijing is 01:30 UTC: the check is on Beijing time.
  EXPECT_EQ(time::format_utc(at(9, 30)).substr(11, 5), "01:30");
}


TEST(HallSettings, DefaultsAreValidAndEachFieldIsChecked) {
  EXPECT_TRUE(check_settings(Settings{}));
  const auto field_of = [](auto change) {
    Settings s;
    change(s);
    auto r = check_settings(s);
    return r ? std::string() : r.error().field;
  };
  EXPECT_EQ(field_of([](Settings& s) { s.ticket_hours = "9-17"; }), "ticket_hours");
  EXPECT_EQ(field_of([](Settings& s) { s.max_skips = -1; }), "max_skips");
  EXPECT_EQ(field_of([](Settings& s) { s.crowd_wait_minutes = 1; }), "crowd_wait_minutes");
  EXPECT_EQ(field_of([](Settings& s) { s.slot_minutes = 5; }), "slot_minutes");
  EXPECT_EQ(field_of([](Settings& s) { s.per_window_slot = 21; }), "per_window_slot");
  EXPECT_EQ(field_of([](Settings& s) { s.booking_days = 0; }), "booking_days");
  EXPECT_EQ(field_of([](Settings& s) { s.no_show_limit = 0; }), "no_show_limit");
  EXPECT_EQ(field_of([](Settings& s) { s.no_show_block_days = 400; }), "no_show_block_days");
  EXPECT_EQ(field_of([](Settings& s) { s.notice = std::string(501 * 3, 'a'); }), "notice");
}

TEST(HallAppointments, SlotsCutTheHoursOfTheBeijingDay) {
  const auto periods = parse_hours("09:00-12:00,13:30-16:45").value();
  const auto slots = day_slots(periods, time::Date{2025, 1, 24}, 30);
  // 6 in the morning, 6 in the afternoon (16:30-16:45 is too short for a slot).
  ASSERT_EQ(slots.size(), 12u);
  EXPECT_EQ(time::format_utc(slots[0].start).substr(11, 5), "01:00");  // 09:00 Beijing
  EXPECT_EQ(slots[0].end - slots[0].start, 30 * 60'000);
  EXPECT_EQ(time::format_utc(slots[6].start).substr(11, 5), "05:30");  // 13:30 Beijing
  EXPECT_EQ(time::format_utc(slots.back().start).substr(11, 5), "08:00");  // 16:00 Beijing
  EXPECT_TRUE(find_slot(slots, slots[3].start));
  EXPECT_FALSE(find_slot(slots, slots[3].start + 60'000));
}

TEST(HallAppointments, CheckInFromAnHourBeforeUntilTheSlotEnds) {
  const Slot slot{10 * 3'600'000LL, 10 * 3'600'000LL + 30 * 60'000};
  EXPECT_EQ(check_in_time(slot, slot.start - kCheckInEarlyMs - 1), CheckIn::kTooEarly);
  EXPECT_EQ(check_in_time(slot, slot.start - kCheckInEarlyMs), CheckIn::kOk);
  EXPECT_EQ(check_in_time(slot, slot.end - 1), CheckIn::kOk);
  EXPECT_EQ(check_in_time(slot, slot.end), CheckIn::kTooLate);
}

}  // namespace
}  // namespace yc::hall
