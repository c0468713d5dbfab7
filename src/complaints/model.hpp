#pragma once
// 投诉举报 (issue 10, item 2; policy 三(四) 全流程“业务链”到投诉举报, annex 一(三)
// 投诉受理与处置; GB/T 36113-2018 受理 → 调查 → 处置 → 反馈 → 归档): the kinds,
// categories and channels, and the steps a complaint goes through. Pure.

#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace yc::complaints {

// received --accept--> accepted --reply--> replied --close (回访, 归档)--> closed
//     \--reject (不予受理, with the reason)--> rejected
bool can(std::string_view state, std::string_view action);
std::string_view state_name(std::string_view state);

bool valid_kind(std::string_view kind);          // complaint (投诉) | report (举报)
bool valid_category(std::string_view category);  // attitude | efficiency | violation | integrity | policy | other
std::string_view category_name(std::string_view category);
// Staff record window, phone and letter; the public channels are web,
// mobile and kiosk.
bool valid_channel(std::string_view channel, bool staff);
std::string_view channel_name(std::string_view channel);

struct Content {
  std::string kind, category, channel, content;
  bool anonymous = true;
  std::string name, phone, id_number;  // named reporters only
};
// Text of 10..2000 characters; a named reporter gives a name and a phone.
Result<void> validate(const Content& c, bool staff);

// The step a complaint in `state` waits for (received: accept, accepted:
// reply, replied: close); "" when it waits for nothing.
std::string_view waiting_step(std::string_view state);

// Escalation of a late step (督办, policy 三(四)): the unit `level` + 1 steps
// above the complaint's unit, from its path "/110000/110101/110101001/";
// nullopt at the city (never above it).
struct EscalationStep {
  int level = 0;          // the new level (1 = the unit above)
  std::string unit_code;  // whom it goes to
};
std::optional<EscalationStep> next_escalation(std::string_view unit_path, int level);

}  // namespace yc::complaints
