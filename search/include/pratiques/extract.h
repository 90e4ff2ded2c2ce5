// A result's extract: plain text and where the matches are in it. The search library finds them;
// renderers decide how to show them (<mark> in HTML, emphasis in a terminal, nothing in plain text).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/foreign_terms.h"

namespace pratiques {

struct Extract {
  // A match: bytes [begin, end) of `text` (UTF-8 offsets, on character boundaries).
  struct Mark {
    std::size_t begin = 0, end = 0;
    bool operator==(const Mark&) const = default;
  };
  std::string text;         // UTF-8, one line ("…" where the source goes on), not escaped
  std::vector<Mark> marks;  // in order, never overlapping, never empty

  bool operator==(const Extract&) const = default;
  bool marked() const { return !marks.empty(); }
  // The matched passages, as written ("personnes âgées", "aînés").
  std::vector<std::string> marked_texts() const;
  // `more` after this one, with `separator` between (marks shifted accordingly).
  void append(std::string_view separator, const Extract& more);
  // Drops marks that are out of range, empty, out of order or overlapping (input read back from
  // JSON): what stays can be rendered as is.
  void sanitize();
};

// For HTML renderers: the text escaped, each match in <mark>…</mark>, and with `foreign`, each of
// its terms in <span lang="…"> as the pages mark them (a match that runs across a term's edge is
// closed there and opened again, so that the elements nest).
std::string to_html(const Extract& extract, const ForeignTerms* foreign = nullptr);

}  // namespace pratiques
