#include "catalog/model.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "platform/text.hpp"

namespace yc::catalog {
namespace {

namespace json = boost::json;

using Labels = std::vector<std::pair<const char*, const char*>>;

const std::map<std::string, Labels, std::less<>>& enumerations() {
  static const std::map<std::string, Labels, std::less<>> kEnums = {
      {"type", {{"administrative_license", "行政许可"}, {"administrative_payment", "行政给付"},
                {"administrative_confirmation", "行政确认"}, {"administrative_ruling", "行政裁决"},
                {"public_service", "公共服务"}, {"other", "其他"}}},
      {"level", {{"city", "市级"}, {"district", "区级"}, {"street", "街道(乡镇)"}, {"community", "社区(村)"}}},
      {"service_object", {{"person", "自然人"}, {"organization", "法人"}}},
      {"time_kind", {{"immediate", "即办件"}, {"promised", "承诺件"}}},
      {"material_kind", {{"form", "表格"}, {"document", "证件"}, {"proof", "证明材料"}}},
      {"material_form", {{"original", "原件"}, {"copy", "复印件"}, {"original_and_copy", "原件及复印件"},
                         {"electronic", "电子材料"}}},
      {"step", {{"consult", "咨询"}, {"intake", "受理"}, {"review_first", "初审"}, {"review_second", "复审"},
                {"approve", "审批"}, {"recheck", "复核"}, {"deliver", "办结出件"}}},
      {"result_kind", {{"certificate", "证照"}, {"notice", "决定/通知书"}, {"record", "登记备案"},
                       {"payment", "待遇发放"}, {"service", "服务"}}},
      {"delivery", {{"window", "窗口领取"}, {"mail", "邮寄送达"}, {"online", "网上查询/下载"}, {"bank", "银行发放"}}},
      {"category", {{"employment", "就业创业"}, {"social_insurance", "社会保险"}, {"labor_relations", "劳动关系"},
                    {"other", "其他"}}},
      {"service_level", {{"street", "街道(乡镇)层面"}, {"community", "社区(村)层面"}}},
      {"channel", {{"window", "窗口"}, {"online", "网上"}, {"mobile", "掌上"}, {"kiosk", "自助终端"},
                   {"phone", "电话咨询"}}},
      {"high_risk", {{"benefit_payment", "待遇发放"}, {"rate_setting", "费率核定"}}},
      {"life_event", {{"graduation", "毕业就业"}, {"job_seeking", "求职"}, {"unemployment", "失业"},
                      {"startup", "创业"}, {"insurance", "参保"}, {"retirement", "退休"}, {"injury", "工伤"},
                      {"disability", "残疾"}, {"dispute", "劳动纠纷"}, {"hardship", "就业困难"},
                      {"migration", "转移接续"}}},
  };
  return kEnums;
}

bool in_enum(std::string_view enumeration, std::string_view code) {
  const auto& e = enumerations().at(std::string(enumeration));
  return std::any_of(e.begin(), e.end(), [&](const auto& p) { return code == p.first; });
}

Unexpected bad(const std::string& path, const std::string& what) {
  return fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, what), path);
}

