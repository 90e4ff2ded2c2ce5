#include "pratiques/snippet.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pratiques/text.h"
#include "pratiques/word_class.h"

namespace pratiques {

namespace {

// The beginnings (Analyzer::beginning) of some terms or stems: a folded word may be one of them,
// or be stemmed to one, only if one of its beginnings (its first 1, 2 and 3 bytes) is theirs.
class Beginnings {
 public:
  void add(std::string_view key) {
    if (key.empty()) return;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, key.size()); ++i) {
      const unsigned char c = static_cast<unsigned char>(key[i]);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) any_word_ = true;  // the scan reads letters only
    }
    first_.set(first_key(key[0]));
    keys_.push_back(Analyzer::beginning(key));
  }
  void done() {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }
  // Whether a folded word that starts with `c` may be one of the keys or stemmed to one.
  bool may_start_with(char c) const { return any_word_ || first_.test(first_key(c)); }
  // Whether the folded word (or the fold of its first letters) may be one of the keys or stemmed to one.
  bool may_be(std::string_view folded) const {
    if (any_word_) return true;
    if (folded.empty() || !first_.test(first_key(folded[0]))) return false;
    for (std::size_t n = 1; n <= std::min<std::size_t>(3, folded.size()); ++n)
      if (std::binary_search(keys_.begin(), keys_.end(), Analyzer::beginning(folded.substr(0, n)))) return true;
    return false;
  }

 private:
  // A first letter as Analyzer::beginning reads it: a y as i.
  static unsigned char first_key(char c) { return static_cast<unsigned char>(c == 'y' ? 'i' : c); }

  std::vector<std::uint32_t> keys_;
  std::bitset<256> first_;
  bool any_word_ = false;  // a key starts with other than letters and digits: every word may be one
};

// What a character is to sought_words: part of a word (a letter or a digit), between words
// (WordClass's others, the apostrophe and the dot included: the word after them is looked at too),
// or a character that Analyzer::tokenize leaves to ICU.
enum class Kind { Letter, Separator, Unknown };

// The kind of the character at text[i], and its length (one byte for a byte that starts no
// character word_class knows).
Kind char_kind(std::string_view text, std::size_t i, std::size_t& length) {
  WordClass cls{};
  length = 1;
  if (!word_class(text, i, cls, length)) return Kind::Unknown;
  return cls == WordClass::Letter || cls == WordClass::Digit ? Kind::Letter : Kind::Separator;
}

// Whether text[from, to) may hold a word (a character other than between words).
bool holds_word(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from, length = 1; i < to; i += length)
    if (char_kind(text, i, length) != Kind::Separator) return true;
  return false;
}

// The offsets of the words of text[from, to) that may be sought (Beginnings::may_be, on the fold
// of their first letters). Only letters and digits make words here: a word Analyzer::tokenize
// makes of more ("l'école", "a.b") starts with one of these, or right after an apostrophe. A
// character that tokenize leaves to ICU, or that does not fold as a Latin letter, may be part of
// anything: it counts as a word sought. `from` must not be inside a word.
std::vector<std::size_t> sought_words(std::string_view text, std::size_t from, std::size_t to,
                                      const Beginnings& sought) {
  std::vector<std::size_t> out;
  std::string folded, one;
  // Whether the word at i may be sought. Most words are ruled out by their first letter, in ASCII.
  const auto may_be_sought = [&](std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !sought.may_start_with(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c))) return false;
    folded.clear();
    for (std::size_t j = i, n = 1; folded.size() < 3 && j < text.size() && char_kind(text, j, n) == Kind::Letter;
         j += n) {
      if (!text::fold_latin(text.substr(j, n), one)) return true;  // left to ICU: may be anything
      folded += one;
    }
    return sought.may_be(folded);
  };
  bool in_word = false;
  for (std::size_t i = from; i < to;) {
    std::size_t length = 1;
    const Kind k = char_kind(text, i, length);
    if (k == Kind::Letter && !in_word && may_be_sought(i)) out.push_back(i);
    if (k == Kind::Unknown) out.push_back(i);
    in_word = k == Kind::Letter;
    i += length;
  }
  return out;
}

// Whether a word may match by its stem: where the index holds its stem (index_tokens), that is not
// for an acronym written with a capital ("CAF", "Caf": never the stem of "café"), but for any other
// word in capitals ("ATD", which the index stems). Without the synonyms, every word in capitals is
// taken for an acronym. `text`: what the token's offsets are in.
bool stemmed_in_index(const Highlight& h, const Token& token, std::string_view text) {
  const bool capital = text[token.begin] >= 'A' && text[token.begin] <= 'Z';
  return !(h.synonyms ? capital && h.synonyms->acronym(token.term) : token.upper);
}

