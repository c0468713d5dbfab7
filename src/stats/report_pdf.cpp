#include "stats/report_pdf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "documents/pdf.hpp"
#include "stats/counters.hpp"

namespace yc::stats {
namespace {

namespace m = metric;
using documents::kBody;
using documents::kGap;
using documents::kMargin;
using documents::kPageW;
using documents::kSmall;
using documents::Pdf;

constexpr const char* kHeading = "Noto Sans CJK SC Bold 11";
constexpr const char* kSmallBold = "Noto Sans CJK SC Bold 7.5";
constexpr const char* kKpiValue = "Noto Sans CJK SC Bold 15";
constexpr const char* kTitle = "Noto Sans CJK SC Bold 16";

std::string beijing_time(std::int64_t ms) {
  const auto d = time::shanghai_date(ms);
  const auto minutes = ((ms + time::kShanghaiOffsetMs) / 60'000) % (24 * 60);
  return fmt::format("{}年{}月{}日 {:02}:{:02}", d.year, d.month, d.day, minutes / 60, minutes % 60);
}

std::string count(std::int64_t v) { return std::to_string(v); }
std::string percent(const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", *v * 100) : "—"; }
std::string decimal(const std::optional<double>& v) { return v ? fmt::format("{:.1f}", *v) : "—"; }
std::string days(int x10) { return x10 % 10 == 0 ? std::to_string(x10 / 10) : fmt::format("{:.1f}", x10 / 10.0); }

struct Cell {
  std::string text;
  bool alert = false;  // printed red: a rule not met
};
using Row = std::vector<Cell>;

struct Col {
  std::string header;
  double width;  // points
  bool label = false;
};

// Numbered section headings (一、二、...), each starting on this page when at
// least `room` points are left.
class Sections {
 public:
  explicit Sections(Pdf& w) : w_(w) {}
  void operator()(const std::string& title, double room = 90) {
    static constexpr const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (w_.y() + room > w_.bottom()) w_.next_page();
    w_.y() += 6;
    w_.color(0.1, 0.25, 0.55);
    w_.paragraph(fmt::format("{}、{}", kNumerals[n_++ % 10], title), kHeading, 6);
    w_.color(0, 0, 0);
  }

 private:
  Pdf& w_;
  std::size_t n_ = 0;
};

// A table with a shaded header row (repeated on each new page), hairlines,
// and a bold totals row when given. Numbers are centred, labels left.
void table(Pdf& w, const std::vector<Col>& cols, const std::vector<Row>& rows, const std::optional<Row>& total = {}) {
  cairo_t* cr = w.cairo();
  const double pad = 2.5;
  double width = 0;
  for (const auto& c : cols) width += c.width;
  // A figure is centred on its column and may overhang the padding rather
  // than wrap ("100.0%" on two lines); labels and headers wrap.
  const double overhang = 8;
  const auto slack = [&](std::size_t i, bool header) { return header || cols[i].label ? 0.0 : overhang; };
  const auto row_height = [&](const Row& r, const char* font, bool header = false) {
    double h = 0;
    for (std::size_t i = 0; i < cols.size(); ++i)
      h = std::max(h, w.text(i < r.size() ? r[i].text : "", font, 0, cols[i].width - 2 * pad + 2 * slack(i, header),
                             false, 0));
    return h + 2 * pad;
  };
  const auto draw_row = [&](const Row& r, const char* font, double h, bool shade, bool header = false) {
    if (shade) {
      cairo_set_source_rgb(cr, 0.87, 0.92, 0.97);
      cairo_rectangle(cr, kMargin, w.y(), width, h);
      cairo_fill(cr);
    }
    double x = kMargin;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const Cell& c = i < r.size() ? r[i] : Cell{};
      if (c.alert) w.color(0.75, 0.1, 0.1);
      else w.color(0, 0, 0);
      w.text(c.text, font, x + pad - slack(i, header), cols[i].width - 2 * pad + 2 * slack(i, header), true, w.y() + pad,
             !cols[i].label);
      x += cols[i].width;
    }
    w.color(0.8, 0.8, 0.8);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin, w.y() + h);
    cairo_line_to(cr, kMargin + width, w.y() + h);
    cairo_stroke(cr);
    w.color(0, 0, 0);
    w.y() += h;
  };
  Row header;
  for (const auto& c : cols) header.push_back(Cell{c.header});
  const double header_h = row_height(header, kSmallBold, true);
  const auto fits = [&](double h) { return w.y() + h <= w.bottom(); };
  if (!fits(header_h + 16)) w.next_page();
  draw_row(header, kSmallBold, header_h, true, true);
  for (const auto& r : rows) {
    const double h = row_height(r, kSmall);
    if (!fits(h)) {
      w.next_page();
      draw_row(header, kSmallBold, header_h, true, true);
    }
    draw_row(r, kSmall, h, false);
  }
  if (total) {
    const double h = row_height(*total, kSmallBold);
    if (!fits(h)) {
      w.next_page();
      draw_row(header, kSmallBold, header_h, true, true);
    }
    draw_row(*total, kSmallBold, h, true);
  }
  w.y() += kGap;
}

// The headline figures in boxes, four to a row.
void kpis(Pdf& w, const Figures& t) {
  struct Kpi {
    const char* label;
    std::string value;
    bool alert;
  };
  const std::vector<Kpi> list = {
      {"取号数", count(t.get(m::kTicketsTaken)), false},
      {"服务人次", count(t.get(m::kTicketsServed)), false},
      {"平均等候(分钟)", decimal(t.avg_wait_minutes()), false},
      {"平均办理(分钟)", decimal(t.avg_service_minutes()), false},
      {"受理件数", count(t.get(m::kCasesAccepted)), false},
      {"办结件数", count(t.get(m::kCasesCompleted)), false},
      {"按时办结率", percent(t.on_time_rate()), false},
      {"超期件数", count(t.get(m::kCasesOverdue)), t.get(m::kCasesOverdue) > 0},
      {"评价数", count(t.get(m::kRatingsTotal)), false},
      {"好评率", percent(t.good_rate()), false},
      {"投诉举报", count(t.get(m::kComplaintsReceived)), false},
      {"投诉属实", count(t.get(m::kComplaintsUpheld)), t.get(m::kComplaintsUpheld) > 0},
  };
  cairo_t* cr = w.cairo();
  const double gap = 8, h = 44;
  const double bw = (w.content_width() - 3 * gap) / 4;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const double x = kMargin + static_cast<double>(i % 4) * (bw + gap);
    if (i % 4 == 0 && i > 0) w.y() += h + gap;
    cairo_set_source_rgb(cr, 0.96, 0.97, 0.99);
    cairo_rectangle(cr, x, w.y(), bw, h);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.8, 0.85, 0.92);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    w.color(0.35, 0.35, 0.35);
    w.text(list[i].label, kSmall, x, bw, true, w.y() + 5, true);
    if (list[i].alert) w.color(0.75, 0.1, 0.1);
    else w.color(0, 0, 0);
    w.text(list[i].value, kKpiValue, x, bw, true, w.y() + 17, true);
  }
  w.color(0, 0, 0);
  w.y() += h + kGap;
}

