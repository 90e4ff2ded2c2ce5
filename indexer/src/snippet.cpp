#include "pratiques/snippet.h"

#include <vector>

#include "pratiques/text.h"

namespace pratiques {

namespace {

// The extract of one chunk of text; `found` tells whether it holds a match.
std::string chunk_snippet(const Analyzer& analyzer, std::string_view text, bool more_before, bool more_after,
                          const std::set<std::string>& terms, const std::set<std::string>& stems, std::size_t max_bytes,
                          bool& found) {
  std::vector<Token> tokens;
  for (Token& t : analyzer.tokenize(text))
    if (!t.joined) tokens.push_back(std::move(t));
  found = false;
  if (tokens.empty()) return "";
  std::vector<bool> hit(tokens.size(), false);
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (terms.count(tokens[i].term) || stems.count(analyzer.stem(tokens[i].term))) {
      hit[i] = true;
      hits.push_back(i);
    }
  }
  found = !hits.empty();
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
  if (best_first > 0 || more_before) out += "… ";
  std::size_t cursor = tokens[best_first].begin;
  for (std::size_t k = best_first; k <= last; ++k) {
    out += text::html_escape(text.substr(cursor, tokens[k].begin - cursor));
    const std::string_view word = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    if (hit[k]) out += "<mark>" + text::html_escape(word) + "</mark>";
    else out += text::html_escape(word);
    cursor = tokens[k].end;
  }
  if (last + 1 < tokens.size() || more_after) out += " …";
  // Line breaks of the source are not meaningful in an extract.
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

}  // namespace

std::string make_snippet(const Analyzer& analyzer, const std::string& text, const std::set<std::string>& terms,
                         const std::set<std::string>& stems, std::size_t max_bytes) {
  // Long texts are read chunk by chunk, so that a match near the start costs little.
  constexpr std::size_t kChunk = 3000;
  const std::string_view all(text);
  std::string first;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = std::min(all.size(), start + kChunk);
    while (end < all.size() && all[end] != ' ' && all[end] != '\n') ++end;  // cut between words
    bool found = false;
    std::string s = chunk_snippet(analyzer, all.substr(start, end - start), start > 0, end < all.size(), terms, stems,
                                  max_bytes, found);
    if (found) return s;
    if (start == 0) first = std::move(s);
    start = end;
  }
  return first;
}

}  // namespace pratiques
