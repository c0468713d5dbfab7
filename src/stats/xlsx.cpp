#include "stats/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "stats/counters.hpp"

namespace yc::stats {
namespace {

namespace m = metric;

// A column: its header and how to read it from a row's figures (nullopt:
// empty cell); `alert` prints the cell red (a rule not met).
template <typename F>
struct ColumnOf {
  const char* header;
  std::function<std::optional<double>(const F&)> value;
  bool percent = false;
  bool decimal = false;
  bool ratio = false;  // two decimals (staff per window: 1.17 is not 1.2)
  std::function<bool(const F&)> alert = {};
};
using Column = ColumnOf<Figures>;
using StaffColumn = ColumnOf<StaffingFigures>;

std::function<std::optional<double>(const Figures&)> count(std::string_view metric) {
  return [metric](const Figures& f) { return std::optional<double>(static_cast<double>(f.get(metric))); };
}

const std::vector<Column>& unit_columns() {
  static const std::vector<Column> kColumns = {
      {"取号数", count(m::kTicketsTaken)},
      {"服务人次", count(m::kTicketsServed)},
      {"平均等候(分钟)", [](const Figures& f) { return f.avg_wait_minutes(); }, false, true},
      {"平均办理(分钟)", [](const Figures& f) { return f.avg_service_minutes(); }, false, true},
      {"受理件数", count(m::kCasesAccepted)},
      {"不予受理", count(m::kCasesRejected)},
      {"办结件数", count(m::kCasesCompleted)},
      {"准予", count(m::kCasesApproved)},
      {"不予准予", count(m::kCasesRefused)},
      {"按时办结率", [](const Figures& f) { return f.on_time_rate(); }, true},
      {"出件", count(m::kCasesDelivered)},
      {"超期件数", count(m::kCasesOverdue)},
      {"评价数", count(m::kRatingsTotal)},
      {"好评率", [](const Figures& f) { return f.good_rate(); }, true},
      {"差评数", count(m::kRatingsBad)},
      {"投诉举报", count(m::kComplaintsReceived)},
      {"投诉属实", count(m::kComplaintsUpheld)},
  };
  return kColumns;
}

const std::vector<Column>& item_columns() {
  static const std::vector<Column> kColumns = {
      {"受理件数", count(m::kCasesAccepted)}, {"不予受理", count(m::kCasesRejected)},
      {"办结件数", count(m::kCasesCompleted)}, {"准予", count(m::kCasesApproved)},
      {"不予准予", count(m::kCasesRefused)},  {"按时办结率", [](const Figures& f) { return f.on_time_rate(); }, true},
      {"出件", count(m::kCasesDelivered)},     {"超期件数", count(m::kCasesOverdue)},
  };
  return kColumns;
}

std::function<std::optional<double>(const StaffingFigures&)> staff_count(int StaffingFigures::*field) {
  return [field](const StaffingFigures& f) { return std::optional<double>(static_cast<double>(f.*field)); };
}

std::function<bool(const StaffingFigures&)> positive(int StaffingFigures::*field) {
  return [field](const StaffingFigures& f) { return f.*field > 0; };
}

// 人员与培训 (policy 三(七)(九)).
const std::vector<StaffColumn>& staff_columns() {
  using S = StaffingFigures;
  static const std::vector<StaffColumn> kColumns = {
      {"在册人员", staff_count(&S::roster)},
      {"编制内", staff_count(&S::formal)},
      {"服务场所", staff_count(&S::sites)},
      {"窗口数", staff_count(&S::windows)},
      {"窗口经办人员", staff_count(&S::window_staff)},
      // 三(七) 以每个窗口不低于1.2人
      {"每窗口人数", [](const S& f) { return f.staff_per_window(); }, false, false, true,
       [](const S& f) { return f.below_ratio(); }},
      {"低于1.2人的场所", staff_count(&S::sites_below_ratio), false, false, false, positive(&S::sites_below_ratio)},
      // 三(七) 到岗率98%
      {"到岗率", [](const S& f) { return f.on_post_rate(); }, true, false, false,
       [](const S& f) { return f.on_post_below(); }},
      {"高风险岗位非编制", staff_count(&S::high_risk_non_formal), false, false, false, positive(&S::high_risk_non_formal)},
      {"超5年未轮岗", staff_count(&S::rotation_over), false, false, false, positive(&S::rotation_over)},
      {"满4年6个月", staff_count(&S::rotation_due)},
      {"不相容岗位兼任", staff_count(&S::incompatible), false, false, false, positive(&S::incompatible)},
      {"培训场次", staff_count(&S::sessions)},
      {"参训人数", staff_count(&S::people_trained)},
      {"培训人天", [](const S& f) { return std::optional<double>(f.training_days_x10 / 10.0); }, false, true},
      // 三(九) 每人每年不少于5天
      {"年度培训满5天", staff_count(&S::trained_5_days)},
  };
  return kColumns;
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* number;
  lxw_format* decimal;
  lxw_format* percent;
  lxw_format* total_text;
  lxw_format* total_number;
  lxw_format* total_decimal;
  lxw_format* total_percent;
  lxw_format* ratio;
  lxw_format* total_ratio;
  lxw_format* alert_number;
  lxw_format* alert_ratio;
  lxw_format* alert_percent;
};

lxw_format* format(lxw_workbook* wb, bool bold, const char* num, bool fill = false) {
  auto* f = workbook_add_format(wb);
  format_set_font_name(f, "宋体");
  format_set_font_size(f, 11);
  format_set_border(f, LXW_BORDER_THIN);
  if (bold) format_set_bold(f);
  if (num != nullptr) format_set_num_format(f, num);
  if (fill) format_set_bg_color(f, 0xDDEBF7);
  return f;
}

// Writes one sheet: title (row 0), headers (row 1), the rows, the totals row;
// freezes rows 0-1 and the label columns.
template <typename F>
void sheet(lxw_workbook* wb, const Formats& fm, const char* name, const std::string& title,
           const std::vector<const char*>& label_headers, const std::vector<ColumnOf<F>>& columns,
           const std::vector<std::pair<std::vector<std::string>, const F*>>& rows, const F& totals) {
  auto* ws = workbook_add_worksheet(wb, name);
  const auto labels = static_cast<lxw_col_t>(label_headers.size());
  const auto last_col = static_cast<lxw_col_t>(labels + columns.size() - 1);
  worksheet_merge_range(ws, 0, 0, 0, last_col, title.c_str(), fm.title);
  worksheet_set_row(ws, 0, 28, nullptr);
  for (lxw_col_t c = 0; c < labels; ++c) {
    worksheet_write_string(ws, 1, c, label_headers[c], fm.header);
    worksheet_set_column(ws, c, c, c == labels - 1 ? 28 : 14, nullptr);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(labels + i);
    worksheet_write_string(ws, 1, c, columns[i].header, fm.header);
    worksheet_set_column(ws, c, c, 12, nullptr);
  }
  const auto write_row = [&](lxw_row_t r, const std::vector<std::string>& label, const F& f, bool total) {
    for (lxw_col_t c = 0; c < labels; ++c)
      worksheet_write_string(ws, r, c, c < label.size() ? label[c].c_str() : "", total ? fm.total_text : fm.text);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto c = static_cast<lxw_col_t>(labels + i);
      const auto& col = columns[i];
      const bool alert = !total && col.alert && col.alert(f);
      auto* f_num = col.percent ? (total ? fm.total_percent : alert ? fm.alert_percent : fm.percent)
                    : col.ratio ? (total ? fm.total_ratio : alert ? fm.alert_ratio : fm.ratio)
                    : col.decimal ? (total ? fm.total_decimal : fm.decimal)
                                  : (total ? fm.total_number : alert ? fm.alert_number : fm.number);
      if (auto v = col.value(f)) worksheet_write_number(ws, r, c, *v, f_num);
      else worksheet_write_blank(ws, r, c, f_num);
    }
  };
  lxw_row_t r = 2;
  for (const auto& [label, f] : rows) write_row(r++, label, *f, false);
  write_row(r, {"合计"}, totals, true);
  worksheet_freeze_panes(ws, 2, labels);
}

}  // namespace

