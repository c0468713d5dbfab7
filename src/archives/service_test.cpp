// 失业人员档案 on SQLite and PostgreSQL (issue 12; policy annex 一(一)
// 失业人员档案管理服务, 三(五) 档案库房): intake with a street number and a
// location, one open loan per file, overdue loans, no transfer while lent and
// nothing after it, room checks against JGJ 25-2010, and the street's scope.
#include <gtest/gtest.h>

#include "archives/service.hpp"
#include "org/service.hpp"
#include "privacy/person.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::archives {
namespace {

std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}

// A valid resident ID number (GB 11643 check character) from 17 digits.
std::string id_number(const std::string& first17) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

class ArchivesService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    keeper_ = db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ('keeper', '', '王*', '', "
                           "'', '110101001', 'x', 0, 0, 0) RETURNING id"))
          .int64(0);
    }).value();
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  NewFile person(const std::string& id, const char* name = "李建国") {
    return NewFile{id, name, "", "registration", "", "", "", 23, Location{"1号库房", "A柜", "3层", "12盒"}};
  }
  Result<File> take(const NewFile& in, std::int64_t at, const org::Scope& scope = street_) {
    return write<File>([&](store::Tx& tx) {
      return intake(tx, keys_, audit::Actor::system(), scope, keeper_, "110101001", in, at);
    });
  }
  Result<File> lend_to(std::int64_t id, std::int64_t at, const std::string& due = "") {
    return write<File>([&](store::Tx& tx) {
      return lend(tx, keys_, audit::Actor::system(), street_, keeper_, id,
                  NewLoan{"东城区社保中心", "赵敏", "核定失业保险金", "", due}, at);
    });
  }
  Result<File> back(std::int64_t id, std::int64_t at) {
    return write<File>([&](store::Tx& tx) {
      return give_back(tx, audit::Actor::system(), street_, keeper_, id, "", "完好，无缺页", at);
    });
  }
  Result<std::vector<File>> files(const Filter& f, const char* day, const org::Scope& scope = street_) {
    return db_->transact<std::vector<File>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list(tx, keys_, scope, f, time::parse_date(day).value());
    });
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  std::int64_t keeper_ = 0;
  static inline const org::Scope street_ = org::Scope::of({"/110000/110101/110101001/"});
  const std::string li_ = id_number("11010119800307001");
  const std::string wang_ = id_number("11010219750612002");
};

