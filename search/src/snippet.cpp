#include "pratiques/snippet.h"

#include <algorithm>
#include <bitset>
#include <map>
#include <span>
#include <vector>

namespace pratiques {

namespace {

// The words sought, with the set of their first bytes: most words of a text start otherwise and
// need no lookup (a French stem keeps its word's first letter: Snowball rewrites endings only).
struct Sought {
  const Highlight& h;
  std::bitset<256> first;
  explicit Sought(const Highlight& highlight) : h(highlight) {
    for (const auto* set : {&h.terms, &h.stems})
      for (const auto& w : *set)
        if (!w.empty()) first.set(static_cast<unsigned char>(w[0]));
  }
  // A word written in capitals (an acronym: "CAF") matches as written, never by its stem ("café").
  // Returns the key of what matched (its stem), or "".
  std::string matches(const Analyzer& analyzer, const Token& token) const {
    const std::string& term = token.term;
    if (term.empty() || !first.test(static_cast<unsigned char>(term[0]))) return "";
    if (h.terms.count(term)) return analyzer.stem(term);
    if (!token.upper && h.stems.count(analyzer.stem(term))) return analyzer.stem(term);
    return "";
  }
};

// The extract of one chunk of `text`, whose words are `tokens` (offsets in `text`, joined compounds
// left out); `found` tells whether it holds a match.
Extract chunk_snippet(const Analyzer& analyzer, std::string_view text, std::span<const Token> tokens,
                      bool more_before, bool more_after, const Sought& sought, std::size_t max_bytes, bool& found) {
  found = false;
  if (tokens.empty()) return {};
  // Each match: the token where it starts, the last token it covers, the thing sought (a stem, or a
  // synonym group), numbered so that a window counts distinct things.
  std::vector<std::size_t> span_last(tokens.size(), std::string::npos);
  std::vector<int> key(tokens.size(), -1);
  std::map<std::string, int> keys;
  if (!sought.h.groups.empty() && sought.h.synonyms) {  // the tokens that may match are stemmed (make_snippet)
    auto spans = sought.h.synonyms->match(tokens);
    std::erase_if(spans, [&](const SynonymMatch& m) { return !sought.h.groups.count(m.group); });
    std::stable_sort(spans.begin(), spans.end(),
                     [](const SynonymMatch& a, const SynonymMatch& b) { return a.last - a.first > b.last - b.first; });
    std::vector<bool> covered(tokens.size(), false);
    for (const auto& m : spans) {
      if (std::any_of(covered.begin() + static_cast<long>(m.first), covered.begin() + static_cast<long>(m.last) + 1,
                      [](bool c) { return c; }))
        continue;
      std::fill(covered.begin() + static_cast<long>(m.first), covered.begin() + static_cast<long>(m.last) + 1, true);
      span_last[m.first] = m.last;
      key[m.first] = keys.emplace("#" + std::to_string(m.group), static_cast<int>(keys.size())).first->second;
    }
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (covered[i] && key[i] < 0) key[i] = -2;  // inside a span: not a match of its own
  }
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (key[i] == -1) {
      const std::string stem = sought.matches(analyzer, tokens[i]);
      if (stem.empty()) continue;
      span_last[i] = i;
      key[i] = keys.emplace(stem, static_cast<int>(keys.size())).first->second;
    }
    if (key[i] >= 0) hits.push_back(i);
  }
  found = !hits.empty();
  // The window (in tokens) with the most distinct things sought, then the most matches; it starts
  // a little before its first match.
  std::size_t best_first = 0, best_distinct = 0, best_count = 0;
  for (std::size_t h : hits) {
    std::size_t first = h;
    while (first > 0 && tokens[h].begin - tokens[first - 1].begin < 40) --first;
    std::set<int> distinct;
    std::size_t count = 0;
    for (std::size_t k = first; k < tokens.size() && tokens[k].end - tokens[first].begin <= max_bytes; ++k)
      if (key[k] >= 0) {
        distinct.insert(key[k]);
        ++count;
      }
    if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
      best_distinct = distinct.size();
      best_count = count;
      best_first = first;
    }
  }
  std::size_t last = best_first;
  while (last + 1 < tokens.size() && tokens[last + 1].end - tokens[best_first].begin <= max_bytes) ++last;

  Extract out;
  std::string& t = out.text;
  if (best_first > 0 || more_before) t += "… ";
  std::size_t cursor = tokens[best_first].begin;
  for (std::size_t k = best_first; k <= last; ++k) {
    t += text.substr(cursor, tokens[k].begin - cursor);
    if (key[k] >= 0 && span_last[k] <= last) {  // a match, whole: "personnes âgées"
      const std::size_t end = tokens[span_last[k]].end;
      out.marks.push_back({t.size(), t.size() + (end - tokens[k].begin)});
      t += text.substr(tokens[k].begin, end - tokens[k].begin);
      cursor = end;
      k = span_last[k];
      continue;
    }
    t += text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    cursor = tokens[k].end;
  }
  if (last + 1 < tokens.size() || more_after) t += " …";
  // Line breaks of the source are not meaningful in an extract (one byte for one: marks stay put).
  for (char& c : t)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

}  // namespace

Extract make_snippet(const Analyzer& analyzer, const std::string& text, const Highlight& highlight,
                     std::size_t max_bytes) {
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
  const Sought sought(highlight);
  // Synonyms sought are matched on the tokens' stems: only those of the words that may be part of
  // one are computed (a stem costs more than breaking the word).
  const std::bitset<256> stemmed =
      !sought.h.groups.empty() && sought.h.synonyms ? sought.h.synonyms->first_bytes(sought.h.groups) : std::bitset<256>();
  Extract first;
  // The words of all[tokens.front().begin, covered), offsets in `all`. A chunk's text overlaps the
  // next one's by an extract's length: those words are broken once (word breaking is cut between
  // words, at a space or a line break: a piece has the words it would have in the whole text).
  std::vector<Token> tokens;
  std::size_t covered = 0, kept = 0;  // tokens[kept...]: the words from the chunk's start
  for (std::size_t start = 0; start < scanned;) {
    const std::size_t end = std::min(scanned, word_end(start + kChunk)), view_end = word_end(end + max_bytes);
    while (kept < tokens.size() && tokens[kept].begin < start) ++kept;
    if (view_end > covered) {
      const std::string_view piece = all.substr(covered, view_end - covered);
      for (Token& t : analyzer.tokenize(piece)) {
        if (t.joined) continue;
        if (!t.term.empty() && stemmed.test(static_cast<unsigned char>(t.term[0]))) t.stem = analyzer.stem(t.term);
        t.begin += covered;
        t.end += covered;
        tokens.push_back(std::move(t));
      }
      covered = view_end;
    }
    bool found = false;
    Extract s = chunk_snippet(analyzer, all, std::span<const Token>(tokens).subspan(kept), start > 0,
                              view_end < all.size(), sought, max_bytes, found);
    if (found) return s;
    if (start == 0) first = std::move(s);
    start = end;
  }
  return first;
}

}  // namespace pratiques
