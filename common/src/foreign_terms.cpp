#include "pratiques/foreign_terms.h"

#include <algorithm>

#include "pratiques/text.h"
#include "pratiques/word_class.h"

namespace pratiques {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The length of the space at text[i] (space, tab, line break, no-break space U+00A0, narrow
// no-break space U+202F), or 0.
std::size_t space_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') return 1;
  if (text.substr(i, 2) == "\u00a0") return 2;
  if (text.substr(i, 3) == "\u202f") return 3;
  return 0;
}

// True when the character at text[i] would make a term there part of a longer word: a letter, a
// digit, a hyphen, an underscore, or a character word breaking does not know (another script).
bool joins(std::string_view text, std::size_t i) {
  if (i >= text.size() || space_at(text, i)) return false;
  if (text[i] == '-') return true;
  WordClass cls;
  std::size_t length;
  if (!word_class(text, i, cls, length)) return true;
  return cls == WordClass::Letter || cls == WordClass::Digit;
}

// The end of `term` matched at text[at], or 0.
std::size_t match_at(std::string_view text, std::size_t at, std::string_view term) {
  std::size_t i = at;
  for (std::size_t k = 0; k < term.size(); ++k) {
    if (term[k] == ' ') {
      std::size_t n = space_at(text, i);
      if (!n) return 0;
      while (n) {
        i += n;
        n = space_at(text, i);
      }
    } else if (i < text.size() && lower(text[i]) == lower(term[k])) {
      ++i;
    } else {
      return 0;
    }
  }
  return joins(text, i) ? 0 : i;
}

}  // namespace

ForeignTerms::ForeignTerms(std::vector<ForeignTerm> terms) : terms_(std::move(terms)) {
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const ForeignTerm& a, const ForeignTerm& b) { return a.term.size() > b.term.size(); });
}

ForeignTerms ForeignTerms::parse(std::string_view lines) {
  std::vector<ForeignTerm> terms;
  while (!lines.empty()) {
    const std::size_t eol = std::min(lines.find('\n'), lines.size());
    const std::string_view line = lines.substr(0, eol);
    lines.remove_prefix(std::min(eol + 1, lines.size()));
    const std::size_t tab = line.find('\t');
    if (tab != std::string_view::npos && tab > 0 && tab + 1 < line.size())
      terms.push_back({std::string(line.substr(tab + 1)), std::string(line.substr(0, tab))});
  }
  return ForeignTerms(std::move(terms));
}

std::string ForeignTerms::serialize() const {
  std::string out;
  for (const auto& t : terms_) out += t.lang + "\t" + t.term + "\n";
  return out;
}

std::vector<ForeignTerms::Occurrence> ForeignTerms::find(std::string_view text) const {
  std::vector<Occurrence> out;
  const auto continuation = [&](std::size_t k) { return (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80; };
  std::size_t previous = std::string_view::npos;  // where the character before text[i] starts
  for (std::size_t i = 0; i < text.size() && !terms_.empty();) {
    std::size_t end = 0;
    if (previous == std::string_view::npos || !joins(text, previous))
      for (const auto& t : terms_)
        if ((end = match_at(text, i, t.term))) {
          out.push_back({i, end, &t.lang});
          break;
        }
    if (end) {
      i = end;
      for (previous = end - 1; previous > 0 && continuation(previous);) --previous;
      continue;
    }
    previous = i;
    for (++i; i < text.size() && continuation(i);) ++i;
  }
  return out;
}

std::string ForeignTerms::html(std::string_view text) const {
  const auto escape = [](std::string_view s) { return text::html_escape(s, false); };  // as the templates do
  std::string out;
  std::size_t done = 0;
  for (const auto& o : find(text)) {
    out += escape(text.substr(done, o.begin - done));
    out += "<span lang=\"" + escape(*o.lang) + "\">" + escape(text.substr(o.begin, o.end - o.begin)) + "</span>";
    done = o.end;
  }
  return out + escape(text.substr(done));
}

}  // namespace pratiques