// A bar pair (受理, 办结) per day of the month, drawn with cairo.
void daily_chart(Pdf& w, const std::vector<PeriodFigures>& days) {
  cairo_t* cr = w.cairo();
  const double legend_h = 14, plot_h = 130, label_h = 14, axis_w = 30;
  if (w.y() + legend_h + plot_h + label_h > w.bottom()) w.next_page();
  const double x0 = kMargin + axis_w, width = w.content_width() - axis_w;
  const double top = w.y() + legend_h, base = top + plot_h;
  std::int64_t max = 0;
  for (const auto& d : days) max = std::max({max, d.figures.get(m::kCasesAccepted), d.figures.get(m::kCasesCompleted)});
  // A round step of 1, 2 or 5 times a power of ten, four or five gridlines.
  std::int64_t step = 1;
  for (std::int64_t p = 1; step * 4 < max; p *= 10) {
    for (std::int64_t k : {1, 2, 5}) {
      step = k * p;
      if (step * 4 >= max) break;
    }
  }
  const std::int64_t ceiling = std::max<std::int64_t>(step, (max + step - 1) / step * step);

  // Legend.
  const double lx = kMargin + w.content_width() - 120;
  const auto legend = [&](double x, double r, double g, double b, const char* label) {
    cairo_set_source_rgb(cr, r, g, b);
    cairo_rectangle(cr, x, w.y() + 2, 8, 8);
    cairo_fill(cr);
    w.color(0.2, 0.2, 0.2);
    w.text(label, kSmall, x + 11, 50, true, w.y());
  };
  legend(lx, 0.25, 0.62, 1.0, "受理件数");
  legend(lx + 60, 0.40, 0.76, 0.23, "办结件数");

  // Gridlines and their values.
  cairo_set_line_width(cr, 0.4);
  for (std::int64_t v = 0; v <= ceiling; v += step) {
    const double y = base - plot_h * static_cast<double>(v) / static_cast<double>(ceiling);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x0 + width, y);
    cairo_stroke(cr);
    w.color(0.35, 0.35, 0.35);
    w.text(std::to_string(v), kSmall, kMargin, axis_w - 6, true, y - 5, true);
  }
  const double slot = days.empty() ? width : width / static_cast<double>(days.size());
  const double bar = std::min(slot * 0.36, 9.0);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const double cx = x0 + slot * (static_cast<double>(i) + 0.5);
    const auto draw = [&](std::int64_t v, double x, double r, double g, double b) {
      if (v <= 0) return;
      const double h = plot_h * static_cast<double>(v) / static_cast<double>(ceiling);
      cairo_set_source_rgb(cr, r, g, b);
      cairo_rectangle(cr, x, base - h, bar, h);
      cairo_fill(cr);
    };
    draw(days[i].figures.get(m::kCasesAccepted), cx - bar, 0.25, 0.62, 1.0);
    draw(days[i].figures.get(m::kCasesCompleted), cx, 0.40, 0.76, 0.23);
    if (slot >= 12 || i % 2 == 0) {
      w.color(0.35, 0.35, 0.35);
      w.text(std::to_string(i + 1), kSmall, cx - slot, 2 * slot, true, base + 2, true);
    }
  }
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, x0, base);
  cairo_line_to(cr, x0 + width, base);
  cairo_stroke(cr);
  if (max == 0) {
    w.color(0.5, 0.5, 0.5);
    w.text("本月没有受理和办结", kBody, x0, width, true, top + plot_h / 2 - 8, true);
  }
  w.color(0, 0, 0);
  w.y() = base + label_h + kGap;
}