// The words sought, with their beginnings: most words of a text have none of them and need no
// lookup; passages without any need no word breaking.
struct Sought {
  const Highlight& h;
  Beginnings words;    // terms and stems sought
  Beginnings stemmed;  // the stems of the synonym groups sought (matched on the tokens' stems)
  Beginnings firsts;   // the first words of the phrases sought
  Beginnings any;      // the words sought and the first words of the synonyms and phrases sought
  explicit Sought(const Highlight& highlight) : h(highlight) {
    for (const auto* set : {&h.terms, &h.stems})
      for (const auto& w : *set) {
        words.add(w);
        any.add(w);
      }
    if (h.synonyms)
      for (const int g : h.groups) {
        const SynonymMatcher::Stems& stems = h.synonyms->stems(g);
        for (const auto& s : stems.all) stemmed.add(s);
        for (const auto& s : stems.first) any.add(s);
      }
    for (const auto& phrase : h.phrases)
      for (const auto* set : {&phrase.front().terms, &phrase.front().stems})
        for (const auto& w : *set) {
          firsts.add(w);
          any.add(w);
        }
    words.done();
    stemmed.done();
    firsts.done();
    any.done();
  }
  // Returns the key of what matched (its stem), or "".
  std::string matches(const Analyzer& analyzer, const Token& token, std::string_view text) const {
    const std::string& term = token.term;
    if (!words.may_be(term)) return "";
    if (h.terms.count(term)) return analyzer.stem(term);
    if (!stemmed_in_index(h, token, text)) return "";
    const std::string& stem = analyzer.stem(term);
    return h.stems.count(stem) ? stem : "";
  }
  // The last token of phrase `p` when it starts at tokens[i], or npos.
  std::size_t phrase_at(const Analyzer& analyzer, std::span<const Token> tokens, std::size_t i,
                        const std::vector<PhraseWord>& p, std::string_view text) const {
    if (i + p.size() > tokens.size() || !firsts.may_be(tokens[i].term)) return std::string::npos;
    for (std::size_t k = 0; k < p.size(); ++k) {
      const Token& t = tokens[i + k];
      if (t.term.empty()) return std::string::npos;  // a gap between the passages read
      if (!p[k].terms.count(t.term) &&
          !(stemmed_in_index(h, t, text) && !p[k].stems.empty() && p[k].stems.count(analyzer.stem(t.term))))
        return std::string::npos;
    }
    return i + p.size() - 1;
  }
};

