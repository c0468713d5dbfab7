#include "archives/model.hpp"

#include <fmt/format.h>

#include "platform/text.hpp"

namespace yc::archives {

Result<void> check(std::string_view state, Action action) {
  const auto refuse = [](std::string m) { return fail(ErrorCode::kUnprocessable, std::move(m), "state"); };
  if (state == "transferred") {
    if (action == Action::kLend) return refuse("档案已转出，不能借阅");
    if (action == Action::kMove) return refuse("档案已转出，不能移库");
    if (action == Action::kTransfer) return refuse("档案已转出，不能再次转出");
    return refuse("档案已转出，没有待归还的借阅");
  }
  if (state == "lent") {
    if (action == Action::kLend) return refuse("该档案已借出，须归还后才能再次借阅");
    if (action == Action::kTransfer) return refuse("该档案借出未还，须归还后才能转出");
    return {};
  }
  if (action == Action::kReturn) return refuse("该档案在库，没有待归还的借阅");
  return {};
}

std::string_view state_name(std::string_view state) {
  if (state == "in_store") return "在库";
  if (state == "lent") return "借出";
  if (state == "transferred") return "已转出";
  return "";
}

std::string_view event_name(std::string_view kind) {
  if (kind == "intake") return "接收入库";
  if (kind == "move") return "移库";
  if (kind == "lend") return "借出";
  if (kind == "return") return "归还";
  if (kind == "transfer") return "转出";
  return "";
}

bool valid_source(std::string_view source) { return !source_name(source).empty(); }

std::string_view source_name(std::string_view source) {
  if (source == "transfer_in") return "转入";
  if (source == "registration") return "失业登记新建";
  return "";
}

std::string file_no(std::string_view street_code, int year, std::int64_t n) {
  return fmt::format("DA-{}-{}-{:04}", street_code, year, n);
}

Result<void> validate(const Location& l) {
  const std::pair<const std::string*, const char*> parts[] = {
      {&l.room, "room"}, {&l.cabinet, "cabinet"}, {&l.shelf, "shelf"}, {&l.box, "box"}};
  for (const auto& [v, field] : parts)
    if (v->empty() || utf8_length(*v) > 20)
      return fail(ErrorCode::kInvalidArgument, "请填写存放位置(库房、柜、层、盒，各不超过 20 字)", field);
  return {};
}

std::string describe(const Location& l) {
  return fmt::format("{} / {} / {} / {}", l.room, l.cabinet, l.shelf, l.box);
}

bool overdue(std::string_view due_day, const time::Date& today) { return !due_day.empty() && today.iso() > due_day; }

Result<void> validate(const Reading& r) {
  if (r.temperature_x10 < -400 || r.temperature_x10 > 600)
    return fail(ErrorCode::kInvalidArgument, "温度读数不正确(-40 到 60 ℃)", "temperature");
  if (r.humidity_x10 < 0 || r.humidity_x10 > 1000)
    return fail(ErrorCode::kInvalidArgument, "相对湿度读数不正确(0 到 100%)", "humidity");
  return {};
}

std::vector<std::string> flags(const Reading& r) {
  std::vector<std::string> out;
  if (r.temperature_x10 < kTemperatureMinX10) out.emplace_back("temperature_low");
  if (r.temperature_x10 > kTemperatureMaxX10) out.emplace_back("temperature_high");
  if (r.humidity_x10 < kHumidityMinX10) out.emplace_back("humidity_low");
  if (r.humidity_x10 > kHumidityMaxX10) out.emplace_back("humidity_high");
  if (!r.extinguisher_ok) out.emplace_back("extinguisher");
  if (!r.smoke_detector_ok) out.emplace_back("smoke_detector");
  if (r.pests) out.emplace_back("pests");
  if (r.leaks) out.emplace_back("leaks");
  return out;
}

std::string_view flag_name(std::string_view flag) {
  if (flag == "temperature_low") return "温度低于 14℃";
  if (flag == "temperature_high") return "温度高于 24℃";
  if (flag == "humidity_low") return "湿度低于 45%";
  if (flag == "humidity_high") return "湿度高于 60%";
  if (flag == "extinguisher") return "灭火器异常";
  if (flag == "smoke_detector") return "烟感异常";
  if (flag == "pests") return "发现虫霉鼠害";
  if (flag == "leaks") return "发现渗漏";
  return "";
}

}  // namespace yc::archives
