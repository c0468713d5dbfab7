#pragma once
// One-window case handling (issue 6): consultations (首问负责), intake with
// the material checklist, the one-time notice (一次性告知), acceptance or
// refusal, the back-office chain (后台分类审批) with separation of duties,
// 全城通办 routing, delivery (出件), follow-up (回访) and the clock
// (限时办结) with warnings, escalation and the accountability report
// (责任追究). Each use case is one transaction with its audit entry and its
// line on the case's timeline.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.hpp"
#include "cases/model.hpp"
#include "catalog/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::cases {

class ItemCache;  // parsed catalog versions (immutable once published)

struct Policy {
  int recheck_sample_percent = 5;     // 复核 drawn for this share of reviewed cases
  int followup_days = 3;              // 回访 due this many working days after delivery
  std::int64_t max_file_bytes = 4 << 20;
  std::string files_dir = "var/files";  // encrypted scans, named by digest
};

// The case a citizen may see: by its number and the token in the receipt's
// QR code, or by its number and the applicant's full ID number. kNotFound
// otherwise, with the same message either way.
Result<std::int64_t> citizen_case(store::Tx& tx, const privacy::KeyRing& keys, const std::string& case_no,
                                  const std::string& token, const std::string& id_number);

// A citizen's own cases (issue 11, "My services"): those whose applicant's
// ID number or credit code has this lookup hash, newest first.
struct CitizenCase {
  std::string case_no, item_code, item_name, channel, status, outcome;
  std::string intake_unit_name;
  std::optional<std::string> accepted_day, due_day;
  std::optional<std::int64_t> completed_at, delivered_at;
  std::int64_t created_at = 0;
  std::string progress_token;  // opens the progress page and its ratings, as the receipt's QR code does
};
Result<std::vector<CitizenCase>> cases_of_applicant(store::Tx& tx, const std::string& id_hash, int limit);

// Who acts: the account and its audit identity.
struct Who {
  std::int64_t account = 0;
  audit::Actor actor;
};

// A citizen or employer signed in on the portal (identity::CitizenPrincipal).
struct Applicant {
  std::int64_t citizen_id = 0;
  std::string kind;     // person | employer
  std::string id_hash;  // finds their cases
  audit::Actor actor;
};

// --- Consultations (首问负责, issue 6 item 1) ------------------------------------------
struct ConsultInput {
  std::string channel = "hall";  // hall | phone | web
  std::optional<std::int64_t> site_id;
  std::string item_code, question, answer, contact_name, contact_phone;
};
struct Consultation {
  std::int64_t id = 0;
  std::string channel, unit_code, item_code, item_name, question, answer;
  std::optional<std::int64_t> site_id, case_id;
  std::string contact_name_masked, contact_phone_masked;
  std::int64_t first_clerk_id = 0, owner_id = 0;
  std::string first_clerk_login, owner_login;
  std::int64_t created_at = 0, version = 1;
  struct Handover {
    std::string from_login, to_login, reason;
    std::int64_t at = 0;
  };
  std::vector<Handover> handovers;
};

// --- Cases -------------------------------------------------------------------------------
struct Party {
  std::string kind;  // applicant: person | employer; agent: agent (代办) | proxy (全程代理)
  std::string id_number, name, phone;
};
struct IntakeInput {
  std::string item_code;
  std::int64_t site_id = 0;
  std::optional<int> window_number;
  std::string channel = "window";  // window | online | paper
  std::string ticket;
  Party applicant;
  std::optional<Party> agent;
  std::optional<std::int64_t> consultation_id;
  // Back-entry after a paper fallback (应急处理): the time on the paper form.
  std::optional<std::int64_t> original_time;
};

