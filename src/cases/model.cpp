#include "cases/model.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "platform/text.hpp"

namespace yc::cases {
namespace {

template <std::size_t N>
bool in(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

Unexpected bad(std::string field, std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace

bool valid_status(std::string_view s) { return in(kStatuses, s); }

std::string_view status_label(std::string_view s) {
  if (s == "intake") return "受理中";
  if (s == "notified") return "待补正材料";
  if (s == "rejected") return "不予受理";
  if (s == "review") return "审核中";
  if (s == "returned") return "退回补正";
  if (s == "ready") return "已办结待出件";
  if (s == "delivered") return "已出件";
  if (s == "closed") return "已回访归档";
  return s;
}

bool is_back_office_step(std::string_view step) { return in(kSteps, step); }

std::string_view step_label(std::string_view step) {
  if (step == "review_first") return "初审";
  if (step == "review_second") return "复审";
  if (step == "approve") return "审批";
  if (step == "recheck") return "复核";
  if (step == "intake") return "受理";
  if (step == "deliver") return "出件";
  return step;
}

std::string_view step_permission(std::string_view step) {
  if (step == "review_first") return "case.review.first";
  if (step == "review_second") return "case.review.second";
  if (step == "approve") return "case.approve";
  if (step == "recheck") return "case.recheck";
  return "";
}

std::vector<std::string> chain_of(const catalog::Item& item, bool sampled) {
  std::vector<std::string> chain;
  for (const auto& s : item.process)
    if (is_back_office_step(s.step) && std::find(chain.begin(), chain.end(), s.step) == chain.end())
      chain.push_back(s.step);
  // 复核 comes last, whatever order the document lists it in.
  std::stable_partition(chain.begin(), chain.end(), [](const std::string& s) { return s != "recheck"; });
  const bool has_recheck = !chain.empty() && chain.back() == "recheck";
  if (sampled && !chain.empty() && !has_recheck) chain.emplace_back("recheck");
  return chain;
}

bool drawn_for_recheck(const catalog::Item& item, int sample_percent, int roll) {
  // Only cases that are reviewed at all can be rechecked; an item that
  // already has 复核 in its chain is always rechecked.
  const auto chain = chain_of(item, false);
  if (chain.empty() || chain.back() == "recheck") return false;
  return roll < std::clamp(sample_percent, 0, 100);
}

std::vector<Material> materials_of(const catalog::Item& item) {
  std::vector<Material> out;
  int idx = 0;
  for (const auto& m : item.materials) {
    Material c;
    c.idx = idx++;
    c.name = m.name;
    c.required = m.required;
    c.condition = m.condition;
    c.expected_form = m.form;
    c.shared = m.shared;
    // Shared data (免提交) needs nothing from the applicant.
    if (m.shared) c.state = "exempt";
    out.push_back(std::move(c));
  }
  return out;
}

std::string material_state_label(std::string_view state, std::string_view form) {
  if (state == "received") return "收到" + std::string(catalog::label("material_form", form));
  if (state == "exempt") return "免提交";
  if (state == "missing") return "缺少";
  if (state == "defective") return "有误";
  if (state == "not_applicable") return "不适用";
  return "待核验";
}

Result<void> check_judgement(const Material& m, std::string_view state, std::string_view form,
                             std::string_view reason) {
  if (!in(kMaterialStates, state) || state == "pending")
    return bad("state", "state 应为 received、exempt、missing、defective 或 not_applicable");
  if (utf8_length(reason) > 200) return bad("reason", "原因不超过 200 字");
  if (state == "received") {
    if (form != "original" && form != "copy" && form != "original_and_copy" && form != "electronic")
      return bad("form", "请选择收到的是原件、复印件、原件及复印件还是电子材料");
  }
  if ((state == "missing" || state == "defective") && reason.empty())
    return bad("reason", state == "missing" ? "请写明缺少的原因或要求,一次性告知书将列明" : "请写明材料的问题,一次性告知书将列明");
  if (state == "not_applicable" && m.required)
    return bad("state", fmt::format("「{}」是必需材料,不能标为不适用", m.name));
  if (state == "exempt" && !m.shared && reason.empty())
    return bad("reason", "非共享材料免提交须写明依据");
  return {};
}

Result<void> check_acceptable(const std::vector<Material>& materials) {
  for (const auto& m : materials) {
    const auto field = fmt::format("materials[{}]", m.idx);
    if (m.state == "pending")
      return fail(ErrorCode::kUnprocessable, fmt::format("「{}」尚未核验", m.name), field);
    if (m.state == "missing" || m.state == "defective")
      return fail(ErrorCode::kUnprocessable,
                  fmt::format("「{}」{},请出具一次性告知书或不予受理", m.name,
                              m.state == "missing" ? "缺少" : "有误"),
                  field);
  }
  return {};
}

std::vector<const Material*> notice_list(const std::vector<Material>& materials) {
  std::vector<const Material*> out;
  for (const auto& m : materials)
    if (m.state == "missing" || m.state == "defective") out.push_back(&m);
  return out;
}

Result<void> check_notice_growth(int idx, std::string_view new_state, const std::set<int>& told,
                                 const std::set<int>& allowed, bool notice_issued) {
  if (!notice_issued || (new_state != "missing" && new_state != "defective")) return {};
  if (told.contains(idx) || allowed.contains(idx)) return {};
  return fail(ErrorCode::kUnprocessable,
              "一次性告知书未列出此材料,不得再要求补充;确需补充的,须由大厅负责人登记理由",
              fmt::format("materials[{}]", idx));
}

Result<void> check_separation(std::string_view step, std::int64_t actor, std::int64_t intake_by,
                              std::optional<std::int64_t> accepted_by, const std::vector<DoneStep>& done,
                              bool high_risk, bool formal_staff) {
  if (actor == intake_by || (accepted_by && actor == *accepted_by))
    return fail(ErrorCode::kForbidden, "受理本件的窗口人员不得审核、审批或复核本件(岗位不相容)", "step");
  for (const auto& d : done)
    if (d.actor == actor && d.step != step)
      return fail(ErrorCode::kForbidden,
                  fmt::format("您已办理本件的{}环节,同一人不得承担同一件的两个环节(岗位不相容)", step_label(d.step)),
                  "step");
  if (high_risk && !formal_staff)
    return fail(ErrorCode::kForbidden, "待遇发放、费率核定等高风险事项须由编制内人员办理", "step");
  return {};
}

bool valid_action(std::string_view action) { return in(kActions, action); }

Clock clock_for(const time::Date& accepted, int promised_days, const calendar::Exceptions& ex) {
  Clock c;
  c.accepted = accepted;
  c.due = calendar::add_working_days(accepted, promised_days, ex, false);
  // 80% of the promised days, rounded down: the warning day of a 5-day
  // promise is the 4th working day; of a 1-day promise, the day itself.
  c.warn = calendar::add_working_days(accepted, promised_days * 8 / 10, ex, false);
  return c;
}

Clock extend(const Clock& c, int working_days, const calendar::Exceptions& ex) {
  if (working_days <= 0) return c;
  Clock out = c;
  out.due = calendar::add_working_days(c.due, working_days, ex, false);
  out.warn = calendar::add_working_days(c.warn, working_days, ex, false);
  return out;
}

std::string_view clock_state(std::string_view status, const std::optional<std::string>& due_day,
                             const std::optional<std::string>& warn_day, bool suspended,
                             const std::string& today) {
  if (!due_day || status == "intake" || status == "notified" || status == "rejected") return "none";
  if (status == "ready" || status == "delivered" || status == "closed") return "none";
  if (suspended) return "suspended";
  // ISO dates compare as text.
  if (today > *due_day) return "overdue";
  if (warn_day && today >= *warn_day) return "warning";
  return "on_time";
}

std::string case_number(const time::Date& day, std::int64_t seq) {
  return fmt::format("{:04}{:02}{:02}-{:06}", day.year, day.month, day.day, seq);
}

std::string notice_number(std::string_view case_no, int n) { return fmt::format("GZ{}-{}", case_no, n); }

}  // namespace yc::cases
