#include "pratiques/snippet.h"

#include <bitset>
#include <vector>

#include "pratiques/text.h"

namespace pratiques {

namespace {

// The words sought, with the set of their first bytes: most words of a text start otherwise and
// need no lookup (a French stem keeps its word's first letter: Snowball rewrites endings only).
struct Sought {
  const std::set<std::string>& terms;
  const std::set<std::string>& stems;
  std::bitset<256> first;
  Sought(const std::set<std::string>& t, const std::set<std::string>& s) : terms(t), stems(s) {
    for (const auto* set : {&terms, &stems})
      for (const auto& w : *set)
        if (!w.empty()) first.set(static_cast<unsigned char>(w[0]));
  }
  // A word written in capitals (an acronym: "CAF") matches as written, never by its stem ("café").
  bool matches(const Analyzer& analyzer, const Token& token) const {
    const std::string& term = token.term;
    if (term.empty() || !first.test(static_cast<unsigned char>(term[0]))) return false;
    return terms.count(term) || (!token.upper && stems.count(analyzer.stem(term)));
  }
};

// The extract of one chunk of text; `found` tells whether it holds a match.
std::string chunk_snippet(const Analyzer& analyzer, std::string_view text, bool more_before, bool more_after,
                          const Sought& sought, std::size_t max_bytes, bool& found) {
  std::vector<Token> tokens = analyzer.tokenize(text);
  std::erase_if(tokens, [](const Token& t) { return t.joined; });
  found = false;
  if (tokens.empty()) return "";
  std::vector<bool> hit(tokens.size(), false);
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (sought.matches(analyzer, tokens[i])) {
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
  // Long texts are read chunk by chunk, so that a match near the start costs little (word
  // breaking is most of the cost of a result list). Each chunk is read with the length of an
  // extract after it, so that a match near its end keeps its context.
  constexpr std::size_t kChunk = 1000;
  const std::string_view all(text);
  const auto word_end = [&all](std::size_t at) {  // cut between words
    at = std::min(all.size(), at);
    while (at < all.size() && all[at] != ' ' && all[at] != '\n') ++at;
    return at;
  };
  const std::size_t scanned = word_end(kSnippetScannedBytes);
  const Sought sought(terms, stems);
  std::string first;
  for (std::size_t start = 0; start < scanned;) {
    const std::size_t end = std::min(scanned, word_end(start + kChunk)), view_end = word_end(end + max_bytes);
    bool found = false;
    std::string s = chunk_snippet(analyzer, all.substr(start, view_end - start), start > 0, view_end < all.size(), sought,
                                  max_bytes, found);
    if (found) return s;
    if (start == 0) first = std::move(s);
    start = end;
  }
  return first;
}

}  // namespace pratiques
