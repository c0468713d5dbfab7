// Answer search (issue 11, item 5) over the demo catalog, with questions as
// callers to 12333 put them.
#include "catalog/answers.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/demo.hpp"

namespace yc::catalog {
namespace {

std::vector<Item> demo_items() {
  auto doc = boost::json::parse(demo_catalog_json());
  const auto& arr = doc.is_array() ? doc.as_array() : doc.as_object().at("items").as_array();
  std::vector<Item> out;
  for (const auto& v : arr) out.push_back(parse_item(v).value());
  return out;
}

TEST(AnswerSearch, QuestionWordsAreDroppedAndChineseBecomesPairs) {
  EXPECT_EQ(answer_terms("失业金怎么领?"), (std::vector<std::string>{"失业", "业金", "领"}));
  EXPECT_EQ(answer_terms("社保卡 PIN 忘了"), (std::vector<std::string>{"社保", "保卡", "pin", "忘"}));
  EXPECT_TRUE(answer_terms("怎么办?").empty());
}

TEST(AnswerSearch, CallersQuestionsFindTheItemThatAnswersThem) {
  const auto items = demo_items();
  ASSERT_GT(items.size(), 50u);
  const std::pair<const char*, const char*> cases[] = {
      {"失业了怎么领失业金", "BJ-SHBX-001"},
      {"社保卡丢了怎么补", "BJ-SHBX-011"},
      {"老板拖欠工资不给怎么办", "BJ-LDGX-003"},
      {"退休认证去哪里做", "BJ-SHBX-016"},
  };
  for (const auto& [q, code] : cases) {
    auto found = search_answers(items, q, 5);
    ASSERT_FALSE(found.empty()) << q;
    bool top3 = false;
    for (std::size_t i = 0; i < found.size() && i < 3; ++i) top3 = top3 || found[i].code == code;
    EXPECT_TRUE(top3) << q << " -> " << found[0].code << " " << found[0].name;
    EXPECT_FALSE(found[0].lines.empty()) << q;
    EXPECT_LE(found[0].lines.size(), 4u);
  }
}

TEST(AnswerSearch, MaterialsQuestionsReadOutTheMaterials) {
  auto found = search_answers(demo_items(), "办失业登记需要带什么材料 身份证", 3);
  ASSERT_FALSE(found.empty());
  bool materials = false;
  for (const auto& l : found[0].lines) materials = materials || l.field == "materials";
  EXPECT_TRUE(materials);
}

TEST(AnswerSearch, NothingForNoiseOrNonsense) {
  EXPECT_TRUE(search_answers(demo_items(), "请问怎么办?", 5).empty());
  EXPECT_TRUE(search_answers(demo_items(), "qqxxzz", 5).empty());
}

}  // namespace
}  // namespace yc::catalog
