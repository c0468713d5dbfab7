#include "evaluation/model.hpp"

#include <algorithm>
#include <set>

#include "platform/text.hpp"

namespace yc::evaluation {

std::string_view level_name(int level) {
  switch (level) {
    case 5: return "非常满意";
    case 4: return "满意";
    case 3: return "基本满意";
    case 2: return "不满意";
    case 1: return "非常不满意";
    default: return "";
  }
}

namespace {
struct Named {
  std::string_view code, name;
};
constexpr Named kChannels[] = {
    {"pad", "窗口评价器"}, {"kiosk", "自助终端"}, {"web", "网上"}, {"mobile", "掌上"}, {"receipt", "回执二维码"}};
constexpr Named kStages[] = {{"served", "窗口服务"}, {"accepted", "受理"}, {"completed", "办结"}, {"delivered", "出件"}};

std::string_view name_in(const auto& table, std::string_view code) {
  for (const auto& n : table)
    if (n.code == code) return n.name;
  return "";
}
}  // namespace

bool valid_channel(std::string_view channel) { return !name_in(kChannels, channel).empty(); }
std::string_view channel_name(std::string_view channel) { return name_in(kChannels, channel); }

bool valid_stage(std::string_view target_kind, std::string_view stage) {
  if (target_kind == "ticket") return stage == "served";
  if (target_kind == "case") return stage == "accepted" || stage == "completed" || stage == "delivered";
  return false;
}
std::string_view stage_name(std::string_view stage) { return name_in(kStages, stage); }

const std::vector<Reason>& reasons() {
  // The tags of national practice (research/practice.md), both ways.
  static const std::vector<Reason> kReasons = {
      {"one_time_notice", "一次性告知需要补正的材料", false},
      {"on_time", "在承诺的时间内办结", false},
      {"guide_accurate", "办事指南指引准确", false},
      {"attitude_good", "服务热情周到", false},
      {"efficient", "办理快捷", false},
      {"not_one_time", "没有一次性告知，多次补材料", true},
      {"late", "超过承诺时间未办结", true},
      {"guide_wrong", "办事指南与实际不符", true},
      {"attitude_bad", "服务态度不好", true},
      {"waiting_long", "等候时间太长", true},
      {"runs_many", "跑了多次才办成", true},
      {"other", "其他", true},
  };
  return kReasons;
}

Result<void> validate(const Rating& r) {
  if (r.level < kLevelMin || r.level > kLevelMax)
    return fail(ErrorCode::kInvalidArgument, "请选择评价等级(非常满意至非常不满意)", "level");
  if (r.reasons.size() > 6) return fail(ErrorCode::kInvalidArgument, "评价原因最多选择 6 项", "reasons");
  std::set<std::string> seen;
  for (const auto& code : r.reasons) {
    auto it = std::find_if(reasons().begin(), reasons().end(), [&](const Reason& x) { return x.code == code; });
    if (it == reasons().end() || !seen.insert(code).second)
      return fail(ErrorCode::kInvalidArgument, "评价原因不正确", "reasons");
    // "其他" fits any level; the rest only their own side.
    if (code != "other" && it->bad != is_bad(r.level))
      return fail(ErrorCode::kInvalidArgument, "评价原因与评价等级不一致", "reasons");
  }
  if (utf8_length(r.comment) > 500) return fail(ErrorCode::kInvalidArgument, "评价内容不超过 500 字", "comment");
  if (is_bad(r.level) && r.reasons.empty() && r.comment.empty())
    return fail(ErrorCode::kInvalidArgument, "请选择或填写不满意的原因，以便我们整改", "reasons");
  return {};
}

std::optional<EscalationStep> next_escalation(std::string_view unit_path, int level) {
  // Codes from the root: "/110000/110101/110101001/" -> [110000, 110101, 110101001].
  std::vector<std::string_view> codes;
  for (std::size_t at = 1; at < unit_path.size();) {
    auto next = unit_path.find('/', at);
    if (next == std::string_view::npos) break;
    codes.push_back(unit_path.substr(at, next - at));
    at = next + 1;
  }
  const int up = level + 1;
  if (static_cast<int>(codes.size()) - 1 - up < 0) return std::nullopt;
  return EscalationStep{up, std::string(codes[codes.size() - 1 - static_cast<std::size_t>(up)])};
}

std::string_view appeal_reason_name(std::string_view reason) {
  constexpr Named kReasons[] = {
      {"mistaken", "误评"}, {"malicious", "恶意差评"}, {"not_ours", "非本单位职责"}, {"other", "其他"}};
  return name_in(kReasons, reason);
}

std::string_view appeal_state_name(std::string_view state) {
  constexpr Named kStates[] = {{"pending", "复核中"}, {"upheld", "申诉成立"}, {"rejected", "申诉不成立"}};
  return name_in(kStates, state);
}

}  // namespace yc::evaluation