// Reads members of one JSON object; absent members keep their defaults.
class Reader {
 public:
  Reader(const json::value& v, std::string path) : path_(std::move(path)) {
    if (v.is_object()) o_ = &v.as_object();
  }
  bool ok() const { return o_ != nullptr; }
  std::string at(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

  Result<void> text(std::string_view key, std::string& out, std::size_t max_chars = 2000) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_string()) return bad(at(key), "应为文本");
    out = std::string(v->as_string());
    if (utf8_length(out) > max_chars) return bad(at(key), fmt::format("不能超过 {} 个字", max_chars));
    return {};
  }
  Result<void> code(std::string_view key, std::string_view enumeration, std::string& out, bool allow_empty) const {
    YC_TRY_VOID(text(key, out, 64));
    if (out.empty() && allow_empty) return {};
    if (!in_enum(enumeration, out)) return bad(at(key), fmt::format("取值“{}”不在允许的范围内", out));
    return {};
  }
  Result<void> codes(std::string_view key, std::string_view enumeration, std::vector<std::string>& out) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_array()) return bad(at(key), "应为列表");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const auto& e = v->as_array()[i];
      const auto p = fmt::format("{}[{}]", at(key), i);
      if (!e.is_string()) return bad(p, "应为文本");
      std::string c(e.as_string());
      if (!in_enum(enumeration, c)) return bad(p, fmt::format("取值“{}”不在允许的范围内", c));
      if (!seen.insert(c).second) return bad(p, fmt::format("“{}”重复", c));
      out.push_back(std::move(c));
    }
    return {};
  }
  Result<void> texts(std::string_view key, std::vector<std::string>& out) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_array()) return bad(at(key), "应为列表");
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const auto& e = v->as_array()[i];
      if (!e.is_string()) return bad(fmt::format("{}[{}]", at(key), i), "应为文本");
      out.emplace_back(e.as_string());
    }
    return {};
  }
  Result<void> flag(std::string_view key, bool& out) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_bool()) return bad(at(key), "应为 true 或 false");
    out = v->as_bool();
    return {};
  }
  Result<void> number(std::string_view key, int& out, int lo, int hi) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_int64() || v->as_int64() < lo || v->as_int64() > hi)
      return bad(at(key), fmt::format("应为 {} 至 {} 的整数", lo, hi));
    out = static_cast<int>(v->as_int64());
    return {};
  }
  // Each element of an array member, with its path.
  template <typename F>
  Result<void> each(std::string_view key, F&& fn) const {
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_array()) return bad(at(key), "应为列表");
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const auto p = fmt::format("{}[{}]", at(key), i);
      Reader r(v->as_array()[i], p);
      if (!r.ok()) return bad(p, "应为对象");
      YC_TRY_VOID(fn(r));
    }
    return {};
  }
  Result<Reader> object(std::string_view key) const {
    static const json::value kEmpty = json::object{};
    const auto* v = o_->if_contains(key);
    if (v == nullptr || v->is_null()) return Reader(kEmpty, at(key));
    if (!v->is_object()) return bad(at(key), "应为对象");
    return Reader(*v, at(key));
  }

 private:
  const json::object* o_ = nullptr;
  std::string path_;
};

json::array to_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string labels_of(std::string_view enumeration, const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : "、") + std::string(label(enumeration, c));
  return out;
}

std::string joined(const std::vector<std::string>& v, std::string_view sep = ";") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

}  // namespace

std::string_view label(std::string_view enumeration, std::string_view code) {
  auto it = enumerations().find(enumeration);
  if (it == enumerations().end()) return code;
  for (const auto& [c, l] : it->second)
    if (code == c) return l;
  return code;
}

const std::vector<FieldName>& twelve_fields() {
  static const std::vector<FieldName> kFields = {
      {"name", "事项名称"},       {"type", "事项类型"},     {"legal_basis", "设定依据"},
      {"levels", "行使层级"},     {"service_objects", "服务对象"}, {"time_limit", "办结时限"},
      {"conditions", "受理条件"}, {"materials", "申请材料"}, {"process", "办理流程"},
      {"result", "办理结果"},     {"fee", "收费标准"},      {"body", "实施主体"},
  };
  return kFields;
}

