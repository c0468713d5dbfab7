#pragma once
// 退休人员与工伤待遇人员社会化管理 (issue 12, item 4; docs/api/retirees.md): the
// registry of each community with the person sealed (privacy::seal_person,
// one entry per ID number and kind), yearly contacts, activities, and death
// reports, which stop benefits only once another formal staff member has
// rechecked them (三(七)). Every query goes through the caller's scope: a
// person outside it is not found.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "privacy/person.hpp"
#include "retirees/model.hpp"
#include "store/database.hpp"

namespace yc::retirees {

// Personal fields are masked; `uncontacted` is 本年度未联系 on the day asked.
struct Retiree {
  std::int64_t id = 0;
  std::string kind, unit_code, unit_name;
  std::string id_masked, name_masked, phone_masked, address_masked, gender;
  int birth_year = 0;
  std::optional<int> injury_level;
  std::string benefit_kind, start_day, former_employer, status;
  bool benefits_active = true;
  std::optional<std::string> death_day, benefit_stop_day, last_contact_day;
  bool uncontacted = false;
  std::int64_t created_at = 0, version = 0;
};

struct Contact {
  std::int64_t id = 0;
  std::string day, method, note, by_name;
  std::int64_t created_at = 0;
};

struct DeathReport {
  std::int64_t id = 0;
  std::string death_day, source, note, state;  // open | confirmed | rejected
  std::int64_t reported_by = 0;
  std::string reported_by_name;
  std::int64_t reported_at = 0;
  std::optional<std::int64_t> checked_by, checked_at;
  std::string checked_by_name, reject_reason;
  std::optional<std::string> benefit_stop_day;
};

struct Activity {
  std::int64_t id = 0;
  std::string unit_code, unit_name, kind, title, day, place, content;
  int participant_count = 0;
  std::vector<Retiree> participants;  // detail only
  std::int64_t created_at = 0;
};

struct Detail {
  Retiree retiree;
  std::vector<Contact> contacts;         // newest first
  std::vector<Activity> activities;      // attended, newest first, without participants
  std::vector<DeathReport> death_reports;  // newest first; at most one open
};

struct NewRetiree {
  privacy::PersonInput person;
  Entry entry;
  std::string unit_code;  // a community within the scope
};
Result<Retiree> add(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                    std::int64_t by, const NewRetiree& in, std::int64_t now);

struct Filter {
  std::string unit_code, kind, status;
  bool uncontacted = false;  // 本年度未联系 only
};
// Newest first, at most 500.
Result<std::vector<Retiree>> list(store::Tx& tx, const org::Scope& scope, const Filter& f, const time::Date& today);
Result<Detail> get(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                   const time::Date& today);
// The person in full (to call or visit them), audited.
Result<privacy::PersonInput> reveal(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                    const org::Scope& scope, std::int64_t id);

struct NewContact {
  std::string day, method, note;
};
// 年度联系/走访 of a person not deceased, on a day not after today.
Result<Detail> add_contact(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                           const org::Scope& scope, std::int64_t by, std::int64_t id, const NewContact& in,
                           std::int64_t now);

struct NewActivity {
  std::string unit_code, kind, title, day, place, content;
  std::vector<std::int64_t> participants;  // retirees within the scope
};
Result<Activity> add_activity(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              const NewActivity& in, std::int64_t now);
// Newest first, at most 500; unit_code "" = all in scope.
Result<std::vector<Activity>> activities(store::Tx& tx, const org::Scope& scope, const std::string& unit_code);
Result<Activity> activity(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today);

// 死亡报告 (三(七)): by formal staff only; the person becomes death_reported and
// benefits keep going until the 复核. One open report at a time.
struct NewDeathReport {
  std::string death_day, source, note;
};
Result<Detail> report_death(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                            const org::Scope& scope, std::int64_t by, std::int64_t id, const NewDeathReport& in,
                            std::int64_t now);

// 复核 of the open report by formal staff other than the reporter: confirm
// makes the person deceased and stops benefits from the first day of the
// month after the death; reject (with the reason) makes them active again.
enum class Decision { kConfirm, kReject };
Result<Detail> recheck_death(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                             const org::Scope& scope, std::int64_t by, std::int64_t id, Decision decision,
                             const std::string& reason, std::int64_t now);

}  // namespace yc::retirees
