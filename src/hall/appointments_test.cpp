// The hall's citizen side on SQLite and PostgreSQL (issue 7; policy 三(五)(六)):
// kiosk tickets only in opening hours and for groups a window serves
// (item 7), appointments with capacity, no-shows and check-in (item 2), the
// boards and figures (items 4, 6) and the sweep's crowding incident.
#include <gtest/gtest.h>

#include <filesystem>

#include "hall/appointments.hpp"
#include "hall/board.hpp"
#include "hall/service.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"
#include "store/engine_test.hpp"

namespace yc::hall {
namespace {

// A valid resident ID number (GB 11643) from its first 17 digits.
std::string resident_id(const std::string& first17) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

class Hall : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    const auto keys = std::filesystem::temp_directory_path() / ("yc-hall-keys-" + std::to_string(::getpid()));
    std::filesystem::remove(keys);
    ASSERT_TRUE(privacy::KeyRing::generate(keys.string(), "k1"));
    keys_ = privacy::KeyRing::load(keys.string()).value();
    std::filesystem::remove(keys);
    site_ = one("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'");
    for (auto [code, name, prefix] : {std::tuple{"employment", "就业服务", "A"}, std::tuple{"insurance", "社会保险", "B"}})
      ASSERT_TRUE(write<Group>([&](store::Tx& tx) {
        return add_group(tx, audit::Actor::system(), org::Scope::all(), site_, code, name, prefix, {}, 0);
      }));
    auto rows = db_->transact<store::Rows>(store::TxMode::kRead, [&](store::Tx& tx) {
      return tx.query("SELECT id FROM org_window WHERE site_id = $1 ORDER BY number", {site_});
    }).value();
    for (const auto& r : rows.rows) windows_.push_back(r.int64(0));
    ASSERT_GE(windows_.size(), 2u);
    clerk_ = one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, badge, "
                 "password_hash, password_changed_at, created_at, updated_at) VALUES ('clerk', '" +
                 keys_.encrypt("王小明", "account.name").value() +
                 "', '王*明', '', '', '110101001', '0107', 'x', 0, 0, 0) RETURNING id");
    ASSERT_TRUE(write<void>([&](store::Tx& tx) {
      return set_window_groups(tx, audit::Actor::system(), org::Scope::all(), windows_[0], {"employment"});
    }));
  }
  std::int64_t one(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  Caller clerk() const { return Caller{clerk_, audit::Actor::system()}; }
  Result<WindowState> sit(std::int64_t window, std::int64_t now) {
    return write<WindowState>([&](store::Tx& tx) { return sign_in(tx, clerk(), org::Scope::all(), window, now); });
  }
  Result<Ticket> kiosk(const std::string& group, std::int64_t now, bool green = false, const std::string& holder = "") {
    return write<Ticket>([&](store::Tx& tx) {
      return issue_ticket(tx, TicketRequest{site_, group, "kiosk", green, std::nullopt, holder}, now);
    });
  }
  Result<Appointment> book_at(std::int64_t slot, const std::string& id, std::int64_t now) {
    return write<Appointment>([&](store::Tx& tx) {
      return book(tx, keys_, BookInput{site_, "employment", slot, "李四", id, "13800138000", false}, now);
    });
  }
  Result<Settings> save(const std::function<void(Settings&)>& change) {
    return write<Settings>([&](store::Tx& tx) -> Result<Settings> {
      auto s = YC_TRY(get_settings(tx, site_));
      change(s);
      return put_settings(tx, audit::Actor::system(), org::Scope::all(), s, 0);
    });
  }

  // Friday 2025-01-24, Beijing; the next working days are Sunday 01-26
  // (调休上班) and Monday 01-27, then the Spring Festival.
  static std::int64_t at(int day, int h, int m) {
    return time::shanghai_day_start_ms(time::Date{2025, 1, day}) + (h * 60 + m) * 60'000LL;
  }
  const std::int64_t t0_ = at(24, 9, 0);
  privacy::KeyRing keys_;
  std::int64_t site_ = 0, clerk_ = 0;
  std::vector<std::int64_t> windows_;
};

