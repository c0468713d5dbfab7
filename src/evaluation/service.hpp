#pragma once
// 好差评 and rectification (issue 10, item 1; docs/api/evaluation.md): a
// ticket served at a window is rated on the window's pad; a case is rated at
// each step the citizen sees, from the web, the phone, a kiosk or the link on
// the receipt; once per channel. 不满意 or worse opens a rectification for the
// responsible unit, due in working days; the unit calls the rater back and
// records what it did, which the citizen sees; the sweep sends unanswered
// ones to the unit above. Every write is one transaction with its audit entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "evaluation/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::evaluation {

struct Settings {
  int rectify_days = 5;   // working days to answer a bad rating (cities use 5 to 15)
  int escalate_days = 3;  // working days more at each level above
  int appeal_days = 5;    // working days after the rating for the unit's 申诉
};

struct RatingInput {
  Rating rating;
  std::string channel;
  std::string contact;  // optional phone for the call-back (a case uses the applicant's)
};

struct Evaluation {
  std::int64_t id = 0, target_id = 0;
  std::string target_kind, stage, channel;
  int level = 0;
  std::vector<std::string> reasons;
  std::string comment;  // opened only for those who handle it; "" in lists
  bool has_comment = false;
  std::string contact_masked, unit_code, unit_name, site_name, staff_name_masked, item_code, item_name, day;
  std::optional<int> window_number;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> rectification_id;
  bool excluded = false;  // 申诉成立: no longer counted in any figure
};

// 申诉复核 of a bad rating (四(三); 国办发〔2019〕51号 practice): the responsible
// unit appeals, a reviewer at the unit above decides.
struct Appeal {
  std::int64_t id = 0, rectification_id = 0, evaluation_id = 0;
  std::string unit_code, unit_name, review_unit_code, review_unit_name;
  std::string reason, explanation, state;  // state: pending | upheld | rejected
  std::int64_t appealed_by = 0, appealed_at = 0, version = 0;
  std::string appellant_name;              // masked
  std::optional<std::int64_t> reviewed_by, reviewed_at;
  std::string reviewer_name, review_note;  // masked name
  Evaluation evaluation;                   // lists and the detail (comment in the detail only)
};

struct Rectification {
  std::int64_t id = 0, evaluation_id = 0;
  std::string unit_code, unit_name, state, due_day;
  int escalation = 0;
  std::string escalated_to, escalated_to_name;
  std::string callback_outcome, callback_note, result;
  std::optional<std::int64_t> callback_at, closed_at, escalated_at;
  std::int64_t created_at = 0, version = 0;
  Evaluation evaluation;
  std::string appeal_state;             // "" | pending | upheld | rejected
  std::optional<Appeal> appeal;         // the detail only
  std::string appeal_due_day;           // the detail only: the last day to appeal
};

// --- Raters ---------------------------------------------------------------------------------
// The ticket the window's pad offers for rating: the last one finished there
// in the last 30 minutes and not yet rated on the pad.
struct PadTicket {
  std::int64_t ticket_id = 0;
  std::string label, group_name, clerk_name_masked, badge;
  std::int64_t finished_at = 0;
};
Result<std::optional<PadTicket>> pad_ticket(store::Tx& tx, std::int64_t window_id, std::int64_t now);
Result<Evaluation> rate_ticket(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, std::int64_t window_id,
                               std::int64_t ticket_id, const RatingInput& in, std::int64_t now);

// The steps of a case the citizen can rate, reached or not, and their ratings.
struct CaseStage {
  std::string stage;
  bool reached = false;
  std::vector<std::string> rated_channels;
};
struct CitizenView {
  std::vector<CaseStage> stages;
  std::vector<Rectification> ratings;  // each rating; rectification fields empty for a good one
};
Result<CitizenView> citizen_view(store::Tx& tx, std::int64_t case_id);
Result<Evaluation> rate_case(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, std::int64_t case_id,
                             const std::string& stage, const RatingInput& in, std::int64_t now);

// --- Staff ----------------------------------------------------------------------------------
struct Filter {
  std::string unit_code;          // "" = the whole scope
  std::optional<time::Date> from, to;
  std::optional<int> max_level;   // 2: the bad ones
  std::string channel;
};
struct Summary {
  int total = 0;
  int by_level[6] = {0, 0, 0, 0, 0, 0};  // index = level
  double good_rate() const;               // (满意 + 非常满意 + 基本满意) / total; 0 when none
};
struct Listing {
  std::vector<Evaluation> items;  // newest first, at most 500
  Summary summary;
};
Result<Listing> list(store::Tx& tx, const org::Scope& scope, const Filter& f);

Result<std::vector<Rectification>> list_rectifications(store::Tx& tx, const org::Scope& scope, const std::string& state);
// With the rating's comment opened (it is what must be fixed).
Result<Rectification> get_rectification(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope,
                                        std::int64_t id);
// The rater's full phone for the call-back; audited by the caller's route.
Result<std::string> reveal_contact(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                   const org::Scope& scope, std::int64_t id);
// 回访: reached | unreachable | declined, with a note.
Result<Rectification> call_back(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& outcome,
                                const std::string& note, std::int64_t now);
// Closes with the result the citizen will see; a rating with a contact
// needs its call-back first (every named bad rating is called back).
Result<Rectification> close(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                            const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& result,
                            std::int64_t version, std::int64_t now);

// --- 申诉复核 ---------------------------------------------------------------------------------
// The unit that must fix a bad rating (evaluation.rectify over it) appeals it
// within `appeal_days` working days of the rating, once: reason mistaken
// (误评) | malicious (恶意差评) | not_ours (非本单位职责) | other (其他), with an
// explanation of 10..1000 characters. The unit above reviews it.
Result<Rectification> appeal(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                             const org::Scope& scope, std::int64_t by, std::int64_t rectification_id,
                             const std::string& reason, const std::string& explanation, std::int64_t now);
// The last day the rectification's rating may be appealed.
Result<std::string> appeal_due_day(store::Tx& tx, const Settings& s, const Rectification& x);
// The appeals a reviewer may decide: those whose reviewing unit lies in
// `scope` (evaluation.review); state "" = all, else pending | upheld | rejected.
Result<std::vector<Appeal>> list_appeals(store::Tx& tx, const org::Scope& scope, const std::string& state);
Result<Appeal> get_appeal(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id);
// uphold: the rating is excluded from the figures (negative counters on its
// day and unit, in this transaction) and its rectification closes as 申诉成立;
// reject: the rectification goes on and no second appeal is possible. The
// appellant never reviews their own appeal (403).
enum class Decision { kUphold, kReject };
Result<Appeal> review(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t by, std::int64_t id, Decision decision, const std::string& note,
                      std::int64_t version, std::int64_t now);

// Open rectifications past their due day go up one unit (model
// next_escalation) with a new due day; returns how many moved. One with an
// appeal under review waits for the decision.
struct Escalated {
  std::int64_t id = 0;
  std::string unit_code;  // the unit told now
};
Result<std::vector<Escalated>> sweep(store::Tx& tx, const audit::Actor& actor, const Settings& s,
                                     const time::Date& today, std::int64_t now);

}  // namespace yc::evaluation
