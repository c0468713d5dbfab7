#pragma once
// 失业人员档案 (issue 12; docs/api/archives.md; policy annex 一(一) 失业人员档案
// 管理服务, 三(五) 档案库房、专人管理): the street's register of paper files,
// kept by the archive keeper. Intake with the person sealed and a number per
// street and year, moves, lending with one open loan per file, return,
// transfer out; every change is a line of the file's history and an audit
// entry. Archive room checks against the standard ranges.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archives/model.hpp"
#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::archives {

struct Loan {
  std::int64_t id = 0;
  std::string borrower_unit, borrower_name;  // name masked
  std::string purpose, lent_day, due_day, state, returned_day, return_note, lent_by_name;
  bool overdue = false;  // open and past its due day
};

struct File {
  std::int64_t id = 0;
  std::string file_no, unit_code, unit_name, id_masked, name_masked, gender;
  int birth_year = 0;
  std::optional<std::int64_t> resident_id;
  std::string source, source_org, received_day, note;
  int pages = 0;
  Location location;
  std::string state, transfer_to, transfer_reason, transfer_day, transfer_receipt;
  std::optional<Loan> loan;  // the open loan
  std::int64_t created_at = 0, updated_at = 0, version = 0;
};

struct Event {
  std::string kind, detail, day, by_name;
  std::int64_t created_at = 0;
};

struct FileDetail {
  File file;
  std::vector<Loan> loans;     // newest first
  std::vector<Event> history;  // oldest first
};

struct NewFile {
  std::string id_number, name;
  std::string unit_code;  // the street; "" = the keeper's own unit
  std::string source, source_org, received_day, note;
  int pages = 0;
  Location location;
};
// The file belongs to a street within the scope; the person's registry row
// (same ID lookup hash) is linked when there is one. One file in custody per
// person (409 otherwise).
Result<File> intake(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                    std::int64_t by, const std::string& own_unit, const NewFile& in, std::int64_t now);

struct Filter {
  std::string q;  // file number, masked name or a full ID number
  std::string state, unit_code;
  bool overdue_only = false;
};
Result<std::vector<File>> list(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, const Filter& f,
                               const time::Date& today);
Result<FileDetail> get(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today);

// The full ID number and name, for the keeper only, audited.
struct Person {
  std::string id_number, name;
};
Result<Person> reveal(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t id);

Result<File> move(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by, std::int64_t id,
                  std::int64_t version, const Location& to, std::int64_t now);

struct NewLoan {
  std::string borrower_unit, borrower_name, purpose;
  std::string lent_day, due_day;  // "": today, and kDefaultLoanDays working days on
};
Result<File> lend(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                  std::int64_t by, std::int64_t id, const NewLoan& in, std::int64_t now);
// returned_day "": today. condition: the state the file came back in.
Result<File> give_back(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                       std::int64_t id, const std::string& returned_day, const std::string& condition, std::int64_t now);

struct Transfer {
  std::string to_org, reason, day, receipt_no;  // day "": today
};
Result<File> transfer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                      std::int64_t id, const Transfer& t, std::int64_t now);

struct RoomCheck {
  std::int64_t id = 0;
  std::string unit_code, unit_name, room, check_day, note, checked_by_name;
  std::int64_t checked_at = 0;
  Reading reading;
  std::vector<std::string> flags;
  bool abnormal = false;
};
struct NewRoomCheck {
  std::string unit_code, room, note;  // unit "" = the keeper's own
  std::optional<std::int64_t> checked_at;  // default now; never in the future
  Reading reading;
};
Result<RoomCheck> record_check(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               const std::string& own_unit, const NewRoomCheck& in, std::int64_t now);

struct CheckFilter {
  std::string unit_code, room, from, to;  // days, inclusive
  bool abnormal_only = false;
};
Result<std::vector<RoomCheck>> checks(store::Tx& tx, const org::Scope& scope, const CheckFilter& f);

// Every room that holds files or was ever checked, with its last check.
struct Room {
  std::string unit_code, unit_name, room;
  int files = 0;  // in custody
  std::optional<std::int64_t> last_checked_at;
  std::string last_check_day;
  bool last_abnormal = false;
};
Result<std::vector<Room>> rooms(store::Tx& tx, const org::Scope& scope);

}  // namespace yc::archives
