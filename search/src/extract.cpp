#include "pratiques/extract.h"

#include <algorithm>

#include "pratiques/text.h"

namespace pratiques {

namespace {
bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::vector<std::string> Extract::marked_texts() const {
  std::vector<std::string> out;
  for (const auto& m : marks) out.push_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

void Extract::append(std::string_view separator, const Extract& more) {
  if (!text.empty()) text += separator;
  const std::size_t shift = text.size();
  text += more.text;
  for (const auto& m : more.marks) marks.push_back({m.begin + shift, m.end + shift});
}

void Extract::sanitize() {
  std::vector<Mark> kept;
  std::size_t after = 0;
  for (const auto& m : marks) {
    if (m.begin < after || m.begin >= m.end || m.end > text.size()) continue;
    if (continuation(static_cast<unsigned char>(text[m.begin])) ||
        (m.end < text.size() && continuation(static_cast<unsigned char>(text[m.end]))))
      continue;  // would cut a character in two
    kept.push_back(m);
    after = m.end;
  }
  marks = std::move(kept);
}

std::string to_html(const Extract& e, const ForeignTerms* foreign) {
  const std::string_view text(e.text);
  std::vector<Extract::Mark> marks;  // as sanitize() keeps them: in order, never overlapping
  for (const auto& m : e.marks)
    if (m.begin >= (marks.empty() ? 0 : marks.back().end) && m.begin < m.end && m.end <= text.size())
      marks.push_back(m);
  const auto terms = foreign ? foreign->find(text) : std::vector<ForeignTerms::Occurrence>{};
  // Every edge of a mark or a term, then each piece between two edges inside the mark and the term
  // it is in (their index, or none).
  std::vector<std::size_t> edges = {0, text.size()};
  for (const auto& m : marks) edges.insert(edges.end(), {m.begin, m.end});
  for (const auto& t : terms) edges.insert(edges.end(), {t.begin, t.end});
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t mark = kNone, term = kNone, next_mark = 0, next_term = 0;
  std::string out;
  out.reserve(text.size() + marks.size() * 13 + terms.size() * 24 + 16);
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    const std::size_t at = edges[i];
    while (next_mark < marks.size() && marks[next_mark].end <= at) ++next_mark;
    while (next_term < terms.size() && terms[next_term].end <= at) ++next_term;
    const std::size_t in_mark = next_mark < marks.size() && marks[next_mark].begin <= at ? next_mark : kNone;
    const std::size_t in_term = next_term < terms.size() && terms[next_term].begin <= at ? next_term : kNone;
    if (mark != kNone && (in_mark != mark || in_term != term)) out += "</mark>", mark = kNone;
    if (term != kNone && in_term != term) out += "</span>", term = kNone;
    if (in_term != term) out += "<span lang=\"" + text::html_escape(*terms[in_term].lang) + "\">", term = in_term;
    if (in_mark != mark) out += "<mark>", mark = in_mark;
    out += text::html_escape(text.substr(at, edges[i + 1] - at));
  }
  if (mark != kNone) out += "</mark>";
  if (term != kNone) out += "</span>";
  return out;
}

}  // namespace pratiques
