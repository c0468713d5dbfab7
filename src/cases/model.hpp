#pragma once
// The rules of one-window case handling (issue 6), pure code without I/O:
// the states a case moves through, the back-office chain an item defines,
// the material checks behind acceptance and the one-time notice, separation
// of duties, and the clock of the time limit. Policy: 三(四) 前台综合受理、
// 后台分类审批、综合窗口出件; 三(七) 初审/复审/审批, 复核 for important
// business, incompatible duties, high-risk posts; 三(八) 首问负责、全程代理、
// 一次性告知、限时办结、责任追究.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model.hpp"
#include "catalog/model.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::cases {

// intake     at the window, materials being checked
// notified   a one-time notice was issued; waiting for the citizen's return (补正)
// rejected   不予受理 (final)
// review     accepted, in the back office
// returned   the back office asked for a correction; the window resumes it
// ready      decided (approved or refused), waiting for delivery (出件)
// delivered  handed over; a follow-up (回访) is open
// closed     followed up (final)
inline constexpr std::string_view kStatuses[] = {"intake", "notified", "rejected", "review",
                                                 "returned", "ready", "delivered", "closed"};
bool valid_status(std::string_view s);
std::string_view status_label(std::string_view status);  // Chinese

// Back-office steps in the order they run (三(七) 初审、复审、审批, 复核).
inline constexpr std::string_view kSteps[] = {"review_first", "review_second", "approve", "recheck"};
bool is_back_office_step(std::string_view step);
std::string_view step_label(std::string_view step);         // 初审 ...
std::string_view step_permission(std::string_view step);    // case.review.first ...

// The item's back-office chain: its review steps in the catalog's order,
// plus 复核 at the end when the item has none and the case was drawn for
// the random sample. Empty: the window completes it (即办件).
std::vector<std::string> chain_of(const catalog::Item& item, bool sampled);
// Whether a case of this item is drawn for 复核 (`roll` uniform in [0,100)).
bool drawn_for_recheck(const catalog::Item& item, int sample_percent, int roll);

// --- Materials (issue 6, item 2) ----------------------------------------------
// pending: not judged yet; received (with the form seen); exempt: shared
// data replaces it (or the clerk exempts it with a reason); missing;
// defective (with why); not_applicable: a conditional material that does
// not apply to this applicant.
inline constexpr std::string_view kMaterialStates[] = {"pending", "received", "exempt", "missing",
                                                       "defective", "not_applicable"};
struct Material {
  int idx = 0;
  std::string name;
  bool required = true;
  std::string condition, expected_form;
  bool shared = false;
  std::string state = "pending", received_form, reason;
  int files = 0;
};
std::vector<Material> materials_of(const catalog::Item& item);
// 收到原件 / 共享免提交 / 缺少 ...: for timelines and papers.
std::string material_state_label(std::string_view state, std::string_view form);

// Checks one judgement: the state is known; received names a form;
// missing and defective say why (the notice prints it); not_applicable only
// for a conditional material; exempt only for shared data or with a reason.
Result<void> check_judgement(const Material& m, std::string_view state, std::string_view form,
                             std::string_view reason);

// Acceptance needs every material judged and none missing or defective;
// the error names the first one ("materials[2]").
Result<void> check_acceptable(const std::vector<Material>& materials);
// The materials a notice lists: every missing or defective one.
std::vector<const Material*> notice_list(const std::vector<Material>& materials);

// 一次性告知 (三(八)): once a notice was issued, a material it did not list
// may be found missing or defective only with the hall manager's recorded
// reason. `told` holds the idx of every material on an earlier notice,
// `allowed` those the hall manager added.
Result<void> check_notice_growth(int idx, std::string_view new_state, const std::set<int>& told,
                                 const std::set<int>& allowed, bool notice_issued);

// --- Separation of duties (三(七)) ----------------------------------------------
struct DoneStep {
  std::string step;
  std::int64_t actor = 0;
};
// One person never holds two different steps of one case; the clerk who
// took or accepted it never reviews, approves or rechecks it; a high-risk
// item's back-office steps only by formal staff (编制内).
Result<void> check_separation(std::string_view step, std::int64_t actor, std::int64_t intake_by,
                              std::optional<std::int64_t> accepted_by, const std::vector<DoneStep>& done,
                              bool high_risk, bool formal_staff);

// --- Actions on a back-office step ------------------------------------------------
// comment: an opinion on the record; the step stays open.
inline constexpr std::string_view kActions[] = {"approve", "refuse", "return", "transfer", "comment"};
bool valid_action(std::string_view action);

// --- The clock (限时办结, 三(八)) ---------------------------------------------------
struct Clock {
  time::Date accepted, due, warn;
};
// Due: `promised_days` working days after the day of acceptance (the day
// itself does not count). Warning: when 80% of them have passed.
Clock clock_for(const time::Date& accepted, int promised_days, const calendar::Exceptions& ex);
// After a suspension of `working_days`, both dates move on by as many.
Clock extend(const Clock& c, int working_days, const calendar::Exceptions& ex);

// on_time | warning | overdue | suspended | none (no clock: not accepted,
// or finished). Finished cases report whether they finished late.
std::string_view clock_state(std::string_view status, const std::optional<std::string>& due_day,
                             const std::optional<std::string>& warn_day, bool suspended,
                             const std::string& today);

// --- Numbers -------------------------------------------------------------------------
// '20250124-000001': the Beijing day and the day's sequence, city-wide.
std::string case_number(const time::Date& day, std::int64_t seq);
// 'GZ20250124-000001-1': the case's n-th one-time notice.
std::string notice_number(std::string_view case_no, int n);

}  // namespace yc::cases
