#pragma once
// 劳动力资源台账 and 就业服务 (issue 12, items 1-2; docs/api/employment.md): the
// employers of the street, the residents of working age per community with
// their employment status, needs and follow-up visits (community workers on
// a phone; the street sees the whole street by scope), vacancies, matching,
// referrals and their outcomes, career guidance and training referrals, and
// 公益性岗位 placements with their subsidy periods. Every write is one
// transaction with its audit entry; people are sealed (privacy::seal_person).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "employment/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "privacy/person.hpp"
#include "store/database.hpp"

namespace yc::employment {

struct Who {
  std::int64_t account_id = 0;
  audit::Actor actor;
};

// --- Employers ----------------------------------------------------------------------
struct Employer {
  std::int64_t id = 0;
  std::string credit_code, name, industry, address, unit_code, unit_name, contact_name_masked, contact_phone_masked;
  int employees = 0;
  int open_vacancies = 0;
  std::int64_t version = 0;
};
struct EmployerInput {
  std::string credit_code, name, industry, address, unit_code, contact_name, contact_phone;
  int employees = 0;
};
Result<Employer> add_employer(store::Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              const EmployerInput& in, std::int64_t now);
// The credit code does not change; everything else may.
Result<Employer> update_employer(store::Tx& tx, const privacy::KeyRing& keys, const Who& who,
                                 const org::Scope& scope, std::int64_t id, std::int64_t version,
                                 const EmployerInput& in, std::int64_t now);
Result<std::vector<Employer>> employers(store::Tx& tx, const org::Scope& scope, const std::string& q);
Result<Employer> employer(store::Tx& tx, const org::Scope& scope, std::int64_t id);

// --- The registry -------------------------------------------------------------------
struct Visit {
  std::int64_t id = 0;
  std::string visit_day, method, status_before, status_after, needs, note, next_visit_day, visited_by_name;
  std::int64_t created_at = 0;
};
struct Referral {
  std::int64_t id = 0, resident_id = 0, vacancy_id = 0;
  std::string resident_name_masked, vacancy_title, employer_name, state, referred_day, outcome_day, note;
  bool welfare = false;
  std::int64_t version = 0;
};
struct Guidance {
  std::int64_t id = 0, resident_id = 0;
  std::string kind, day, topic, provider, state, note, by_name;
  std::int64_t version = 0;
};
struct Placement {
  std::int64_t id = 0, resident_id = 0, vacancy_id = 0;
  std::string resident_name_masked, vacancy_title, employer_name, start_day, subsidy_end_day, state, end_day,
      end_reason, flag;  // flag: ending | expired | ""
  std::int64_t version = 0;
};
struct Resident {
  std::int64_t id = 0;
  std::string unit_code, unit_name, id_masked, name_masked, phone_masked, address_masked, gender, household,
      education, status, hardship_category, registered_day, skills, needs, desired_job, last_visit_day,
      next_visit_day;
  int age = 0;
  bool visit_due = false;  // the next visit day has come
  std::int64_t updated_at = 0, version = 0;
  // Detail only.
  std::vector<Visit> visits;
  std::vector<Referral> referrals;
  std::vector<Guidance> guidance;
  std::vector<Placement> placements;
};
struct ResidentInput {
  std::string id_number, name, phone, address;  // id_number only when adding
  std::string unit_code, household = "urban", education, status, hardship_category, registered_day, desired_job;
  std::vector<std::string> skills, needs;
};
Result<Resident> add_resident(store::Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              const ResidentInput& in, std::int64_t now);
// Everything but the ID number. A changed phone or address is given in full;
// "" keeps the stored one.
Result<Resident> update_resident(store::Tx& tx, const privacy::KeyRing& keys, const Who& who,
                                 const org::Scope& scope, std::int64_t id, std::int64_t version,
                                 const ResidentInput& in, std::int64_t now);
struct ResidentFilter {
  std::string status, unit_code, need;
  bool due = false;  // visits due (next visit day today or earlier)
  int limit = 200;
};
Result<std::vector<Resident>> residents(store::Tx& tx, const org::Scope& scope, const ResidentFilter& f,
                                        std::int64_t now);
Result<Resident> resident(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                          std::int64_t now);
// By ID number (the keyed hash): the person in scope, else NOT_FOUND.
Result<Resident> find_resident(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope,
                               const std::string& id_number, std::int64_t now);
// The full phone, address and ID number, for a worker who calls or visits
// (audited: resident.reveal).
Result<privacy::PersonInput> reveal_resident(store::Tx& tx, const privacy::KeyRing& keys, const Who& who,
                                             const org::Scope& scope, std::int64_t id);

struct VisitInput {
  std::string visit_day, method, status, hardship_category, registered_day, note, next_visit_day;
  std::vector<std::string> needs;
  std::optional<std::vector<std::string>> skills;
  std::optional<std::string> desired_job;
};
// A follow-up visit: the status and needs found are written to the registry
// in the same transaction; the next visit defaults to the status' period.
Result<Resident> record_visit(store::Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              std::int64_t id, std::int64_t version, const VisitInput& in, std::int64_t now);

// --- Vacancies and matching ---------------------------------------------------------
struct Vacancy {
  std::int64_t id = 0, employer_id = 0;
  std::string employer_name, title, skills, education, location, state, open_day, close_day;
  int headcount = 0, filled = 0;
  std::optional<int> salary_min, salary_max;
  bool welfare = false;
  int referrals_open = 0;
  std::int64_t version = 0;
};
struct VacancyInput {
  std::int64_t employer_id = 0;
  std::string title, education, location;
  std::vector<std::string> skills;
  int headcount = 1;
  std::optional<int> salary_min, salary_max;
  bool welfare = false;
};
Result<Vacancy> add_vacancy(store::Tx& tx, const Who& who, const org::Scope& scope, const VacancyInput& in,
                            std::int64_t now);
Result<Vacancy> close_vacancy(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                              std::int64_t now);
struct VacancyFilter {
  std::string state = "open";
  std::optional<bool> welfare;
  std::optional<std::int64_t> employer_id;
};
Result<std::vector<Vacancy>> vacancies(store::Tx& tx, const org::Scope& scope, const VacancyFilter& f);
Result<Vacancy> vacancy(store::Tx& tx, const org::Scope& scope, std::int64_t id);

struct VacancyMatch {
  Vacancy vacancy;
  Match match;
};
// The open vacancies in scope a person could take, best first (≤ 20).
Result<std::vector<VacancyMatch>> matches_for_resident(store::Tx& tx, const org::Scope& scope, std::int64_t id,
                                                       std::int64_t now);
struct ResidentMatch {
  Resident resident;
  Match match;
};
// The people in scope who could take a vacancy, best first (≤ 50).
Result<std::vector<ResidentMatch>> matches_for_vacancy(store::Tx& tx, const org::Scope& scope, std::int64_t id,
                                                       std::int64_t now);

// --- Referrals (职业介绍) -------------------------------------------------------------
// Both the person and the vacancy in scope, and `match` must allow it; one
// open referral of a person to a vacancy.
Result<Referral> refer(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t resident_id,
                       std::int64_t vacancy_id, const std::string& note, std::int64_t now);
// hired: the vacancy fills (closing when full) and the person becomes
// employed, with no job need left. A 公益性岗位 is filled by a placement.
Result<Referral> referral_outcome(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                  std::int64_t version, const std::string& outcome, const std::string& note,
                                  std::int64_t now);
Result<std::vector<Referral>> referrals(store::Tx& tx, const org::Scope& scope, const std::string& state);

// --- Guidance and training -------------------------------------------------------------
struct GuidanceInput {
  std::string kind, day, topic, provider, note;
};
Result<Guidance> add_guidance(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t resident_id,
                              const GuidanceInput& in, std::int64_t now);
Result<Guidance> move_training(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                               std::int64_t version, const std::string& state, const std::string& note,
                               std::int64_t now);

// --- 公益性岗位 placements -------------------------------------------------------------
struct PlacementInput {
  std::int64_t resident_id = 0, vacancy_id = 0;
  std::string start_day, subsidy_end_day;  // "" end: the latest allowed
};
Result<Placement> place(store::Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope, const PlacementInput& in,
                        std::int64_t now);
// The post frees up and the person is 就业困难 again.
Result<Placement> end_placement(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                std::int64_t version, const std::string& end_day, const std::string& reason,
                                std::int64_t now);
Result<std::vector<Placement>> placements(store::Tx& tx, const org::Scope& scope, const std::string& state,
                                          std::int64_t now);

// --- Figures for the ledgers and dashboards ----------------------------------------------
struct UnitFigures {
  std::string unit_code, unit_name;
  int residents = 0, employed = 0, unemployed = 0, flexible = 0, hardship = 0, rural = 0;
  int visits_month = 0, visits_due = 0;
  int referrals_month = 0, hired_month = 0;
  int placements_active = 0;
};
struct Summary {
  UnitFigures total;
  std::vector<UnitFigures> units;  // the child units of `unit_code`
  int open_vacancies = 0, open_posts = 0;  // vacancies and the heads still wanted
};
// Figures of the unit (a street or the caller's widest unit) and its child
// units, for the month of `now` (Beijing).
Result<Summary> summary(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, std::int64_t now);

}  // namespace yc::employment