TEST_P(ArchivesService, IntakeNumbersTheFilePerStreetAndYearAndKeepsItsLocation_Annex1_1) {
  const auto at = noon("2026-03-02");
  // The person is in the employment registry: the file links to that row.
  const auto sealed = privacy::seal_person(keys_, {li_, "李建国", "", ""}, "resident", time::shanghai_date(at)).value();
  const auto resident = write<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
    return YC_TRY(tx.one("INSERT INTO resident (unit_code, unit_path, id_hash, id_sealed, id_masked, name_sealed, "
                         "name_masked, gender, birth_year, household, status, created_by, created_at, updated_at) "
                         "VALUES ('110101001001', '/110000/110101/110101001/110101001001/', $1, $2, $3, $4, $5, $6, $7, "
                         "'urban', 'unemployed', $8, 0, 0) RETURNING id",
                         {sealed.id_hash, sealed.id_sealed, sealed.id_masked, sealed.name_sealed, sealed.name_masked,
                          sealed.gender, std::int64_t{sealed.birth_year}, keeper_}))
        .int64(0);
  }).value();
  auto first = take(person(li_), at);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->file_no, "DA-110101001-2026-0001");
  EXPECT_EQ(first->unit_code, "110101001");
  EXPECT_EQ(first->state, "in_store");
  EXPECT_EQ(first->name_masked, "李**");
  EXPECT_EQ(first->resident_id, resident);
  EXPECT_EQ(first->location, (Location{"1号库房", "A柜", "3层", "12盒"}));
  EXPECT_EQ(first->received_day, "2026-03-02");
  // Sealed at rest; found again by the full ID number.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM archive_file WHERE name_sealed LIKE '%李%' OR id_sealed LIKE '%110101%'"), 0);
  auto by_id = files(Filter{li_, "", "", false}, "2026-03-02");
  ASSERT_TRUE(by_id);
  ASSERT_EQ(by_id->size(), 1U);
  auto second = take(person(wang_, "王芳"), at);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->file_no, "DA-110101001-2026-0002");
  EXPECT_FALSE(second->resident_id);
  // One file in custody per person.
  auto again = take(person(li_), at);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // A move is versioned and written to the history.
  auto moved = write<File>([&](store::Tx& tx) {
    return move(tx, audit::Actor::system(), street_, keeper_, first->id, first->version, Location{"2号库房", "B柜", "1层", "3盒"}, at);
  });
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->location.room, "2号库房");
  auto stale = write<File>([&](store::Tx& tx) {
    return move(tx, audit::Actor::system(), street_, keeper_, first->id, first->version, Location{"3号库房", "B柜", "1层", "3盒"}, at);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kVersionConflict);
  auto d = db_->transact<FileDetail>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get(tx, street_, first->id, time::shanghai_date(at));
  });
  ASSERT_TRUE(d);
  ASSERT_EQ(d->history.size(), 2U);
  EXPECT_EQ(d->history[0].kind, "intake");
  EXPECT_EQ(d->history[1].kind, "move");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('archive.intake', 'archive.move')"), 3);
}

TEST_P(ArchivesService, ALentFileMustBeReturnedBeforeItIsLentAgain_Annex1_1) {
  const auto at = noon("2026-03-02");  // a Monday
  auto f = take(person(li_), at);
  ASSERT_TRUE(f) << f.error().message;
  auto lent = lend_to(f->id, at);
  ASSERT_TRUE(lent) << lent.error().message;
  EXPECT_EQ(lent->state, "lent");
  ASSERT_TRUE(lent->loan);
  EXPECT_EQ(lent->loan->due_day, "2026-03-09");  // five working days on
  EXPECT_EQ(lent->loan->borrower_name, "赵*");
  auto twice = lend_to(f->id, at);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(twice.error().message, "该档案已借出，须归还后才能再次借阅");
  // The schema holds the rule too: a second open loan of the file is refused.
  auto raw = write<std::int64_t>([&](store::Tx& tx) {
    return tx.exec("INSERT INTO archive_loan (file_id, borrower_unit, purpose, lent_day, due_day, state, lent_by, "
                   "created_at) VALUES ($1, 'x', 'x', '2026-03-02', '2026-03-03', 'open', $2, 0)",
                   {f->id, keeper_});
  });
  EXPECT_FALSE(raw);
  auto returned = back(f->id, noon("2026-03-04"));
  ASSERT_TRUE(returned) << returned.error().message;
  EXPECT_EQ(returned->state, "in_store");
  EXPECT_FALSE(returned->loan);
  auto early_due = write<File>([&](store::Tx& tx) {
    return lend(tx, keys_, audit::Actor::system(), street_, keeper_, f->id,
                NewLoan{"东城区社保中心", "", "复核", "2026-03-04", "2026-03-03"}, noon("2026-03-04"));
  });
  ASSERT_FALSE(early_due);
  EXPECT_EQ(early_due.error().field, "due_day");
  auto again = lend_to(f->id, noon("2026-03-04"));
  ASSERT_TRUE(again) << again.error().message;
  auto d = db_->transact<FileDetail>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get(tx, street_, f->id, time::parse_date("2026-03-04").value());
  });
  ASSERT_TRUE(d);
  ASSERT_EQ(d->loans.size(), 2U);
  EXPECT_EQ(d->loans[1].state, "returned");
  EXPECT_EQ(d->loans[1].return_note, "完好，无缺页");
  std::vector<std::string> kinds;
  for (const auto& e : d->history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"intake", "lend", "return", "lend"}));
}