struct Case {
  std::int64_t id = 0, version = 1;
  std::string case_no, item_code, item_name;
  std::int64_t item_version_id = 0;
  std::string channel, status, outcome;
  std::string intake_unit_code, intake_path, handling_unit_code, handling_path;
  std::optional<std::int64_t> site_id;
  std::optional<int> window_number;
  std::string ticket;
  std::optional<std::int64_t> consultation_id;
  std::string applicant_kind, applicant_id_masked, applicant_name_masked, applicant_phone_masked;
  std::string agent_kind, agent_name_masked, agent_id_masked, agent_phone_masked;
  std::int64_t intake_by = 0;
  std::optional<std::int64_t> accepted_by, entered_by;
  int promised_days = 0;
  bool correction_suspends = false, recheck_sampled = false;
  std::vector<std::string> chain;
  std::optional<std::string> accepted_day, due_day, warn_day, suspended_since;
  int suspended_days = 0;
  std::optional<std::int64_t> accepted_at, completed_at, delivered_at, warned_at, overdue_at;
  std::string reject_reason, reject_basis;
  std::int64_t created_at = 0, recorded_at = 0, updated_at = 0;
  std::string progress_token;  // only for the receipt's QR code
  std::string intake_unit_name, handling_unit_name;
};

struct Notice {
  std::int64_t id = 0;
  int number = 0;
  std::string notice_no, note, issued_by_login;
  struct Line {
    int idx = 0;
    std::string name, state, reason;
  };
  std::vector<Line> lines;
  std::int64_t issued_at = 0;
};

struct Task {
  std::int64_t id = 0, case_id = 0, version = 1;
  std::string step, unit_code, unit_name, state, action, opinion;
  std::optional<std::int64_t> assignee_id, acted_by, acted_at;
  std::string assignee_login, acted_login;
  std::int64_t created_at = 0;
};

struct Event {
  std::int64_t id = 0;
  std::string kind, step, actor_login, unit_code, note;
  std::optional<int> window_number;
  bool is_public = false;
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_id;
  std::string unit_name;
};

struct FileMeta {
  std::int64_t id = 0;
  std::optional<int> material_idx;
  std::string purpose, content_type, digest;
  std::int64_t size = 0, created_at = 0;
  bool by_applicant = false;  // uploaded by the applicant online
};

// What the applicant declared with an online application (网上办).
struct OnlineInfo {
  std::string delivery;        // window | mail | online | bank
  std::string address_masked;  // for mail
  std::int64_t declared_at = 0;
  std::string note;
};

struct Delivery {
  std::string method, receiver_name_masked, receiver_id_masked, tracking_no, note;
  bool identity_checked = false;
  std::optional<int> window_number;
  std::string delivered_by_login;
  std::int64_t delivered_at = 0;
};

struct Followup {
  std::string due_day, state, outcome, note, done_by_login;
  std::optional<std::int64_t> done_at;
};

struct Detail {
  Case c;
  std::string clock;  // on_time | warning | overdue | suspended | none
  std::vector<Material> materials;
  std::vector<FileMeta> files;
  std::vector<Notice> notices;
  std::vector<int> additions;  // materials the hall manager allowed onto a later notice
  std::vector<Task> tasks;
  std::vector<Event> events;
  std::vector<Delivery> deliveries;
  std::optional<Followup> followup;
  std::vector<std::string> delivery_methods;  // the item's ways of delivery (window | mail | online | bank)
  std::optional<OnlineInfo> online;           // an online application's declaration
};

struct CaseFilter {
  std::string status;   // one status, or "" for all
  std::string channel;  // window | online | paper, or "" for all
  std::string q;        // case number prefix, or a full ID number / credit code (exact, by hash)
  std::string clock;    // warning | overdue: open cases by clock state
  bool mine = false;    // taken by me
  std::string today;    // Beijing day for the clock filters ("" = now)
  int limit = 100;
};

// Which side of a case a caller sees: the hall where it was taken
// (intake_path) and the back office that handles it (handling_path).
struct View {
  org::Scope intake, handling;
};

class Service {
 public:
  Service(const privacy::KeyRing& keys, Policy policy);
  const Policy& policy() const { return policy_; }