// The extract of one chunk of `text`, whose words are `tokens` (offsets in `text`, joined compounds
// left out); `found` tells whether it holds a match.
Extract chunk_snippet(const Analyzer& analyzer, std::string_view text, std::span<const Token> tokens, bool more_before,
                      bool more_after, const Sought& sought, std::size_t max_bytes, bool& found) {
  found = false;
  if (tokens.empty()) return {};
  // Each match: the token where it starts, the last token it covers, the thing sought (a stem, or a
  // synonym group), numbered so that a window counts distinct things.
  std::vector<std::size_t> span_last(tokens.size(), std::string::npos);
  std::vector<int> key(tokens.size(), -1);
  std::map<std::string, int> keys;
  // The spans of several words: synonym terms ("#" + the group) and phrases ('"' + its number).
  struct Span {
    std::size_t first, last;
    std::string key;
  };
  std::vector<Span> spans;
  if (!sought.h.groups.empty() && sought.h.synonyms)  // the tokens that may match are stemmed (make_snippet)
    for (const auto& m : sought.h.synonyms->match(tokens))
      if (sought.h.groups.count(m.group)) spans.push_back({m.first, m.last, "#" + std::to_string(m.group)});
  for (std::size_t p = 0; p < sought.h.phrases.size(); ++p)
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (const std::size_t last = sought.phrase_at(analyzer, tokens, i, sought.h.phrases[p], text);
          last != std::string::npos)
        spans.push_back({i, last, "\"" + std::to_string(p)});
  if (!spans.empty()) {
    std::stable_sort(spans.begin(), spans.end(),
                     [](const Span& a, const Span& b) { return a.last - a.first > b.last - b.first; });
    std::vector<bool> covered(tokens.size(), false);
    for (const auto& m : spans) {
      if (std::any_of(covered.begin() + static_cast<long>(m.first), covered.begin() + static_cast<long>(m.last) + 1,
                      [](bool c) { return c; }))
        continue;
      std::fill(covered.begin() + static_cast<long>(m.first), covered.begin() + static_cast<long>(m.last) + 1, true);
      span_last[m.first] = m.last;
      key[m.first] = keys.emplace(m.key, static_cast<int>(keys.size())).first->second;
    }
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (covered[i] && key[i] < 0) key[i] = -2;  // inside a span: not a match of its own
  }
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (key[i] == -1) {
      const std::string stem = sought.matches(analyzer, tokens[i], text);
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

// One text's extract. Long texts are read chunk by chunk, so that a match near the start costs
// little. Each chunk is read with the length of an extract after it, so that a match near its end
// keeps its context. Word breaking is most of the cost of a result list: a chunk is broken into
// words only around the words that may be sought (sought_words), far enough for any window around
// them.
class TextReader {
 public:
  TextReader(const Analyzer& analyzer, std::string_view text, const Highlight& highlight, std::size_t max_bytes)
      : analyzer_(analyzer), all_(text), sought_(highlight), max_bytes_(max_bytes) {}

  // The extract of the first chunk that holds something sought, if any.
  std::optional<Extract> find() {
    for (std::size_t start = 0; start < scanned_;) {
      const std::size_t end = std::min(scanned_, cut_after(start + kChunk)), view_end = cut_after(end + max_bytes_);
      const std::vector<std::size_t> words = sought_words(all_, start, view_end, sought_.any);
      if (!words.empty()) {
        // The words from a little before each of those (an elided article, the 40 bytes a window
        // starts before its first match) to an extract's length after it, in one piece where these
        // overlap. An empty token stands for each gap: no synonym spans it, no window reaches it.
        tokens_.clear();
        std::size_t covered = start;
        for (std::size_t i = 0; i < words.size();) {
          const std::size_t from =
              std::max(covered, cut_before(words[i] > start + kIslandBefore ? words[i] - kIslandBefore : start));
          std::size_t to = cut_after(words[i] + max_bytes_ + kIslandAfter);
          while (++i < words.size() && words[i] <= to) to = cut_after(words[i] + max_bytes_ + kIslandAfter);
          to = std::min(to, view_end);
          if (from > covered && (covered > start || holds_word(all_, start, from)))
            tokens_.push_back(Token{"", "", covered, covered});
          read(from, to);
          covered = to;
        }
        if (covered < view_end && holds_word(all_, covered, view_end))
          tokens_.push_back(Token{"", "", covered, covered});
        bool found = false;
        Extract s =
            chunk_snippet(analyzer_, all_, tokens_, start > 0, view_end < all_.size(), sought_, max_bytes_, found);
        if (found) return s;
      }
      start = end;
    }
    return std::nullopt;
  }

  // The beginning of the text, without marks.
  Extract beginning() {
    tokens_.clear();
    const std::size_t view_end = cut_after(std::min(scanned_, cut_after(kChunk)) + max_bytes_);
    read(0, view_end);
    bool found = false;
    return chunk_snippet(analyzer_, all_, tokens_, false, view_end < all_.size(), sought_, max_bytes_, found);
  }

 private:
  static constexpr std::size_t kChunk = 1000;
  // Around a word that may be sought, the words read: from kIslandBefore bytes before it (a window
  // starts up to 40 bytes before its first match, a word up to 9 bytes before where sought_words
  // finds it: "puisqu’école") to an extract's length and kIslandAfter bytes after it (the word
  // after a window tells that the text goes on).
  static constexpr std::size_t kIslandBefore = 64, kIslandAfter = 32;

  std::size_t cut_after(std::size_t at) const {  // between words, at or after `at`
    at = std::min(all_.size(), at);
    while (at < all_.size() && all_[at] != ' ' && all_[at] != '\n') ++at;
    return at;
  }
  std::size_t cut_before(std::size_t at) const {  // between words, at or before `at`
    while (at > 0 && all_[at] != ' ' && all_[at] != '\n') --at;
    return at;
  }
  // The words of all_[begin, end) (cuts between words: a piece has the words it would have in the
  // whole text), offsets in all_, appended to tokens_.
  void read(std::size_t begin, std::size_t end) {
    for (Token& t : analyzer_.tokenize(all_.substr(begin, end - begin))) {
      if (t.joined) continue;
      // Synonyms sought are matched on the tokens' stems: only those of the words that may be
      // part of one are computed (a stem costs more than breaking the word).
      if (sought_.stemmed.may_be(t.term)) t.stem = analyzer_.stem(t.term);
      t.begin += begin;
      t.end += begin;
      tokens_.push_back(std::move(t));
    }
  }

  const Analyzer& analyzer_;
  std::string_view all_;
  Sought sought_;
  std::size_t max_bytes_;
  std::size_t scanned_ = cut_after(kSnippetScannedBytes);
  std::vector<Token> tokens_;
};

}  // namespace

std::optional<Extract> find_snippet(const Analyzer& analyzer, const std::string& text, const Highlight& sought,
                                    std::size_t max_bytes) {
  auto found = TextReader(analyzer, text, sought, max_bytes).find();
  if (found && !found->marked()) return std::nullopt;  // a synonym longer than an extract: nothing to show
  return found;
}

Extract make_snippet(const Analyzer& analyzer, const std::string& text, const Highlight& sought,
                     std::size_t max_bytes) {
  TextReader reader(analyzer, text, sought, max_bytes);
  if (auto found = reader.find()) return *std::move(found);
  return reader.beginning();
}

}  // namespace pratiques
