#pragma once
// 好差评 (issue 10, item 1; policy 四(三) 开展满意度调查和评价; GB/T 39734/39735-2020,
// 国办发〔2019〕51号): the five levels, the reasons offered, the channels and
// the stages of a service that can be rated, and the rules of a bad
// rating's rectification (整改): due in working days, escalated to the unit
// above when it is not answered in time. Pure: no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::evaluation {

// 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
inline constexpr int kLevelMin = 1, kLevelMax = 5;
std::string_view level_name(int level);
// 不满意 or worse opens a rectification (谁办理谁负责).
constexpr bool is_bad(int level) { return level <= 2; }

// Where a rating comes from: the window's evaluation pad, a kiosk, the web,
// the mobile app, the link/QR on a receipt.
bool valid_channel(std::string_view channel);
std::string_view channel_name(std::string_view channel);

// What is rated: a ticket served at a window ("served"), or a case at one
// of the steps the citizen sees (accepted, completed, delivered).
bool valid_stage(std::string_view target_kind, std::string_view stage);
std::string_view stage_name(std::string_view stage);

struct Reason {
  std::string_view code, name;
  bool bad;  // offered with 不满意 / 非常不满意
};
const std::vector<Reason>& reasons();

struct Rating {
  int level = 0;
  std::vector<std::string> reasons;
  std::string comment;
};
// Level 1..5; known reasons that fit the level's polarity (at most 6); a bad
// rating says why (a reason or a comment); a comment of at most 500 characters.
Result<void> validate(const Rating& r);

// Escalation of an unanswered rectification: past its due day it goes to
// the unit above (once per level, at most `max_level` levels up), with a new
// due day `escalate_days` working days later.
struct EscalationStep {
  int level = 0;            // the new level (1 = the unit above)
  std::string unit_code;    // whom it goes to
};
// unit_path: "/110000/110101/110101001/" of the responsible unit; level: the
// current one. nullopt when there is no unit above left.
std::optional<EscalationStep> next_escalation(std::string_view unit_path, int level);

// 申诉复核 (四(三)): why a unit appeals a bad rating: mistaken (误评),
// malicious (恶意差评), not_ours (非本单位职责), other (其他); "" for an
// unknown code. States: pending 复核中, upheld 申诉成立, rejected 申诉不成立.
std::string_view appeal_reason_name(std::string_view reason);
std::string_view appeal_state_name(std::string_view state);

}  // namespace yc::evaluation