  // Consultations; `scope` is case.consult's.
  Result<Consultation> consult(store::Tx& tx, const Who& who, const org::Scope& scope, const ConsultInput& in);
  Result<std::vector<Consultation>> consultations(store::Tx& tx, const Who& who, const org::Scope& scope,
                                                  bool mine, int limit);
  // The owner hands the consultation to a colleague (recorded).
  Result<Consultation> hand_over(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                 const std::string& to_login, const std::string& reason);

  // Intake (case.intake at the hall's unit).
  Result<Detail> open_case(store::Tx& tx, const Who& who, const org::Scope& scope, const IntakeInput& in,
                           std::int64_t now);
  Result<Detail> get(store::Tx& tx, const View& view, std::int64_t id, const std::string& today);
  Result<std::vector<Case>> list(store::Tx& tx, const Who& who, const View& view, const CaseFilter& f);
  Result<Material> judge(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, int idx,
                         const std::string& state, const std::string& form, const std::string& reason);
  // Stores the bytes (checked by content: JPEG, PNG or PDF) encrypted under
  // files_dir before the row commits. material_idx empty: the agent's
  // authorization. declared_type (the request's Content-Type) must match the content.
  Result<FileMeta> attach(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                          std::optional<int> material_idx, std::string_view bytes,
                          std::string_view declared_type = {});
  // The plain bytes of a file of a case the caller sees (audited).
  Result<std::pair<FileMeta, std::string>> read_file(store::Tx& tx, const Who& who, const View& view,
                                                     std::int64_t id, std::int64_t file_id);
  Result<Notice> issue_notice(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                              const std::string& note);
  // The citizen came back with the materials (补正): the same case resumes.
  Result<Detail> resume(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id);
  // The hall manager's recorded reason for asking a material not told before.
  Result<void> allow_addition(store::Tx& tx, const Who& who, const org::Scope& hall_scope, std::int64_t id,
                              int idx, const std::string& reason);
  // Routes the case to another back office (全城通办) before acceptance.
  Result<Detail> route(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                       const std::string& unit_code, const std::string& reason);
  Result<Detail> accept(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                        std::int64_t now, int roll);
  Result<Detail> reject(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                        const std::string& reason, const std::string& basis);

  // Back office: the open tasks of a step in the caller's scope for it.
  Result<std::vector<std::pair<Task, Case>>> queue(store::Tx& tx, const std::string& step,
                                                   const org::Scope& scope, bool mine, std::int64_t account);
  Result<Task> claim(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t task_id);
  // approve | refuse | return | transfer (to_unit), with the opinion.
  Result<Detail> act(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t task_id,
                     const std::string& action, const std::string& opinion, const std::string& to_unit,
                     std::int64_t now);
  // The window brings the correction the back office asked for.
  Result<Detail> correct(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                         const std::string& note, std::int64_t now);

  struct DeliverInput {
    std::string method;  // window | mail | online | bank
    std::string receiver_name, receiver_id_number, tracking_no, note;
    std::optional<int> window_number;
  };
  Result<Detail> deliver(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                         const DeliverInput& in, std::int64_t now);
  Result<Detail> follow_up(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                           const std::string& outcome, const std::string& note, std::int64_t now);

  // The clock: raises the 80% warning and escalates overdue cases to the
  // hall manager, recording the step and person behind each (责任追究).
  struct SweepResult {
    int warned = 0, overdue = 0;
    // Per unit (the hall's street and the handling unit, and their
    // districts): how many cases were just warned and escalated, so the hall
    // manager's board hears of it at once (topic "cases.<unit code>").
    std::map<std::string, std::pair<int, int>> by_unit;
  };
  Result<SweepResult> sweep(store::Tx& tx, std::int64_t now);

  struct OverdueRow {
    Case c;
    std::string step, unit_code, unit_name, person_login, person_name_masked;
    std::string due_day;
    std::int64_t recorded_at = 0;
  };
  Result<std::vector<OverdueRow>> accountability(store::Tx& tx, const org::Scope& scope, const std::string& from,
                                                 const std::string& to);