TEST_P(ArchivesService, AnOpenLoanPastItsDueDayIsOverdue_Annex1_1) {
  const auto at = noon("2026-03-02");
  auto f = take(person(li_), at);
  ASSERT_TRUE(f);
  ASSERT_TRUE(take(person(wang_, "王芳"), at));
  ASSERT_TRUE(lend_to(f->id, at, "2026-03-06"));
  auto on_due = files(Filter{}, "2026-03-06");
  ASSERT_TRUE(on_due);
  for (const auto& x : *on_due) EXPECT_FALSE(x.loan && x.loan->overdue);
  auto late = files(Filter{"", "", "", true}, "2026-03-07");
  ASSERT_TRUE(late);
  ASSERT_EQ(late->size(), 1U);
  EXPECT_EQ(late->front().id, f->id);
  EXPECT_TRUE(late->front().loan->overdue);
  // Returned, it is no longer overdue.
  ASSERT_TRUE(back(f->id, noon("2026-03-09")));
  auto after = files(Filter{"", "", "", true}, "2026-03-09");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
}

TEST_P(ArchivesService, ALentFileIsNotTransferredAndATransferredOneIsNeitherLentNorMoved_Annex1_1) {
  const auto at = noon("2026-03-02");
  auto f = take(person(li_), at);
  ASSERT_TRUE(f);
  ASSERT_TRUE(lend_to(f->id, at));
  const auto out = [&](std::int64_t when) {
    return write<File>([&](store::Tx& tx) {
      return transfer(tx, audit::Actor::system(), street_, keeper_, f->id,
                      Transfer{"西城区新街口街道社会保障事务所", "户籍迁出", "", "ZC-2026-018"}, when);
    });
  };
  auto while_lent = out(at);
  ASSERT_FALSE(while_lent);
  EXPECT_EQ(while_lent.error().code, ErrorCode::kUnprocessable);
  ASSERT_TRUE(back(f->id, at));
  auto gone = out(noon("2026-03-03"));
  ASSERT_TRUE(gone) << gone.error().message;
  EXPECT_EQ(gone->state, "transferred");
  EXPECT_EQ(gone->transfer_day, "2026-03-03");
  EXPECT_EQ(gone->transfer_receipt, "ZC-2026-018");
  auto lent_after = lend_to(f->id, noon("2026-03-04"));
  ASSERT_FALSE(lent_after);
  EXPECT_EQ(lent_after.error().code, ErrorCode::kUnprocessable);
  auto moved_after = write<File>([&](store::Tx& tx) {
    return move(tx, audit::Actor::system(), street_, keeper_, f->id, gone->version, Location{"2号库房", "B柜", "1层", "3盒"},
                noon("2026-03-04"));
  });
  ASSERT_FALSE(moved_after);
  EXPECT_EQ(moved_after.error().code, ErrorCode::kUnprocessable);
  // The person may come back later as a new intake.
  auto returned_person = take(person(li_), noon("2026-03-05"));
  ASSERT_TRUE(returned_person) << returned_person.error().message;
  EXPECT_EQ(returned_person->file_no, "DA-110101001-2026-0002");
}

