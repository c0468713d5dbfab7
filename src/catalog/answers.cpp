#include "catalog/answers.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace yc::catalog {
namespace {

// Words of a question that say nothing about the matter.
constexpr std::string_view kNoise[] = {"怎么办理", "怎么办", "如何办理", "怎么", "如何", "怎样", "需要", "什么",
                                       "哪里",     "哪儿",   "多久",     "多长时间", "可以", "能不能", "是否",
                                       "请问",     "我想",   "我要",     "一下", "吗",   "呢",     "的",
                                       "了",       "我",     "要",       "去",   "在",   "？",     "?",
                                       "，",       "。",     ",",        "."};

// The length of the UTF-8 sequence starting with byte c.
std::size_t seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

bool is_cjk(std::string_view ch) { return ch.size() >= 3; }

int count(std::string_view text, std::string_view term) {
  int n = 0;
  for (auto pos = text.find(term); pos != std::string_view::npos; pos = text.find(term, pos + term.size())) ++n;
  return n;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string shorten(const std::string& text, std::size_t max_bytes = 180) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = 0;
  while (cut < text.size()) {
    const auto n = seq_len(static_cast<unsigned char>(text[cut]));
    if (cut + n > max_bytes) break;
    cut += n;
  }
  return text.substr(0, cut) + "…";
}

}  // namespace

std::vector<std::string> answer_terms(std::string_view question) {
  std::string q(question.substr(0, 400));
  for (auto noise : kNoise)
    for (auto pos = q.find(noise); pos != std::string::npos; pos = q.find(noise, pos)) q.replace(pos, noise.size(), " ");
  std::vector<std::string> terms;
  auto add = [&](std::string t) {
    if (!t.empty() && std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(std::move(t));
  };
  std::vector<std::string> run;  // CJK characters
  std::string word;              // letters and digits
  auto flush = [&] {
    if (run.size() == 1) add(run[0]);
    for (std::size_t i = 0; i + 1 < run.size(); ++i) add(run[i] + run[i + 1]);
    run.clear();
    if (!word.empty()) add(lower(word));
    word.clear();
  };
  for (std::size_t i = 0; i < q.size();) {
    const auto n = std::min(seq_len(static_cast<unsigned char>(q[i])), q.size() - i);
    std::string_view ch(q.data() + i, n);
    i += n;
    if (is_cjk(ch)) {
      if (!word.empty()) flush();
      run.emplace_back(ch);
    } else if (n == 1 && std::isalnum(static_cast<unsigned char>(ch[0]))) {
      if (!run.empty()) flush();
      word += ch[0];
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

std::vector<Answer> search_answers(const std::vector<Item>& items, std::string_view question, int limit) {
  const auto terms = answer_terms(question);
  if (terms.empty()) return {};
  std::vector<Answer> out;
  for (const auto& it : items) {
    std::vector<AnswerLine> lines;
    for (const auto& c : it.conditions) lines.push_back({"conditions", "受理条件", c});
    for (const auto& m : it.materials)
      lines.push_back({"materials", "申请材料",
                       fmt::format("{}({}{}份{})", m.name, label("material_form", m.form), m.count,
                                   m.required ? "" : (m.condition.empty() ? ",视情况提供" : "," + m.condition))});
    for (const auto& s : it.process)
      lines.push_back({"process", "办理流程", s.description.empty() ? s.name : s.name + ":" + s.description});
    lines.push_back({"time_limit", "办结时限",
                     it.time_limit.kind == "immediate"
                         ? std::string("即办件,材料齐全当场办结")
                         : fmt::format("承诺件,{} 个工作日内办结(法定 {} 个工作日)", it.time_limit.promised_days,
                                       it.time_limit.legal_days)});
    lines.push_back({"fee", "收费标准", it.fee.free ? std::string("不收费") : it.fee.amount + " " + it.fee.basis});
    if (!it.result.name.empty()) lines.push_back({"result", "办理结果", it.result.name});

    const auto synonyms = [&] {
      std::string s;
      for (const auto& x : it.synonyms) s += x + " ";
      return s;
    }();
    int score = 0;
    std::vector<std::pair<int, std::size_t>> line_scores;
    for (const auto& t : terms) {
      score += 6 * count(it.name, t) + 4 * count(synonyms, t) + 2 * count(it.summary, t);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      int s = 0;
      for (const auto& t : terms) s += count(lower(lines[i].text), t);
      score += s;
      line_scores.emplace_back(s, i);
    }
    if (score == 0) continue;
    // The lines that answer best; when the question only named the item, its
    // conditions, time limit and first materials, the usual questions.
    std::stable_sort(line_scores.begin(), line_scores.end(), [](auto a, auto b) { return a.first > b.first; });
    Answer a{it.code, it.name, score, {}};
    for (const auto& [s, i] : line_scores) {
      if (a.lines.size() >= 4 || s == 0) break;
      a.lines.push_back(lines[i]);
    }
    if (a.lines.empty()) {
      for (const auto& l : lines)
        if (a.lines.size() < 4 && (l.field == "conditions" || l.field == "time_limit" || l.field == "materials") &&
            std::none_of(a.lines.begin(), a.lines.end(), [&](const AnswerLine& x) { return x.field == l.field; }))
          a.lines.push_back(l);
    }
    for (auto& l : a.lines) l.text = shorten(l.text);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const Answer& a, const Answer& b) { return a.score > b.score; });
  if (out.size() > static_cast<std::size_t>(std::max(1, limit))) out.resize(static_cast<std::size_t>(std::max(1, limit)));
  return out;
}

}  // namespace yc::catalog