// --- Tickets a citizen takes (item 7) --------------------------------------------------

TEST_P(Hall, KioskTicketsOnlyInOpeningHoursOfAWorkingDayAndForAGroupWithAnOpenWindow_3_6) {
  // No clerk at any window yet: nobody would call the ticket.
  auto none = kiosk("employment", t0_);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(none.error().field, "group");
  ASSERT_TRUE(sit(windows_[0], t0_));
  auto ok = kiosk("employment", t0_);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->label, "A001");
  // The insurance group has no window: refused, and it took no number.
  EXPECT_EQ(kiosk("insurance", t0_).error().code, ErrorCode::kUnprocessable);
  // Before 08:30, at lunch, on a holiday (01-28) and on the 调休 Sunday (01-26, working).
  EXPECT_EQ(kiosk("employment", at(24, 8, 0)).error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(kiosk("employment", at(24, 12, 30)).error().code, ErrorCode::kUnprocessable);
  ASSERT_TRUE(write<WindowState>([&](store::Tx& tx) { return sign_in(tx, clerk(), org::Scope::all(), windows_[0], at(28, 9, 0)); }));
  EXPECT_EQ(kiosk("employment", at(28, 9, 0)).error().code, ErrorCode::kUnprocessable);
  ASSERT_TRUE(write<WindowState>([&](store::Tx& tx) { return sign_in(tx, clerk(), org::Scope::all(), windows_[0], at(26, 9, 0)); }));
  EXPECT_TRUE(kiosk("employment", at(26, 9, 0)));
  // A paused window does not count as open.
  ASSERT_TRUE(write<WindowState>([&](store::Tx& tx) { return set_open(tx, clerk(), org::Scope::all(), windows_[0], false, t0_); }));
  EXPECT_EQ(kiosk("employment", t0_ + 1000).error().code, ErrorCode::kUnprocessable);
  // Nothing was numbered by the refusals: the next is A002 of 01-24.
  ASSERT_TRUE(write<WindowState>([&](store::Tx& tx) { return set_open(tx, clerk(), org::Scope::all(), windows_[0], true, t0_); }));
  EXPECT_EQ(kiosk("employment", t0_ + 2000)->label, "A002");
}

TEST_P(Hall, RestDayHoursOpenTheHallOnWeekendsAndHolidays) {
  ASSERT_TRUE(write<WindowState>([&](store::Tx& tx) { return sign_in(tx, clerk(), org::Scope::all(), windows_[0], at(28, 9, 0)); }));
  EXPECT_EQ(kiosk("employment", at(28, 9, 30)).error().code, ErrorCode::kUnprocessable);  // 春节, closed
  ASSERT_TRUE(save([](Settings& s) { s.rest_day_hours = "09:00-12:00"; }));
  EXPECT_TRUE(kiosk("employment", at(28, 9, 30)));
  EXPECT_EQ(kiosk("employment", at(28, 13, 0)).error().code, ErrorCode::kUnprocessable);
  auto bad = save([](Settings& s) { s.rest_day_hours = "全天"; });
  EXPECT_EQ(bad.error().field, "rest_day_hours");
}

TEST_P(Hall, GreenChannelOnlyWhereTheSiteHasItAndOneWaitingTicketPerCard_3_6) {
  ASSERT_TRUE(sit(windows_[0], t0_));
  ASSERT_TRUE(save([](Settings& s) { s.green_channel = false; }));
  auto green = kiosk("employment", t0_, true);
  EXPECT_EQ(green.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(green.error().field, "green");
  ASSERT_TRUE(kiosk("employment", t0_, false, "holder-1"));
  auto again = kiosk("employment", t0_ + 1, false, "holder-1");
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("A001"), std::string::npos);
}