TEST_P(ArchivesService, RoomReadingsOutsideTheStandardRangesAreAbnormal_3_5) {
  const auto at = noon("2026-03-02");
  const auto checked = [&](const char* room, Reading r, std::int64_t when) {
    return write<RoomCheck>([&](store::Tx& tx) {
      return record_check(tx, audit::Actor::system(), street_, keeper_, "110101001", NewRoomCheck{"", room, "", when, r},
                          at);
    });
  };
  // The edges of JGJ 25-2010 (14-24 °C, 45-60 %) are within the standard.
  auto edges = checked("1号库房", Reading{140, 600, true, true, false, false}, at - 3'600'000);
  ASSERT_TRUE(edges) << edges.error().message;
  EXPECT_FALSE(edges->abnormal);
  EXPECT_TRUE(edges->flags.empty());
  auto warm = checked("1号库房", Reading{245, 440, true, false, false, false}, at);
  ASSERT_TRUE(warm);
  EXPECT_TRUE(warm->abnormal);
  EXPECT_EQ(warm->flags, (std::vector<std::string>{"temperature_high", "humidity_low", "smoke_detector"}));
  auto cold = checked("2号库房", Reading{139, 601, false, true, true, true}, at - 7'200'000);
  ASSERT_TRUE(cold);
  EXPECT_EQ(cold->flags,
            (std::vector<std::string>{"temperature_low", "humidity_high", "extinguisher", "pests", "leaks"}));
  auto future = checked("2号库房", Reading{200, 500, true, true, false, false}, at + 3'600'000);
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "checked_at");
  auto nonsense = checked("2号库房", Reading{200, 1200, true, true, false, false}, at);
  ASSERT_FALSE(nonsense);
  EXPECT_EQ(nonsense.error().field, "humidity");
  auto abnormal = db_->transact<std::vector<RoomCheck>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return checks(tx, street_, CheckFilter{"", "", "", "", true});
  });
  ASSERT_TRUE(abnormal);
  EXPECT_EQ(abnormal->size(), 2U);
  // Each room with its last check; a room holding files but never checked says so.
  ASSERT_TRUE(take(NewFile{li_, "李建国", "", "registration", "", "", "", 10, Location{"3号库房", "A柜", "1层", "1盒"}}, at));
  auto rs = db_->transact<std::vector<Room>>(store::TxMode::kRead, [&](store::Tx& tx) { return rooms(tx, street_); });
  ASSERT_TRUE(rs);
  ASSERT_EQ(rs->size(), 3U);
  EXPECT_EQ((*rs)[0].room, "1号库房");
  EXPECT_EQ((*rs)[0].last_checked_at, at);
  EXPECT_TRUE((*rs)[0].last_abnormal);
  EXPECT_EQ((*rs)[2].room, "3号库房");
  EXPECT_EQ((*rs)[2].files, 1);
  EXPECT_FALSE((*rs)[2].last_checked_at);
}

TEST_P(ArchivesService, AFileOfAnotherStreetIsNotFound_Annex1_1) {
  const auto at = noon("2026-03-02");
  auto f = take(person(li_), at);
  ASSERT_TRUE(f);
  const auto other = org::Scope::of({"/110000/110102/110102003/"});
  auto seen = db_->transact<FileDetail>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get(tx, other, f->id, time::shanghai_date(at));
  });
  ASSERT_FALSE(seen);
  EXPECT_EQ(seen.error().code, ErrorCode::kNotFound);
  auto lent = write<File>([&](store::Tx& tx) {
    return lend(tx, keys_, audit::Actor::system(), other, keeper_, f->id, NewLoan{"西城区社保中心", "", "核查", "", ""}, at);
  });
  ASSERT_FALSE(lent);
  EXPECT_EQ(lent.error().code, ErrorCode::kNotFound);
  auto listed = files(Filter{}, "2026-03-02", other);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  // Nor can a keeper file into a street outside their scope, or into a district.
  auto elsewhere = person(wang_, "王芳");
  elsewhere.unit_code = "110102003";
  auto into = take(elsewhere, at);
  ASSERT_FALSE(into);
  EXPECT_EQ(into.error().code, ErrorCode::kNotFound);
  elsewhere.unit_code = "110101";
  auto district = take(elsewhere, at, org::Scope::of({"/110000/110101/"}));
  ASSERT_FALSE(district);
  EXPECT_EQ(district.error().field, "unit_code");
}

YC_ON_BOTH_ENGINES(ArchivesService);

}  // namespace
}  // namespace yc::archives
