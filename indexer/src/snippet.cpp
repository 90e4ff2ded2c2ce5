#include "pratiques/snippet.h"

#include <vector>

#include "pratiques/text.h"

namespace pratiques {

std::string make_snippet(const Analyzer& analyzer, const std::string& text, const std::set<std::string>& terms,
                         const std::set<std::string>& stems, std::size_t max_bytes) {
  std::vector<Token> tokens;
  for (Token& t : analyzer.tokenize(text))
    if (!t.joined) tokens.push_back(std::move(t));
  if (tokens.empty()) return "";
  std::vector<bool> hit(tokens.size(), false);
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (terms.count(tokens[i].term) || stems.count(analyzer.stem(tokens[i].term))) {
      hit[i] = true;
      hits.push_back(i);
    }
  }
  // The window (in tokens) with the most matches; it starts a little before its first match.
  std::size_t best_first = 0, best_count = 0;
  for (std::size_t h : hits) {
    std::size_t first = h;
    while (first > 0 && tokens[h].begin - tokens[first - 1].begin < 40) --first;
    std::size_t count = 0;
    for (std::size_t k = first; k < tokens.size() && tokens[k].end - tokens[first].begin <= max_bytes; ++k) count += hit[k];
    if (count > best_count) {
      best_count = count;
      best_first = first;
    }
  }
  std::size_t last = best_first;
  while (last + 1 < tokens.size() && tokens[last + 1].end - tokens[best_first].begin <= max_bytes) ++last;

  std::string out;
  if (best_first > 0) out += "… ";
  std::size_t cursor = tokens[best_first].begin;
  for (std::size_t k = best_first; k <= last; ++k) {
    out += text::html_escape(std::string_view(text).substr(cursor, tokens[k].begin - cursor));
    const std::string_view word = std::string_view(text).substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    if (hit[k]) out += "<mark>" + text::html_escape(word) + "</mark>";
    else out += text::html_escape(word);
    cursor = tokens[k].end;
  }
  if (last + 1 < tokens.size()) out += " …";
  // Line breaks of the source are not meaningful in an extract.
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

}  // namespace pratiques