Row figures_row(const std::string& label, const Figures& f) {
  return {{label},
          {count(f.get(m::kTicketsTaken))},
          {count(f.get(m::kTicketsServed))},
          {decimal(f.avg_wait_minutes())},
          {count(f.get(m::kCasesAccepted))},
          {count(f.get(m::kCasesCompleted))},
          {percent(f.on_time_rate())},
          {count(f.get(m::kCasesOverdue)), f.get(m::kCasesOverdue) > 0},
          {count(f.get(m::kRatingsTotal))},
          {percent(f.good_rate())},
          {count(f.get(m::kComplaintsReceived))},
          {count(f.get(m::kComplaintsUpheld)), f.get(m::kComplaintsUpheld) > 0}};
}

Row staffing_row(const std::string& label, const StaffingFigures& f) {
  return {{label},
          {count(f.roster)},
          {count(f.formal)},
          {count(f.windows)},
          {count(f.window_staff)},
          // 三(七) 以每个窗口不低于1.2人
          {f.staff_per_window() ? fmt::format("{:.2f}", *f.staff_per_window()) : "—", f.below_ratio()},
          // 三(七) 到岗率98%
          {percent(f.on_post_rate()), f.on_post_below()},
          {count(f.high_risk_non_formal), f.high_risk_non_formal > 0},
          {count(f.rotation_over), f.rotation_over > 0},
          {count(f.incompatible), f.incompatible > 0},
          {count(f.sessions)},
          {count(f.people_trained)},
          {days(f.training_days_x10)},
          {fmt::format("{}/{}", f.trained_5_days, f.roster)}};
}

