#pragma once
// 劳动关系 (issue 12; policy annex 一(三), annex 二; docs/api/labour.md): the
// yearly employer survey with its progress, mediation cases (the worker
// sealed, the fifteen days of 劳动争议调解仲裁法 第十四条, sessions and one
// outcome), hazards with follow-ups, and referrals to labour inspection.
// Every query takes the caller's scope: an object outside it is not found.
// Employers are read from the register of the employment area, never written.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "labour/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "privacy/person.hpp"
#include "store/database.hpp"

namespace yc::labour {

struct EmployerRef {
  std::int64_t id = 0;
  std::string name, credit_code, unit_code, unit_name;
};

// The latest referral of a record to labour inspection, shown on the record.
struct ReferralMark {
  std::int64_t id = 0;
  std::string state;
};

// --- 用工单位统计调查 -------------------------------------------------------
struct Survey {
  std::int64_t id = 0;
  EmployerRef employer;
  int year = 0;
  SurveyForm form;
  std::string submitted_by_name, updated_by_name;
  std::int64_t submitted_at = 0, updated_at = 0, version = 0;
};
struct SurveyLine {
  EmployerRef employer;
  std::optional<Survey> survey;  // nullopt: not surveyed this year
};
struct SurveyOverview {
  int year = 0;
  int total = 0, surveyed = 0;
  std::vector<SurveyLine> items;  // the not surveyed first, then by name
};
enum class OnlyMissing { kNo, kYes };
Result<SurveyOverview> survey_overview(store::Tx& tx, const org::Scope& scope, int year, OnlyMissing only_missing);
Result<Survey> get_survey(store::Tx& tx, const org::Scope& scope, std::int64_t id);
// One form per employer and year (409 when there is one).
Result<Survey> submit_survey(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             std::int64_t employer_id, int year, const SurveyForm& form, std::int64_t now);
Result<Survey> update_survey(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             std::int64_t id, std::int64_t version, const SurveyForm& form, std::int64_t now);

// --- 劳动争议调解 -----------------------------------------------------------
struct NewMediation {
  privacy::PersonInput worker;                // ID number, name and phone
  std::optional<std::int64_t> employer_id;    // a registered employer, or:
  std::string employer_name, employer_credit_code;
  std::string unit_code;                      // "": the employer's unit, else the caller's
  std::string claim_kind, claim;
  std::optional<std::int64_t> claim_amount_fen;
  std::string received_day;                   // "": today
  std::optional<std::int64_t> mediator_id;    // nullopt: the caller
};
struct SessionInput {
  std::string day, attendees, notes, result;
};
struct Session {
  std::int64_t id = 0;
  std::string day, attendees, notes, result, by_name;
  std::int64_t created_at = 0;
};
struct Outcome {
  std::string outcome;  // agreed | failed | withdrawn
  std::string agreement;                       // agreed: 调解协议 text
  std::optional<std::int64_t> agreed_amount_fen;
  std::string performance_due_day;             // agreed: 履行期限
  std::string note;                            // failed: 告知仲裁; withdrawn: the reason
  Extended extended = Extended::kNo;           // both parties agreed to mediate beyond the period
};
struct Mediation {
  std::int64_t id = 0;
  std::string case_no, unit_code, unit_name;
  std::string worker_name_masked, worker_id_masked, worker_phone_masked;
  std::optional<std::int64_t> employer_id;
  std::string employer_name, employer_credit_code;
  std::string claim_kind;
  std::optional<std::int64_t> claim_amount_fen;
  std::string received_day, due_day, state;
  std::int64_t mediator_id = 0;
  std::string mediator_name;
  std::optional<std::int64_t> agreed_amount_fen;
  std::string performance_due_day, outcome_note, closed_day;
  bool late = false;
  bool overdue = false;  // open past its due day (model mediation_overdue)
  int session_count = 0;
  std::optional<ReferralMark> referral;
  std::int64_t created_at = 0, version = 0;
  // Detail only: opened from the seals.
  std::string claim, agreement;
  std::vector<Session> sessions;
};
struct MediationFilter {
  std::string state;
  bool overdue_only = false;
};
Result<std::vector<Mediation>> list_mediations(store::Tx& tx, const org::Scope& scope, const MediationFilter& f,
                                               const time::Date& today);
Result<Mediation> get_mediation(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                                const time::Date& today);
// The mediator holds labour.write at the case's unit or above.
Result<Mediation> open_mediation(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                 const org::Scope& scope, std::int64_t by, const NewMediation& in, std::int64_t now);
// Sessions only on open cases, on a day from receipt to today.
Result<Mediation> add_session(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                              const org::Scope& scope, std::int64_t by, std::int64_t id, const SessionInput& in,
                              std::int64_t now);
// The one outcome (model check_outcome).
Result<Mediation> close_mediation(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                  const org::Scope& scope, std::int64_t by, std::int64_t id, const Outcome& out,
                                  std::int64_t now);
// The worker in full (to call them), audited.
Result<privacy::PersonInput> reveal_worker(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                           const org::Scope& scope, std::int64_t id);
struct Mediator {
  std::int64_t account_id = 0;
  std::string name_masked, unit_name;
};
// Who may mediate at `unit_code` (in scope): active accounts with labour.write there or above.
Result<std::vector<Mediator>> mediators(store::Tx& tx, const org::Scope& scope, const std::string& unit_code);

// --- 矛盾隐患排查 -----------------------------------------------------------
struct NewHazard {
  std::string unit_code;                   // "": the employer's unit, else the caller's
  std::optional<std::int64_t> employer_id;
  std::string employer_name;               // when not registered
  std::string kind, risk, description, measures;
  int people = 0;
  std::string found_day;                   // "": today
  std::string next_followup_day;
};
struct Followup {
  std::int64_t id = 0;
  std::string day, note, by_name;
  std::int64_t created_at = 0;
};
struct Hazard {
  std::int64_t id = 0;
  std::string unit_code, unit_name;
  std::optional<std::int64_t> employer_id;
  std::string employer_name, kind, risk, description, measures;
  int people = 0;
  std::string found_day, next_followup_day, last_followup_day, state, resolved_day, result;
  bool followup_overdue = false;  // model followup_overdue
  std::optional<ReferralMark> referral;
  std::int64_t created_at = 0, version = 0;
  std::vector<Followup> followups;  // detail only
};
struct HazardFilter {
  std::string state, risk;
  bool flagged_only = false;
};
Result<std::vector<Hazard>> list_hazards(store::Tx& tx, const org::Scope& scope, const HazardFilter& f,
                                         const time::Date& today);
Result<Hazard> get_hazard(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today);
Result<Hazard> create_hazard(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             const NewHazard& in, std::int64_t now);
// On an open hazard, a day from found to today; next_followup_day optional.
Result<Hazard> add_followup(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                            std::int64_t id, const std::string& day, const std::string& note,
                            const std::string& next_followup_day, std::int64_t now);
Result<Hazard> resolve_hazard(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              std::int64_t id, const std::string& day, const std::string& result, std::int64_t now);

// --- 移送劳动保障监察 -------------------------------------------------------
struct NewReferral {
  std::string source_kind;                 // hazard | mediation | complaint
  std::optional<std::int64_t> source_id;   // hazard, mediation
  std::string source_ref;                  // complaint: its number
  std::string unit_code;                   // complaint only ("": the caller's)
  std::string reason, referred_day;        // "": today
};
struct Referral {
  std::int64_t id = 0;
  std::string source_kind;
  std::optional<std::int64_t> source_id;
  std::string source_ref;  // the complaint number, the case number, or the hazard's employer
  std::string unit_code, unit_name, reason, referred_day, state, inspection_ref;
  std::string acknowledged_day, closed_day, result, created_by_name;
  std::int64_t created_at = 0, version = 0;
};
Result<std::vector<Referral>> list_referrals(store::Tx& tx, const org::Scope& scope, const std::string& state);
// One referral of a record under way at a time (409).
Result<Referral> refer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                       const NewReferral& in, std::int64_t now);
Result<Referral> acknowledge_referral(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t id, const std::string& day, const std::string& inspection_ref,
                                      std::int64_t now);
Result<Referral> close_referral(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                                const std::string& day, const std::string& result, std::int64_t now);

}  // namespace yc::labour