TEST_P(Hall, WebTicketsOnlyWhereTheSiteAllowsOnePerMobileNumber_3_6) {
  ASSERT_TRUE(sit(windows_[0], t0_));
  const auto remote = [&](const std::string& phone, std::int64_t now) {
    return write<Ticket>([&](store::Tx& tx) { return remote_ticket(tx, keys_, site_, "employment", phone, now); });
  };
  auto off = remote("13800138000", t0_);
  EXPECT_EQ(off.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(off.error().field, "site");
  ASSERT_TRUE(save([](Settings& s) { s.remote_tickets = true; }));
  auto t = remote("13800138000", t0_);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->channel, "web");
  auto again = remote("13800138000", t0_ + 1000);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "phone");
  EXPECT_EQ(remote("1380013800", t0_).error().field, "phone");
  EXPECT_EQ(remote("13900139000", at(24, 12, 30)).error().code, ErrorCode::kUnprocessable);  // lunch break
}

TEST_P(Hall, SettingsAreCheckedAndVersioned) {
  auto bad = save([](Settings& s) { s.ticket_hours = "9-5"; });
  EXPECT_EQ(bad.error().field, "ticket_hours");
  auto saved = save([](Settings& s) { s.notice = "今日下午系统升级"; });
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->version, 1);
  Settings stale = *saved;
  stale.version = 0;
  auto lost = write<Settings>([&](store::Tx& tx) { return put_settings(tx, audit::Actor::system(), org::Scope::all(), stale, 0); });
  EXPECT_EQ(lost.error().code, ErrorCode::kConflict);
}

// --- Appointments (item 2) -------------------------------------------------------------

TEST_P(Hall, SlotsFollowTheCalendarAndCapacityComesFromOpenWindows) {
  auto days = write<std::vector<DaySlots>>([&](store::Tx& tx) {
    return list_slots(tx, site_, "employment", time::Date{2025, 1, 24}, 7, t0_);
  });
  ASSERT_TRUE(days);
  // 01-24 after 09:00, the 调休 Sunday 01-26, Monday 01-27; then the holidays
  // until the end of the 7-day window.
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[0].day, "2025-01-24");
  EXPECT_EQ((*days)[1].day, "2025-01-26");
  EXPECT_EQ((*days)[2].day, "2025-01-27");
  // 08:30-12:00,13:00-17:00 in 30 minutes: 7 + 8 a day; 01-24 from 09:00 on.
  EXPECT_EQ((*days)[1].slots.size(), 15u);
  EXPECT_EQ((*days)[0].slots.size(), 13u);
  // One open window serves the group, 2 a window and slot.
  EXPECT_EQ((*days)[1].slots[0].capacity, 2);
}