Result<std::string> ledger_xlsx(const Ledger& l) {
  // libxlsxwriter 1.1.4 writes files only: a private temporary file, read
  // back and removed. The ledger holds no personal data.
  auto dir = std::filesystem::temp_directory_path();
  std::string path = (dir / "yc-ledger-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return fail(ErrorCode::kInternal, "无法创建临时文件");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{path};

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  auto* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return fail(ErrorCode::kInternal, "无法生成台账文件");
  Formats fm{};
  fm.title = workbook_add_format(wb);
  format_set_font_name(fm.title, "黑体");
  format_set_font_size(fm.title, 14);
  format_set_bold(fm.title);
  format_set_align(fm.title, LXW_ALIGN_CENTER);
  format_set_align(fm.title, LXW_ALIGN_VERTICAL_CENTER);
  fm.header = format(wb, true, nullptr, true);
  format_set_align(fm.header, LXW_ALIGN_CENTER);
  format_set_text_wrap(fm.header);
  fm.text = format(wb, false, nullptr);
  fm.number = format(wb, false, "0");
  fm.decimal = format(wb, false, "0.0");
  fm.percent = format(wb, false, "0.0%");
  fm.total_text = format(wb, true, nullptr, true);
  fm.total_number = format(wb, true, "0", true);
  fm.total_decimal = format(wb, true, "0.0", true);
  fm.total_percent = format(wb, true, "0.0%", true);
  fm.ratio = format(wb, false, "0.00");
  fm.total_ratio = format(wb, true, "0.00", true);
  fm.alert_number = format(wb, false, "0");
  fm.alert_ratio = format(wb, false, "0.00");
  fm.alert_percent = format(wb, false, "0.0%");
  for (auto* f : {fm.alert_number, fm.alert_ratio, fm.alert_percent}) {
    format_set_font_color(f, 0xC00000);
    format_set_bold(f);
  }

  const auto title = [&](const char* what) { return fmt::format("{} {} 人力社保业务台账({})", l.unit.name, l.month, what); };
  std::vector<std::pair<std::vector<std::string>, const Figures*>> rows;
  Figures unit_total;
  for (const auto& u : l.units) {
    rows.push_back({{u.unit.code, u.unit.name}, &u.figures});
    unit_total.add(u.figures);
  }
  sheet(wb, fm, "按单位汇总", title("按单位汇总"), {"单位代码", "单位名称"}, unit_columns(), rows, unit_total);
  rows.clear();
  for (const auto& d : l.days) rows.push_back({{d.period}, &d.figures});
  sheet(wb, fm, "日台账", title("日台账"), {"日期"}, unit_columns(), rows, l.totals);
  rows.clear();
  Figures item_total;
  for (const auto& i : l.items) {
    rows.push_back({{i.item_code, i.item_name}, &i.figures});
    item_total.add(i.figures);
  }
  sheet(wb, fm, "事项办件", title("事项办件"), {"事项编码", "事项名称"}, item_columns(), rows, item_total);
  // A snapshot on the month's last day (or today), with the month's training.
  std::vector<std::pair<std::vector<std::string>, const StaffingFigures*>> staff_rows;
  for (const auto& u : l.staffing.units) staff_rows.push_back({{u.unit.code, u.unit.name}, &u.figures});
  sheet(wb, fm, "人员与培训", fmt::format("{} {} 人员与培训（截至{}）", l.unit.name, l.month, l.staffing.as_of),
        {"单位代码", "单位名称"}, staff_columns(), staff_rows, l.staffing.totals);
  if (l.employment) {
    // 劳动力资源台账与就业服务 (issue 12; 附件一(一), 附件二): per child unit.
    using E = employment::UnitFigures;
    const auto n = [](int E::*field) {
      return [field](const E& f) { return std::optional<double>(static_cast<double>(f.*field)); };
    };
    static const std::vector<ColumnOf<E>> kColumns = {
        {"劳动力", n(&E::residents)},       {"就业", n(&E::employed)},
        {"失业登记", n(&E::unemployed)},    {"灵活就业", n(&E::flexible)},
        {"就业困难", n(&E::hardship)},      {"农村劳动力", n(&E::rural)},
        {"本月回访", n(&E::visits_month)},  {"待回访", n(&E::visits_due), false, false, false,
                                            [](const E& f) { return f.visits_due > 0; }},
        {"本月推荐", n(&E::referrals_month)}, {"本月录用", n(&E::hired_month)},
        {"公益性岗位在岗", n(&E::placements_active)},
    };
    std::vector<std::pair<std::vector<std::string>, const E*>> job_rows;
    for (const auto& u : l.employment->units) job_rows.push_back({{u.unit_code, u.unit_name}, &u});
    sheet(wb, fm, "就业服务", fmt::format("{} {} 劳动力资源与就业服务", l.unit.name, l.month), {"单位代码", "单位名称"},
          kColumns, job_rows, l.employment->total);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return fail(ErrorCode::kInternal, "无法生成台账文件");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace yc::stats