bool valid_code(std::string_view code) {
  // BJ-XXXX-000
  if (code.size() < 8 || code.size() > 16 || code.substr(0, 3) != "BJ-") return false;
  const auto dash = code.rfind('-');
  if (dash <= 3 || code.size() - dash != 4) return false;
  for (std::size_t i = 3; i < dash; ++i)
    if (code[i] < 'A' || code[i] > 'Z') return false;
  for (std::size_t i = dash + 1; i < code.size(); ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  return true;
}

Result<Item> parse_item(const json::value& document) {
  Reader r(document, "");
  if (!r.ok()) return fail(ErrorCode::kInvalidArgument, "事项内容应为 JSON 对象", "document");
  Item it;
  YC_TRY_VOID(r.text("code", it.code, 16));
  if (!valid_code(it.code)) return bad("code", "事项编码应形如 BJ-JYCY-001");
  YC_TRY_VOID(r.text("name", it.name, 60));
  YC_TRY_VOID(r.code("type", "type", it.type, true));
  YC_TRY_VOID(r.each("legal_basis", [&](const Reader& e) -> Result<void> {
    LegalBasis b;
    YC_TRY_VOID(e.text("law", b.law, 200));
    YC_TRY_VOID(e.text("article", b.article, 60));
    YC_TRY_VOID(e.text("text", b.text, 2000));
    it.legal_basis.push_back(std::move(b));
    return {};
  }));
  YC_TRY_VOID(r.codes("levels", "level", it.levels));
  YC_TRY_VOID(r.codes("service_objects", "service_object", it.service_objects));
  auto tl = YC_TRY(r.object("time_limit"));
  YC_TRY_VOID(tl.code("kind", "time_kind", it.time_limit.kind, true));
  YC_TRY_VOID(tl.number("legal_days", it.time_limit.legal_days, 0, 365));
  YC_TRY_VOID(tl.number("promised_days", it.time_limit.promised_days, 0, 365));
  YC_TRY_VOID(tl.flag("correction_suspends", it.time_limit.correction_suspends));
  YC_TRY_VOID(r.texts("conditions", it.conditions));
  YC_TRY_VOID(r.each("materials", [&](const Reader& e) -> Result<void> {
    Material m;
    YC_TRY_VOID(e.text("name", m.name, 100));
    YC_TRY_VOID(e.code("kind", "material_kind", m.kind, true));
    YC_TRY_VOID(e.code("form", "material_form", m.form, true));
    YC_TRY_VOID(e.number("count", m.count, 0, 99));
    YC_TRY_VOID(e.flag("required", m.required));
    YC_TRY_VOID(e.text("condition", m.condition, 200));
    YC_TRY_VOID(e.text("blank_form", m.blank_form, 120));
    YC_TRY_VOID(e.text("sample", m.sample, 120));
    YC_TRY_VOID(e.flag("shared", m.shared));
    YC_TRY_VOID(e.text("shared_source", m.shared_source, 100));
    it.materials.push_back(std::move(m));
    return {};
  }));
  YC_TRY_VOID(r.each("process", [&](const Reader& e) -> Result<void> {
    Step s;
    YC_TRY_VOID(e.code("step", "step", s.step, false));
    YC_TRY_VOID(e.text("name", s.name, 30));
    YC_TRY_VOID(e.text("description", s.description, 500));
    it.process.push_back(std::move(s));
    return {};
  }));
  auto res = YC_TRY(r.object("result"));
  YC_TRY_VOID(res.code("kind", "result_kind", it.result.kind, true));
  YC_TRY_VOID(res.text("name", it.result.name, 100));
  YC_TRY_VOID(res.codes("delivery", "delivery", it.result.delivery));
  auto fee = YC_TRY(r.object("fee"));
  it.fee.stated = document.as_object().contains("fee") && !document.as_object().at("fee").is_null();
  YC_TRY_VOID(fee.flag("free", it.fee.free));
  YC_TRY_VOID(fee.text("amount", it.fee.amount, 100));
  YC_TRY_VOID(fee.text("basis", it.fee.basis, 300));
  YC_TRY_VOID(r.text("body", it.body, 100));
  YC_TRY_VOID(r.code("category", "category", it.category, true));
  YC_TRY_VOID(r.code("service_level", "service_level", it.service_level, true));
  YC_TRY_VOID(r.codes("channels", "channel", it.channels));
  YC_TRY_VOID(r.flag("citywide", it.citywide));
  YC_TRY_VOID(r.code("high_risk", "high_risk", it.high_risk, true));
  YC_TRY_VOID(r.codes("life_events", "life_event", it.life_events));
  YC_TRY_VOID(r.texts("synonyms", it.synonyms));
  YC_TRY_VOID(r.text("summary", it.summary, 200));
  YC_TRY_VOID(r.flag("demo", it.demo));
  return it;
}

json::value to_json(const Item& it) {
  json::array basis;
  for (const auto& b : it.legal_basis) basis.push_back(json::object{{"law", b.law}, {"article", b.article}, {"text", b.text}});
  json::array materials;
  for (const auto& m : it.materials)
    materials.push_back(json::object{{"name", m.name}, {"kind", m.kind}, {"form", m.form}, {"count", m.count},
                                     {"required", m.required}, {"condition", m.condition},
                                     {"blank_form", m.blank_form}, {"sample", m.sample}, {"shared", m.shared},
                                     {"shared_source", m.shared_source}});
  json::array process;
  for (const auto& s : it.process)
    process.push_back(json::object{{"step", s.step}, {"name", s.name}, {"description", s.description}});
  return json::object{
      {"code", it.code},
      {"name", it.name},
      {"type", it.type},
      {"legal_basis", std::move(basis)},
      {"levels", to_array(it.levels)},
      {"service_objects", to_array(it.service_objects)},
      {"time_limit", json::object{{"kind", it.time_limit.kind},
                                  {"legal_days", it.time_limit.legal_days},
                                  {"promised_days", it.time_limit.promised_days},
                                  {"correction_suspends", it.time_limit.correction_suspends}}},
      {"conditions", to_array(it.conditions)},
      {"materials", std::move(materials)},
      {"process", std::move(process)},
      {"result", json::object{{"kind", it.result.kind}, {"name", it.result.name}, {"delivery", to_array(it.result.delivery)}}},
      {"fee", json::object{{"free", it.fee.free}, {"amount", it.fee.amount}, {"basis", it.fee.basis}}},
      {"body", it.body},
      {"category", it.category},
      {"service_level", it.service_level},
      {"channels", to_array(it.channels)},
      {"citywide", it.citywide},
      {"high_risk", it.high_risk},
      {"life_events", to_array(it.life_events)},
      {"synonyms", to_array(it.synonyms)},
      {"summary", it.summary},
      {"demo", it.demo},
  };
}

std::vector<Finding> check(const Item& it) {
  std::vector<Finding> out;
  auto add = [&out](std::string rule, std::string path, std::string message) {
    out.push_back(Finding{std::move(rule), std::move(path), std::move(message)});
  };
  auto missing = [&](const char* member, const char* name) {
    add("missing_field", member, fmt::format("缺少“{}”(十二个统一)", name));
  };
  // The twelve unified fields, ① to ⑫.
  if (blank(it.name)) missing("name", "事项名称");
  if (it.type.empty()) missing("type", "事项类型");
  if (it.legal_basis.empty()) missing("legal_basis", "设定依据");
  for (std::size_t i = 0; i < it.legal_basis.size(); ++i)
    if (blank(it.legal_basis[i].law))
      add("missing_field", fmt::format("legal_basis[{}].law", i), "设定依据缺少法规名称");
  if (it.levels.empty()) missing("levels", "行使层级");
  if (it.service_objects.empty()) missing("service_objects", "服务对象");
  if (it.time_limit.kind.empty()) missing("time_limit", "办结时限");
  if (it.conditions.empty() || std::all_of(it.conditions.begin(), it.conditions.end(), [](const auto& c) { return blank(c); }))
    missing("conditions", "受理条件");
  if (it.materials.empty()) missing("materials", "申请材料");
  if (it.process.empty()) missing("process", "办理流程");
  if (it.result.kind.empty() || blank(it.result.name)) missing("result", "办理结果");
  if (!it.fee.stated) missing("fee", "收费标准");
  if (!it.fee.free && (blank(it.fee.amount) || blank(it.fee.basis)))
    add("fee_without_basis", "fee", "收费事项须写明收费标准和收费依据");
  if (blank(it.body)) missing("body", "实施主体");
  if (it.category.empty()) add("missing_field", "category", "缺少所属类别(就业创业/社会保险/劳动关系/其他)");
  if (it.service_level.empty()) add("missing_field", "service_level", "缺少服务层面(街道/社区)");
  if (it.channels.empty()) add("missing_field", "channels", "缺少办理渠道");

  // Time limits (限时办结制, 三(八)).
  const auto& tl = it.time_limit;
  if (tl.kind == "immediate" && (tl.legal_days != 0 || tl.promised_days != 0))
    add("immediate_with_days", "time_limit", "即办件的法定和承诺时限应为 0 个工作日");
  if (tl.kind == "promised") {
    if (tl.legal_days <= 0) add("missing_legal_days", "time_limit.legal_days", "承诺件须写明法定办结时限");
    if (tl.promised_days <= 0) add("missing_promised_days", "time_limit.promised_days", "承诺件须写明承诺办结时限");
    if (tl.promised_days > tl.legal_days)
      add("promise_over_legal", "time_limit.promised_days",
          fmt::format("承诺时限 {} 个工作日超过法定时限 {} 个工作日", tl.promised_days, tl.legal_days));
  }

  // Materials (一次性告知: every material named, with what makes it needed).
  for (std::size_t i = 0; i < it.materials.size(); ++i) {
    const auto& m = it.materials[i];
    const auto p = fmt::format("materials[{}]", i);
    if (blank(m.name)) add("missing_field", p + ".name", "材料缺少名称");
    if (m.kind.empty()) add("missing_field", p + ".kind", fmt::format("材料“{}”缺少类别", m.name));
    if (m.form.empty()) add("missing_field", p + ".form", fmt::format("材料“{}”未注明原件或复印件", m.name));
    if (m.kind == "form" && blank(m.blank_form))
      add("form_without_blank", p + ".blank_form", fmt::format("表格“{}”缺少空白表格", m.name));
    if (m.kind == "form" && blank(m.sample))
      add("form_without_sample", p + ".sample", fmt::format("表格“{}”缺少填写样表", m.name));
    if (!m.required && blank(m.condition))
      add("optional_without_condition", p + ".condition", fmt::format("非必需材料“{}”须写明何种情形需要提交", m.name));
    if (m.shared && blank(m.shared_source))
      add("shared_without_source", p + ".shared_source", fmt::format("免提交材料“{}”须写明共享来源部门", m.name));
  }

  // The review chain (初审 -> 复审 -> 审批 -> 复核, any subset, in order;
  // separation of duties between them is enforced per case, 三(七)).
  static const std::vector<std::string> kChain = {"review_first", "review_second", "approve", "recheck"};
  int last = -1;
  bool reviewed_after_intake = false, intake_seen = false;
  for (std::size_t i = 0; i < it.process.size(); ++i) {
    const auto& s = it.process[i];
    if (s.step == "intake") intake_seen = true;
    const auto pos = std::find(kChain.begin(), kChain.end(), s.step);
    if (pos == kChain.end()) continue;
    const int idx = static_cast<int>(pos - kChain.begin());
    if (idx <= last)
      add("chain_out_of_order", fmt::format("process[{}]", i),
          fmt::format("审核环节“{}”重复或顺序不符(应为 初审→复审→审批→复核)", label("step", s.step)));
    last = std::max(last, idx);
    if (intake_seen) reviewed_after_intake = true;
  }
  if (!it.high_risk.empty() && !reviewed_after_intake)
    add("high_risk_without_review", "process",
        fmt::format("高风险事项({})受理后须经过至少一个审核环节", label("high_risk", it.high_risk)));
  return out;
}

namespace {
void compare(std::vector<Change>& out, std::string path, std::string label_text, std::string before, std::string after) {
  if (before != after) out.push_back(Change{std::move(path), std::move(label_text), std::move(before), std::move(after)});
}
std::string material_text(const Material& m) {
  std::string s = fmt::format("{}({},{} 份,{})", m.name, label("material_form", m.form), m.count,
                              m.required ? "必需" : "情形:" + m.condition);
  if (m.shared) s += ",免提交:" + m.shared_source;
  return s;
}
std::string time_text(const TimeLimit& t) {
  if (t.kind == "immediate") return "即办件";
  return fmt::format("{}:法定 {} 个工作日,承诺 {} 个工作日", label("time_kind", t.kind), t.legal_days, t.promised_days);
}
}  // namespace

std::vector<Change> diff(const Item& a, const Item& b) {
  std::vector<Change> out;
  compare(out, "name", "事项名称", a.name, b.name);
  compare(out, "type", "事项类型", std::string(label("type", a.type)), std::string(label("type", b.type)));
  auto basis = [](const Item& it) {
    std::vector<std::string> v;
    for (const auto& l : it.legal_basis) v.push_back(l.law + l.article + (l.text.empty() ? "" : ":" + l.text));
    return v;
  };
  const auto ba = basis(a), bb = basis(b);
  for (std::size_t i = 0; i < std::max(ba.size(), bb.size()); ++i)
    compare(out, fmt::format("legal_basis[{}]", i), fmt::format("设定依据 {}", i + 1), i < ba.size() ? ba[i] : "",
            i < bb.size() ? bb[i] : "");
  compare(out, "levels", "行使层级", labels_of("level", a.levels), labels_of("level", b.levels));
  compare(out, "service_objects", "服务对象", labels_of("service_object", a.service_objects),
          labels_of("service_object", b.service_objects));
  compare(out, "time_limit", "办结时限", time_text(a.time_limit), time_text(b.time_limit));
  for (std::size_t i = 0; i < std::max(a.conditions.size(), b.conditions.size()); ++i)
    compare(out, fmt::format("conditions[{}]", i), fmt::format("受理条件 {}", i + 1),
            i < a.conditions.size() ? a.conditions[i] : "", i < b.conditions.size() ? b.conditions[i] : "");
  for (std::size_t i = 0; i < std::max(a.materials.size(), b.materials.size()); ++i)
    compare(out, fmt::format("materials[{}]", i), fmt::format("申请材料 {}", i + 1),
            i < a.materials.size() ? material_text(a.materials[i]) : "",
            i < b.materials.size() ? material_text(b.materials[i]) : "");
  auto steps = [](const Item& it) {
    std::vector<std::string> v;
    for (const auto& s : it.process) v.push_back(s.name.empty() ? std::string(label("step", s.step)) : s.name);
    return joined(v, " → ");
  };
  compare(out, "process", "办理流程", steps(a), steps(b));
  compare(out, "result", "办理结果",
          fmt::format("{}({};{})", a.result.name, label("result_kind", a.result.kind), labels_of("delivery", a.result.delivery)),
          fmt::format("{}({};{})", b.result.name, label("result_kind", b.result.kind), labels_of("delivery", b.result.delivery)));
  auto fee = [](const Fee& f) { return f.free ? std::string("不收费") : f.amount + "(依据:" + f.basis + ")"; };
  compare(out, "fee", "收费标准", fee(a.fee), fee(b.fee));
  compare(out, "body", "实施主体", a.body, b.body);
  compare(out, "category", "所属类别", std::string(label("category", a.category)), std::string(label("category", b.category)));
  compare(out, "service_level", "服务层面", std::string(label("service_level", a.service_level)),
          std::string(label("service_level", b.service_level)));
  compare(out, "channels", "办理渠道", labels_of("channel", a.channels), labels_of("channel", b.channels));
  compare(out, "citywide", "全城通办", a.citywide ? "是" : "否", b.citywide ? "是" : "否");
  compare(out, "high_risk", "高风险", a.high_risk.empty() ? "否" : std::string(label("high_risk", a.high_risk)),
          b.high_risk.empty() ? "否" : std::string(label("high_risk", b.high_risk)));
  compare(out, "summary", "简要说明", a.summary, b.summary);
  compare(out, "synonyms", "俗称", joined(a.synonyms, "、"), joined(b.synonyms, "、"));
  return out;
}

std::string search_text(const Item& it) {
  std::string s = it.name + " " + joined(it.synonyms, " ") + " " + it.summary + " " + joined(it.conditions, " ");
  for (const auto& m : it.materials) s += " " + m.name;
  return s;
}

namespace {
#include "catalog/pinyin_initials.inc"
}  // namespace

std::string pinyin_initials(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 0x6) len = 2, cp = c & 0x1F;
    else if ((c >> 4) == 0xE) len = 3, cp = c & 0x0F;
    else if ((c >> 3) == 0x1E) len = 4, cp = c & 0x07;
    else { ++i; continue; }  // a stray continuation byte
    if (i + len > s.size()) break;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp < 0x80) {
      const char a = static_cast<char>(cp);
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) out += a;
      else if (a >= 'A' && a <= 'Z') out += static_cast<char>(a - 'A' + 'a');
    } else if (cp >= kPinyinFirst && cp <= kPinyinLast) {
      const char letter = kPinyinInitials[cp - kPinyinFirst];
      if (letter != '_') out += letter;
    }
  }
  return out;
}

}  // namespace yc::catalog