TEST_P(Hall, BookingFillsASlotOneADayPerPersonChangeAndCancel_3_6) {
  const auto slot = at(27, 10, 0);
  auto a = book_at(slot, "11010519491231002X", t0_);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->code.size(), 8u);
  EXPECT_EQ(a->state, "booked");
  EXPECT_EQ(a->name_masked, "李*");
  EXPECT_EQ(a->id_masked.find("19491231"), std::string::npos);  // masked
  EXPECT_EQ(a->day, "2025-01-27");
  // The same person, same day: one booking.
  EXPECT_EQ(book_at(at(27, 14, 0), "11010519491231002X", t0_).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(book_at(slot, resident_id("11010119800101001"), t0_));
  auto full = book_at(slot, resident_id("11010119800101002"), t0_);
  EXPECT_EQ(full.error().code, ErrorCode::kConflict);
  EXPECT_EQ(full.error().field, "slot_start");
  // A holiday, a slot that is not one, the past, beyond the window.
  EXPECT_EQ(book_at(at(28, 10, 0), resident_id("11010119800101003"), t0_).error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(book_at(at(27, 10, 5), resident_id("11010119800101003"), t0_).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(book_at(at(24, 8, 30), resident_id("11010119800101003"), t0_).error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(book_at(at(27, 10, 0) + 14 * 86'400'000LL, resident_id("11010119800101003"), t0_).error().code,
            ErrorCode::kUnprocessable);
  // Bad personal data names the field.
  EXPECT_EQ(book_at(at(27, 11, 0), "110105194912310021", t0_).error().field, "id_number");
  // Lookup needs the holder's ID; change and cancel free the place.
  EXPECT_EQ(write<Appointment>([&](store::Tx& tx) { return lookup(tx, keys_, a->code, resident_id("11010119800101002")); })
                .error().code,
            ErrorCode::kNotFound);
  auto moved = write<Appointment>([&](store::Tx& tx) { return change(tx, keys_, a->code, "11010519491231002x", at(27, 15, 0), t0_); });
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->slot_start, at(27, 15, 0));
  ASSERT_TRUE(book_at(slot, resident_id("11010119800101002"), t0_));  // the place it left
  auto gone = write<Appointment>([&](store::Tx& tx) { return cancel(tx, keys_, a->code, "11010519491231002X", t0_); });
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->state, "cancelled");
  EXPECT_EQ(write<Appointment>([&](store::Tx& tx) { return cancel(tx, keys_, a->code, "11010519491231002X", t0_); }).error().code,
            ErrorCode::kConflict);
}

TEST_P(Hall, CheckInTurnsTheBookingIntoATicketCalledBeforeWalkInsOnceOnly_3_6) {
  const auto slot = at(24, 10, 0);
  auto a = book_at(slot, "11010519491231002X", t0_);
  ASSERT_TRUE(a);
  const auto check = [&](std::int64_t now, const std::string& code, const std::string& id = "") {
    return write<CheckedIn>([&](store::Tx& tx) { return check_in(tx, keys_, site_, code, id, now); });
  };
  // More than an hour early.
  auto early = check(at(24, 8, 59), a->code);
  EXPECT_EQ(early.error().code, ErrorCode::kUnprocessable);
  ASSERT_TRUE(sit(windows_[0], t0_));
  ASSERT_TRUE(kiosk("employment", at(24, 9, 30)));  // a walk-in, A001
  auto in = check(at(24, 9, 55), "", "11010519491231002X");  // by ID card
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->ticket.channel, "appointment");
  EXPECT_EQ(in->appointment.state, "checked_in");
  EXPECT_EQ(in->appointment.ticket_label, in->ticket.label);
  // Double check-in: refused, naming the number already given.
  auto twice = check(at(24, 9, 56), a->code);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_NE(twice.error().message.find(in->ticket.label), std::string::npos);
  // The due appointment goes before the walk-in who came earlier.
  auto called = write<Call>([&](store::Tx& tx) { return call_next(tx, clerk(), org::Scope::all(), windows_[0], at(24, 9, 57)); });
  ASSERT_TRUE(called);
  EXPECT_EQ(called->ticket.label, in->ticket.label);
  // After the slot: too late.
  auto b = book_at(at(24, 11, 0), resident_id("11010119800101001"), t0_);
  ASSERT_TRUE(b);
  EXPECT_EQ(check(at(24, 11, 30), b->code).error().code, ErrorCode::kUnprocessable);
}

TEST_P(Hall, NoShowsAreMarkedAndBlockBookingAfterTheLimit) {
  ASSERT_TRUE(save([](Settings& s) { s.no_show_limit = 2; s.no_show_block_days = 30; }));
  const auto id = resident_id("11010119800101001");
  ASSERT_TRUE(book_at(at(24, 10, 0), id, t0_));
  ASSERT_TRUE(book_at(at(26, 10, 0), id, t0_));
  auto swept = write<HallSweep>([&](store::Tx& tx) { return sweep(tx, at(27, 9, 0)); });
  ASSERT_TRUE(swept);
  EXPECT_EQ(swept->no_shows, 2);
  auto blocked = book_at(at(27, 14, 0), id, at(27, 9, 0));
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(blocked.error().field, "id_number");
  EXPECT_NE(blocked.error().message.find("2025-02-25"), std::string::npos);  // 01-26 10:30 + 30 days
}