  // The citizen's view: steps, dates and windows, no staff names.
  struct Progress {
    std::string case_no, item_name, status, outcome, clock;
    std::optional<std::string> accepted_day, due_day;
    std::vector<Event> steps;
  };
  Result<Progress> progress(store::Tx& tx, const std::string& case_no, const std::string& token,
                            const std::string& id_number, const std::string& today);

  // --- Online application (网上办, issue 11 item 3; online.cpp) ----------------------------
  // The form of an item offered online (网上/掌上), for this applicant.
  struct ApplyForm {
    std::int64_t version_id = 0;
    std::shared_ptr<const catalog::Item> item;
    struct Site {
      std::int64_t id = 0;
      std::string name, kind, address, unit_name, district_name;
    };
    std::vector<Site> sites;
    std::string declaration;  // the promise the applicant accepts (承诺)
  };
  Result<ApplyForm> apply_form(store::Tx& tx, const Applicant& who, const std::string& item_code, std::int64_t now);

  // An upload waiting to be named in an application or a correction.
  struct Upload {
    std::int64_t id = 0;
    std::string content_type;
    std::int64_t size = 0, created_at = 0;
  };
  Result<Upload> upload(store::Tx& tx, const Applicant& who, std::string_view bytes, std::string_view declared_type,
                        std::int64_t now);
  Result<void> drop_upload(store::Tx& tx, const Applicant& who, std::int64_t upload_id, std::int64_t now);
  // Deletes unused uploads older than a day (or dropped an hour ago); returns
  // the digests whose files may now be unreferenced (see remove_orphan_files).
  Result<std::vector<std::string>> purge_uploads(store::Tx& tx, std::int64_t now);
  // Unlinks the files of these digests that nothing names any more and
  // that were not written in the last hour (a concurrent upload of the same
  // content touches its file first).
  Result<int> remove_orphan_files(store::Database& db, const std::vector<std::string>& digests, std::int64_t now);

  struct MaterialFiles {
    int idx = 0;
    std::vector<std::int64_t> uploads;
  };
  struct OnlineInput {
    std::string item_code;
    std::int64_t site_id = 0;
    std::string phone, delivery, address, note;
    bool declaration = false;
    std::vector<MaterialFiles> materials;
  };
  Result<Detail> submit_online(store::Tx& tx, const Applicant& who, const OnlineInput& in, std::int64_t now);
  // The full name, phone and address to post the result to (an online
  // application with delivery mail, decided): for the clerk who posts it;
  // audited (case.mailing.read).
  struct Mailing {
    std::string name, phone, address;
  };
  Result<Mailing> mailing(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id);
  // The case of this number if the applicant is the signed-in citizen; 404 otherwise.
  Result<Detail> applicant_case(store::Tx& tx, const Applicant& who, const std::string& case_no, std::int64_t now);
  // The applicant answers a one-time notice (status notified: back to intake)
  // or a reviewer's return (status returned: back to the step, the clock resumes).
  Result<Detail> correct_online(store::Tx& tx, const Applicant& who, const std::string& case_no,
                                const std::string& note, const std::vector<MaterialFiles>& materials, std::int64_t now);

 private:
  // The first clerk acting on an online case takes it (becomes intake_by).
  Result<void> take(store::Tx& tx, const Who& who, Case& c, std::int64_t now);
  Result<Detail> resume_case(store::Tx& tx, const Who& who, Case c, const std::string& note, std::int64_t now);
  Result<Detail> correct_case(store::Tx& tx, const Who& who, Case c, const std::string& note, std::int64_t now);
  Result<void> attach_uploads(store::Tx& tx, const Applicant& who, const Case& c,
                              const std::vector<MaterialFiles>& materials, std::int64_t now);

  const privacy::KeyRing& keys_;
  Policy policy_;
  std::shared_ptr<ItemCache> items_;
};

}  // namespace yc::cases
