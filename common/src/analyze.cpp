#include "pratiques/analyze.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_map>

#include "pratiques/text.h"

namespace pratiques {

namespace {

// French elided articles and pronouns; the folded apostrophe is always '.
constexpr std::array<std::string_view, 12> kElisions = {"jusqu'", "lorsqu'", "puisqu'", "qu'", "l'", "d'",
                                                        "j'",     "n'",      "s'",      "c'",  "m'", "t'"};

void strip_elision(std::string& term) {
  if (term.find('\'') == std::string::npos) return;  // most words
  for (std::string_view e : kElisions) {
    if (term.size() > e.size() && term.compare(0, e.size(), e) == 0) {
      term.erase(0, e.size());
      return;
    }
  }
}

bool is_hyphen(std::string_view s) {
  return s == "-" || s == "\xE2\x80\x90" || s == "\xE2\x80\x91";  // - ‐ ‑
}

bool all_upper(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// Folded form of a written word. Plain ASCII words (most of a French text) fold cheaply
// (text::fold lower-cases them) and skip the cache, whose lookup costs more than that; the others
// are memoised per thread, since ICU normalisation is the costly part of analysis and a corpus
// repeats a limited vocabulary.
const std::string& folded(std::string_view piece) {
  thread_local std::string ascii;
  if (std::all_of(piece.begin(), piece.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    ascii = text::fold(piece);
    strip_elision(ascii);
    return ascii;
  }
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string key;
  key.assign(piece);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::string term = text::fold(piece);
  strip_elision(term);
  return cache.emplace(key, std::move(term)).first->second;
}

icu::BreakIterator& word_breaker() {
  // BreakIterator instances are not thread-safe: one per thread.
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: impossible de créer le découpeur de mots");
    return b;
  }();
  return *it;
}

}  // namespace

Analyzer::Analyzer() : stemmer_("french") {}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
  std::vector<Token> out;
  out.reserve(text.size() / 6 + 4);  // French averages ~6 bytes a word with its space
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return out;
  icu::BreakIterator& bi = word_breaker();
  bi.setText(ut, status);
  int32_t start = bi.first();
  // Compound tracking: parts of "co-formation" separated by a single hyphen, no space.
  std::string compound;
  std::size_t compound_begin = 0, compound_parts = 0, last_end = std::string::npos;
  auto flush_compound = [&] {
    if (compound_parts > 1) {
      Token t;
      t.term = compound;
      t.begin = compound_begin;
      t.end = last_end;
      t.joined = true;
      out.push_back(std::move(t));
    }
    compound.clear();
    compound_parts = 0;
  };
  bool pending_hyphen = false;
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    const std::string_view piece = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    if (bi.getRuleStatus() == UBRK_WORD_NONE) {
      if (is_hyphen(piece) && compound_parts > 0 && last_end == static_cast<std::size_t>(start)) {
        pending_hyphen = true;
      } else {
        flush_compound();
        pending_hyphen = false;
      }
      continue;
    }
    Token t;
    t.term = folded(piece);
    if (t.term.empty()) continue;
    t.begin = static_cast<std::size_t>(start);
    t.end = static_cast<std::size_t>(end);
    t.upper = all_upper(piece);
    if (!(pending_hyphen && last_end + 1 <= t.begin)) flush_compound();
    if (compound_parts == 0) compound_begin = t.begin;
    compound += t.term;
    ++compound_parts;
    last_end = t.end;
    pending_hyphen = false;
    out.push_back(std::move(t));
  }
  flush_compound();
  utext_close(ut);
  return out;
}

const std::string& Analyzer::stem(const std::string& term) const {
  // Words repeat a lot within and across sheets: a bounded per-thread cache of stems. Xapian::Stem
  // is not thread-safe, and the index is built on several threads: each stems with its own.
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local Xapian::Stem french("french");
  auto it = cache.find(term);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  return cache.emplace(term, french(term)).first->second;
}

std::string Analyzer::fold_query_word(std::string_view word) const {
  std::string term = text::fold(word);
  strip_elision(term);
  return term;
}

Xapian::termpos index_tokens(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                             const std::vector<Token>& tokens, Xapian::termcount weight, const std::string& prefix,
                             Xapian::termpos pos, std::map<std::string, std::string>* accented,
                             const std::set<std::string>* acronyms) {
  std::string term = prefix, stem = "Z" + prefix;
  for (const Token& t : tokens) {
    if (t.term.size() > 64) continue;  // Xapian terms are bounded; such "words" are noise
    if (accented && !t.joined && t.end - t.begin != t.term.size() && !accented->count(t.term)) {
      std::string form = text::lower(text.substr(t.begin, t.end - t.begin));
      if (form.find('\'') == std::string::npos && form.find("\xE2\x80\x99") == std::string::npos)
        (*accented)[t.term] = form;
    }
    term.resize(prefix.size());
    term += t.term;
    doc.add_posting(term, t.joined ? pos : ++pos, weight);  // a joined compound shares the last part's position
    const unsigned char first = static_cast<unsigned char>(text[t.begin]);
    if (acronyms && first >= 'A' && first <= 'Z' && acronyms->count(t.term)) continue;
    stem.resize(prefix.size() + 1);
    stem += analyzer.stem(t.term);
    doc.add_term(stem, weight);
  }
  return pos + 1;  // a gap so phrases never span two fields
}

Xapian::termpos index_text(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                           Xapian::termcount weight, const std::string& prefix, Xapian::termpos pos,
                           std::map<std::string, std::string>* accented, const std::set<std::string>* acronyms) {
  return index_tokens(doc, analyzer, text, analyzer.tokenize(text), weight, prefix, pos, accented, acronyms);
}

}  // namespace pratiques