// --- Boards, figures, sweep (items 4, 6) ------------------------------------------------

TEST_P(Hall, BoardsShowCallsAndTheClerkFiguresCountTheDay_3_5) {
  ASSERT_TRUE(sit(windows_[0], t0_));
  ASSERT_TRUE(kiosk("employment", t0_));
  ASSERT_TRUE(kiosk("employment", t0_ + 60'000));
  ASSERT_TRUE(write<Call>([&](store::Tx& tx) { return call_next(tx, clerk(), org::Scope::all(), windows_[0], t0_ + 120'000); }));
  auto b = write<Board>([&](store::Tx& tx) { return board(tx, site_, t0_ + 180'000); });
  ASSERT_TRUE(b);
  ASSERT_EQ(b->calls.size(), 1u);
  EXPECT_EQ(b->calls[0].label, "A001");
  EXPECT_EQ(b->calls[0].window_number, 1);
  EXPECT_TRUE(b->open_now);
  EXPECT_EQ(b->groups[0].waiting, 1);
  EXPECT_EQ(b->groups[0].open_windows, 1);
  EXPECT_EQ(b->windows[0].state, "serving");
  auto w = write<WindowBoard>([&](store::Tx& tx) { return window_board(tx, keys_, windows_[0], t0_); });
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->clerk);
  EXPECT_EQ(w->clerk->name, "王小明");  // 三亮明: the real name, on purpose
  EXPECT_EQ(w->clerk->badge, "0107");
  EXPECT_EQ(w->current, "A001");
  ASSERT_TRUE(write<Ticket>([&](store::Tx& tx) { return finish(tx, clerk(), org::Scope::all(), windows_[0], t0_ + 420'000); }));
  auto f = write<Figures>([&](store::Tx& tx) { return figures(tx, site_, t0_ + 600'000); });
  ASSERT_TRUE(f);
  EXPECT_EQ(f->served, 1);
  EXPECT_EQ(f->waiting, 1);
  EXPECT_EQ(f->avg_wait_ms, 120'000);     // taken 09:00, called 09:02
  EXPECT_EQ(f->avg_service_ms, 300'000);  // called 09:02, done 09:07
  EXPECT_EQ(f->longest_wait_ms, 540'000);
  EXPECT_EQ(f->windows_open, 1);
  EXPECT_EQ(f->staff_on_duty, 1);
  EXPECT_FALSE(f->crowding);
}

TEST_P(Hall, ALongWaitOpensOneCrowdingIncidentADay) {
  ASSERT_TRUE(sit(windows_[0], t0_));
  ASSERT_TRUE(kiosk("employment", t0_));
  auto quiet = write<HallSweep>([&](store::Tx& tx) { return sweep(tx, t0_ + 10 * 60'000); });
  ASSERT_TRUE(quiet);
  EXPECT_TRUE(quiet->alerts.empty());
  auto crowded = write<HallSweep>([&](store::Tx& tx) { return sweep(tx, t0_ + 31 * 60'000); });
  ASSERT_TRUE(crowded);
  ASSERT_EQ(crowded->alerts.size(), 1u);
  EXPECT_EQ(crowded->alerts[0].site_id, site_);
  EXPECT_EQ(one("SELECT COUNT(*) FROM incident WHERE kind = 'crowding' AND reported_by IS NULL"), 1);
  auto again = write<HallSweep>([&](store::Tx& tx) { return sweep(tx, t0_ + 40 * 60'000); });
  EXPECT_TRUE(again->alerts.empty());
  // The next Beijing day, the clerk's sign-in and the day's tickets have ended.
  auto next_day = write<HallSweep>([&](store::Tx& tx) { return sweep(tx, at(26, 8, 0)); });
  ASSERT_TRUE(next_day);
  EXPECT_EQ(next_day->signed_out, 1);
  EXPECT_EQ(next_day->voided, 1);
}

YC_ON_BOTH_ENGINES(Hall);

}  // namespace
}  // namespace yc::hall