Row accountable_row(std::vector<std::string> labels, const Accountable& a) {
  Row r;
  for (auto& l : labels) r.push_back({std::move(l)});
  r.push_back({count(a.overdue_cases), a.overdue_cases > 0});
  r.push_back({fmt::format("{}({})", a.findings, a.open_findings), a.open_findings > 0});
  r.push_back({count(a.upheld_complaints), a.upheld_complaints > 0});
  r.push_back({count(a.bad_ratings), a.bad_ratings > 0});
  r.push_back({count(a.escalated_rectifications), a.escalated_rectifications > 0});
  r.push_back({count(a.total())});
  return r;
}

}  // namespace

std::string monthly_report_title(const Ledger& l) {
  return fmt::format("{}人力社保基层平台 {}年{}月 工作月报", l.unit.name, l.month.substr(0, 4),
                     std::stoi(l.month.substr(5, 2)));
}

Result<std::string> monthly_report_pdf(const Ledger& l, const Accountability& a, std::int64_t generated_at) {
  const auto title = monthly_report_title(l);
  Pdf w(title, fmt::format("一窗 · 人力社保基层服务平台    {}", title));
  const int year = std::stoi(l.month.substr(0, 4)), month = std::stoi(l.month.substr(5, 2));
  w.paragraph(title, kTitle, 4, true);
  w.color(0.35, 0.35, 0.35);
  w.paragraph(fmt::format("统计期间 {}年{}月1日至{}月{}日    生成时间 {}(北京时间)", year, month, month, l.days.size(),
                          beijing_time(generated_at)),
              kBody, 14, true);
  w.color(0, 0, 0);

  const auto& t = l.totals;
  const auto& s = l.staffing.totals;
  Sections heading(w);
  heading("主要指标");
  // The summary sentence also carries the figures as plain text.
  w.paragraph(fmt::format("本月取号{}人次，服务{}人次，平均等候{}分钟；受理{}件，不予受理{}件，办结{}件，按时办结率{}，"
                          "超期{}件；收到评价{}条，好评率{}；投诉举报{}件，其中属实{}件。",
                          t.get(m::kTicketsTaken), t.get(m::kTicketsServed), decimal(t.avg_wait_minutes()),
                          t.get(m::kCasesAccepted), t.get(m::kCasesRejected), t.get(m::kCasesCompleted),
                          percent(t.on_time_rate()), t.get(m::kCasesOverdue), t.get(m::kRatingsTotal),
                          percent(t.good_rate()), t.get(m::kComplaintsReceived), t.get(m::kComplaintsUpheld)),
              kBody, 8);
  kpis(w, t);

  const double cw = w.content_width();
  if (!l.units.empty()) {
    heading("分单位情况");
    const double n = (cw - 80) / 11;
    std::vector<Col> cols = {{"单位", 80, true}};
    for (const char* h : {"取号数", "服务人次", "平均等候(分钟)", "受理件数", "办结件数", "按时办结率", "超期件数", "评价数",
                          "好评率", "投诉举报", "投诉属实"})
      cols.push_back({h, n});
    std::vector<Row> rows;
    Figures sum;
    for (const auto& u : l.units) {
      rows.push_back(figures_row(u.unit.name, u.figures));
      sum.add(u.figures);
    }
    table(w, cols, rows, figures_row("合计", sum));
  }

  heading("每日受理与办结", 200);
  daily_chart(w, l.days);

  heading("办件量前十的事项");
  std::vector<const ItemFigures*> items;
  for (const auto& i : l.items) items.push_back(&i);
  std::stable_sort(items.begin(), items.end(), [](const ItemFigures* x, const ItemFigures* y) {
    const auto kx = std::pair{x->figures.get(m::kCasesAccepted), x->figures.get(m::kCasesCompleted)};
    const auto ky = std::pair{y->figures.get(m::kCasesAccepted), y->figures.get(m::kCasesCompleted)};
    return kx > ky;
  });
  if (items.size() > 10) items.resize(10);
  if (items.empty()) {
    w.paragraph("本月没有办件。", kBody, 8);
  } else {
    const double n = (cw - 70 - 170) / 5;
    std::vector<Row> rows;
    for (const auto* i : items) {
      const auto& f = i->figures;
      rows.push_back({{i->item_code},
                      {i->item_name},
                      {count(f.get(m::kCasesAccepted))},
                      {count(f.get(m::kCasesRejected))},
                      {count(f.get(m::kCasesCompleted))},
                      {percent(f.on_time_rate())},
                      {count(f.get(m::kCasesOverdue)), f.get(m::kCasesOverdue) > 0}});
    }
    table(w, {{"事项编码", 70, true}, {"事项名称", 170, true}, {"受理件数", n}, {"不予受理", n}, {"办结件数", n},
              {"按时办结率", n}, {"超期件数", n}},
          rows);
  }

  // 三(七) 人员配备 and 三(九) 培训.
  heading("人员与培训");
  w.paragraph(fmt::format("截至{}，在册人员{}人（编制内{}人），窗口{}个、窗口经办人员{}人，每窗口{}人{}；到岗率{}{}。"
                          "本月举办培训{}场，参训{}人、{}人天；本年度培训已满5天的{}人。",
                          l.staffing.as_of, s.roster, s.formal, s.windows, s.window_staff,
                          s.staff_per_window() ? fmt::format("{:.2f}", *s.staff_per_window()) : "—",
                          s.below_ratio() ? fmt::format("（{}个服务场所低于1.2人，三(七)）", s.sites_below_ratio) : "",
                          percent(s.on_post_rate()), s.on_post_below() ? "（低于98%，三(七)）" : "", s.sessions,
                          s.people_trained, days(s.training_days_x10), s.trained_5_days),
              kBody, 4);
  w.paragraph(fmt::format("岗位风险：高风险岗位由非编制内人员担任{}个，连续任职超过5年{}个（另有{}个满4年6个月），"
                          "不相容岗位兼任{}处（三(七)）。",
                          s.high_risk_non_formal, s.rotation_over, s.rotation_due, s.incompatible),
              kBody, 8);
  {
    const double n = (cw - 64) / 13;
    std::vector<Col> cols = {{"单位", 64, true}};
    for (const char* h : {"在册人员", "编制内", "窗口数", "窗口人员", "每窗口人数", "到岗率", "高风险岗非编制", "超5年未轮岗",
                          "不相容兼任", "培训场次", "参训人数", "培训人天", "年度满5天"})
      cols.push_back({h, n});
    std::vector<Row> rows;
    for (const auto& u : l.staffing.units) rows.push_back(staffing_row(u.unit.name, u.figures));
    table(w, cols, rows, staffing_row("合计", s));
  }

  // 三(八) 责任追究: who answers for what this month, most first.
  heading("责任追究（前十）");
  if (a.units.empty() && a.people.empty()) {
    w.paragraph("本月没有需要追究的事项。", kBody, 8);
  } else {
    const double n = (cw - 150) / 6;
    std::vector<Row> rows;
    for (std::size_t i = 0; i < a.units.size() && i < 10; ++i)
      rows.push_back(accountable_row({a.units[i].unit_name}, a.units[i].a));
    if (!rows.empty()) {
      table(w, {{"单位", 150, true}, {"超期办件", n}, {"内控问题(未整改)", n}, {"投诉属实", n}, {"差评", n},
                {"督办升级", n}, {"合计", n}},
            rows);
    }
    rows.clear();
    for (std::size_t i = 0; i < a.people.size() && i < 10; ++i)
      rows.push_back(accountable_row({a.people[i].name_masked, a.people[i].unit_name}, a.people[i].a));
    if (!rows.empty()) {
      table(w, {{"姓名", 60, true}, {"单位", 90, true}, {"超期办件", n}, {"内控问题(未整改)", n}, {"投诉属实", n},
                {"差评", n}, {"督办升级", n}, {"合计", n}},
            rows);
    }
  }
  return w.finish();
}

}  // namespace yc::stats
