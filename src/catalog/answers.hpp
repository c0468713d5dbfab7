#pragma once
// Answer search over the guides (issue 11, item 5): the consultation line's
// staff, and citizens, type a question as people ask it ("失业了怎么领失业金",
// "退休要带什么材料") and get the items whose guide answers it, with the lines
// to read out: conditions, materials, steps, time limit, fee. Pure: the
// items in force are passed in (a city catalog is hundreds of items).

#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"

namespace yc::catalog {

struct AnswerLine {
  std::string field;  // name | summary | conditions | materials | process | time_limit | fee | result
  std::string label;  // 受理条件 ...
  std::string text;
};

struct Answer {
  std::string code, name;
  int score = 0;
  std::vector<AnswerLine> lines;  // the best-matching lines, at most 4
};

// The terms of a question: CJK runs as overlapping pairs of characters (a
// single character alone), other letters and digits as lower-case words;
// question words (怎么, 如何, 需要, 什么, 哪里 ...) dropped.
std::vector<std::string> answer_terms(std::string_view question);

// Items scored by where the terms occur (name > synonyms and summary > the
// guide's lines), best first, at most `limit`; items with no term at all are
// left out.
std::vector<Answer> search_answers(const std::vector<Item>& items, std::string_view question, int limit = 10);

}  // namespace yc::catalog
