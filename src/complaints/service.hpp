#pragma once
// 投诉举报 (issue 10, item 2; docs/api/complaints.md): intake from any channel,
// 受理 or 不予受理 within `accept_days`, assignment (never to the person
// complained about), the reply with 属实/不属实 within `reply_days` working
// days of acceptance, the call-back and 归档. The reporter's identity and the
// text are sealed; the identity opens only to complaint.reveal, audited.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "complaints/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::complaints {

struct Settings {
  int accept_days = 2;    // working days to accept or refuse
  int reply_days = 10;    // working days from acceptance to the reply
  int close_days = 5;     // working days from the reply to 回访归档
  int escalate_days = 3;  // working days more at each level above, once a step is late
};

struct Complaint {
  std::int64_t id = 0;
  std::string complaint_no, kind, category, channel, state;
  bool anonymous = true;
  std::string content;  // detail only
  std::string case_no, site_name, staff_name_masked, unit_code, unit_name;
  std::optional<int> window_number;
  std::optional<std::int64_t> staff_id, assignee_id, case_id, site_id;
  std::string assignee_name, accept_due_day, reply_due_day, reject_reason, reply;
  std::optional<bool> upheld;
  std::string callback_outcome, callback_note, received_day;
  std::int64_t created_at = 0, version = 0;
  std::optional<std::int64_t> accepted_at, replied_at, closed_at;
  std::string close_due_day;  // set at the reply
  bool overdue = false;  // past the due day of the step it waits for
  // Escalation of a late step (0: none; 1 the unit above; 2 the one above that).
  int escalation = 0;
  std::string escalated_to, escalated_to_name;
  std::optional<std::int64_t> escalated_at;
};

struct NewComplaint {
  Content content;
  std::string case_no;                  // optional link
  std::optional<std::int64_t> site_id;  // the hall or point it is about
  std::optional<int> window_number;
  std::optional<std::int64_t> staff_id; // staff intake only: the person complained about
  std::optional<std::int64_t> citizen_id;  // filed by a signed-in citizen on the portal
};
struct Created {
  Complaint complaint;
  std::string query_code;  // for the reporter's progress page; shown once
};
// by: the staff member taking it (nullopt: the reporter online). The unit
// that answers is the case's handling unit, else the site's unit, else (staff
// intake) the taker's unit.
Result<Created> submit(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                       std::optional<std::int64_t> by, const std::string& taker_unit, const NewComplaint& in,
                       std::int64_t now);

// The reporter's view by number and query code: state, due days, the reply.
Result<Complaint> public_view(store::Tx& tx, const std::string& complaint_no, const std::string& code,
                              const time::Date& today);

// A signed-in citizen's own complaints (我的投诉), newest first (≤ 100), as
// the reporter sees them (no staff names).
Result<std::vector<Complaint>> of_citizen(store::Tx& tx, std::int64_t citizen_id, const time::Date& today);

struct Filter {
  std::string state, unit_code;
};
// The caller never sees complaints about themselves.
Result<std::vector<Complaint>> list(store::Tx& tx, const org::Scope& scope, std::int64_t viewer, const Filter& f,
                                    const time::Date& today);
Result<Complaint> get(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t viewer,
                      std::int64_t id, const time::Date& today);

struct Reporter {
  std::string name, phone, id_number;
};
Result<Reporter> reveal_reporter(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                 const org::Scope& scope, std::int64_t viewer, std::int64_t id);

// assignee: nullopt = the caller.
Result<Complaint> accept(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id,
                         std::optional<std::int64_t> assignee, const std::string& category, std::int64_t now);
Result<Complaint> reject(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& reason,
                         std::int64_t now);
Result<Complaint> assign(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id, std::int64_t assignee,
                         std::int64_t now);
// Who may be 承办人 (三(四)): active accounts holding complaint.handle at the
// complaint's unit or a unit above it, whose grant lies within `scope`, never
// the person complained about; names masked, the nearest unit first. The
// same rule `accept` and `assign` check.
struct Assignee {
  std::int64_t account_id = 0;
  std::string name_masked, unit_code, unit_name;
};
Result<std::vector<Assignee>> assignees(store::Tx& tx, const org::Scope& scope, std::int64_t viewer, std::int64_t id);

// Only the assignee replies; 回访归档 falls due `close_days` working days later.
Result<Complaint> reply(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                        const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& text,
                        bool upheld, std::int64_t now);
// 回访 and 归档: reached | unreachable | declined (anonymous ones: not_applicable).
Result<Complaint> close(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                        const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& outcome,
                        const std::string& note, std::int64_t now);

// 督办 (三(四)): every open complaint past the due day of the step it waits for
// (受理, 答复, 回访归档) goes to the unit above (model next_escalation), which
// gets `escalate_days` more working days before the next level; never above
// the city. Each move is a complaint_event row and an audit entry.
struct Escalated {
  std::int64_t id = 0;
  std::string unit_code;  // the unit told now
};
Result<std::vector<Escalated>> sweep(store::Tx& tx, const audit::Actor& actor, const Settings& s,
                                     const time::Date& today, std::int64_t now);

}  // namespace yc::complaints
