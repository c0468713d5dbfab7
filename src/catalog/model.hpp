#pragma once
// The service catalog's item (issue 5, item 1; policy 三(二)(三), 十二个统一):
// the twelve unified fields, structured where the structure matters, and
// the rules of the conformance checker (issue 5, item 4). Pure code: the
// document is JSON (docs/catalog-item.md) parsed into these structs.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::catalog {

struct LegalBasis {
  std::string law, article, text;
};

struct TimeLimit {
  std::string kind;  // "immediate" 即办件 | "promised" 承诺件
  int legal_days = 0, promised_days = 0;
  // Waiting for a correction asked by the back office (退回补正) stops the
  // clock (issue 6, item 8); the time before acceptance never counts.
  bool correction_suspends = false;
};

struct Material {
  std::string name;
  std::string kind;  // "form" | "document" | "proof"
  std::string form;  // "original" | "copy" | "original_and_copy" | "electronic"
  int count = 1;
  bool required = true;
  std::string condition;
  std::string blank_form, sample;
  bool shared = false;
  std::string shared_source;
};

struct Step {
  std::string step;  // consult | intake | review_first | review_second | approve | recheck | deliver
  std::string name, description;
};

struct ItemResult {
  std::string kind;  // certificate | notice | record | payment | service
  std::string name;
  std::vector<std::string> delivery;
};

struct Fee {
  bool stated = false;  // the document says something about fees (⑪ is present)
  bool free = true;
  std::string amount, basis;
};

// One version of an item, exactly as docs/catalog-item.md describes it.
struct Item {
  std::string code;
  std::string name;                           // ① 事项名称
  std::string type;                           // ② 事项类型
  std::vector<LegalBasis> legal_basis;        // ③ 设定依据
  std::vector<std::string> levels;            // ④ 行使层级
  std::vector<std::string> service_objects;   // ⑤ 服务对象
  TimeLimit time_limit;                       // ⑥ 办结时限
  std::vector<std::string> conditions;        // ⑦ 受理条件
  std::vector<Material> materials;            // ⑧ 申请材料
  std::vector<Step> process;                  // ⑨ 办理流程
  ItemResult result;                          // ⑩ 办理结果
  Fee fee;                                    // ⑪ 收费标准
  std::string body;                           // ⑫ 实施主体
  std::string category, service_level;
  std::vector<std::string> channels;
  bool citywide = false;
  std::string high_risk;
  std::vector<std::string> life_events, synonyms;
  std::string summary;
  bool demo = false;
};

// The labels of the enumerations, for screens, PDFs and diffs; the code
// itself when unknown.
std::string_view label(std::string_view enumeration, std::string_view code);
// The twelve fields' Chinese names, ① to ⑫, keyed by the JSON member.
struct FieldName {
  const char* member;
  const char* label;
};
const std::vector<FieldName>& twelve_fields();

// Parses a document: every member of the right JSON type and every code in
// its enumeration, else kInvalidArgument naming the path ("materials[2].form").
// Completeness is not checked here (a draft may be unfinished): see check().
Result<Item> parse_item(const boost::json::value& document);
boost::json::value to_json(const Item& item);

// An item code: BJ-<letters>-<3 digits>.
bool valid_code(std::string_view code);

// One problem the conformance checker found (issue 5, item 4).
struct Finding {
  std::string rule;     // stable code, e.g. "missing_field", "form_without_blank"
  std::string path;     // JSON path of the field, e.g. "materials[0].blank_form"
  std::string message;  // Chinese, for editors
};
std::vector<Finding> check(const Item& item);

// A readable difference between two versions: one line per changed field,
// labelled in Chinese, with the text before and after.
struct Change {
  std::string path, label, before, after;
};
std::vector<Change> diff(const Item& before, const Item& after);

// The text that search indexes: name, synonyms, summary, conditions, materials.
std::string search_text(const Item& item);

// Pinyin initials of Chinese text for kiosk search (失业登记 -> "sydj"): the
// first letter of each ideograph's common reading (table from pinyin-pro,
// tools/pinyin), ASCII letters and digits lower-cased, everything else left out.
std::string pinyin_initials(std::string_view utf8);

}  // namespace yc::catalog
