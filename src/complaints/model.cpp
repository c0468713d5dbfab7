#include "complaints/model.hpp"

#include <vector>

#include "platform/text.hpp"

namespace yc::complaints {
namespace {
struct Named {
  std::string_view code, name;
};
constexpr Named kStates[] = {{"received", "待受理"}, {"accepted", "办理中"}, {"rejected", "不予受理"},
                             {"replied", "已答复"},  {"closed", "已办结"}};
constexpr Named kCategories[] = {{"attitude", "服务态度"},  {"efficiency", "办事效率"}, {"violation", "违规办理"},
                                 {"integrity", "廉政问题"}, {"policy", "政策执行"},     {"other", "其他"}};
constexpr Named kChannels[] = {{"window", "窗口"},   {"phone", "电话"},   {"letter", "信件"},
                               {"web", "网上"},      {"mobile", "掌上"},  {"kiosk", "自助终端"}};

std::string_view name_in(const auto& table, std::string_view code) {
  for (const auto& n : table)
    if (n.code == code) return n.name;
  return "";
}
}  // namespace

bool can(std::string_view state, std::string_view action) {
  if (action == "accept" || action == "reject") return state == "received";
  if (action == "assign") return state == "received" || state == "accepted";
  if (action == "reply") return state == "accepted";
  if (action == "close") return state == "replied";
  return false;
}

std::string_view state_name(std::string_view state) { return name_in(kStates, state); }
bool valid_kind(std::string_view kind) { return kind == "complaint" || kind == "report"; }
bool valid_category(std::string_view category) { return !name_in(kCategories, category).empty(); }
std::string_view category_name(std::string_view category) { return name_in(kCategories, category); }
std::string_view channel_name(std::string_view channel) { return name_in(kChannels, channel); }

bool valid_channel(std::string_view channel, bool staff) {
  if (staff) return channel == "window" || channel == "phone" || channel == "letter";
  return channel == "web" || channel == "mobile" || channel == "kiosk";
}

Result<void> validate(const Content& c, bool staff) {
  if (!valid_kind(c.kind)) return fail(ErrorCode::kInvalidArgument, "请选择投诉或举报", "kind");
  if (!valid_category(c.category)) return fail(ErrorCode::kInvalidArgument, "请选择问题类别", "category");
  if (!valid_channel(c.channel, staff)) return fail(ErrorCode::kInvalidArgument, "受理渠道不正确", "channel");
  const auto n = utf8_length(c.content);
  if (n < 10 || n > 2000) return fail(ErrorCode::kInvalidArgument, "请描述具体情况(10 到 2000 字)", "content");
  if (!c.anonymous) {
    if (c.name.empty() || utf8_length(c.name) > 50) return fail(ErrorCode::kInvalidArgument, "实名投诉请填写姓名", "name");
    if (c.phone.empty()) return fail(ErrorCode::kInvalidArgument, "实名投诉请留下联系电话，以便答复和回访", "phone");
  } else if (!c.name.empty() || !c.phone.empty() || !c.id_number.empty()) {
    return fail(ErrorCode::kInvalidArgument, "匿名投诉不填写姓名和联系方式", "anonymous");
  }
  return {};
}

std::string_view waiting_step(std::string_view state) {
  if (state == "received") return "accept";
  if (state == "accepted") return "reply";
  if (state == "replied") return "close";
  return "";
}

std::optional<EscalationStep> next_escalation(std::string_view unit_path, int level) {
  std::vector<std::string_view> codes;  // from the root
  for (std::size_t at = 1; at < unit_path.size();) {
    const auto next = unit_path.find('/', at);
    if (next == std::string_view::npos) break;
    codes.push_back(unit_path.substr(at, next - at));
    at = next + 1;
  }
  const int up = level + 1;
  if (level < 0 || static_cast<int>(codes.size()) - 1 - up < 0) return std::nullopt;
  return EscalationStep{up, std::string(codes[codes.size() - 1 - static_cast<std::size_t>(up)])};
}

}  // namespace yc::complaints
