// Extracts for result lists: the densest window of matches, as text with the matches' offsets
// (extract.h); renderers mark them.
#pragma once
#include <optional>
#include <set>
#include <string>

#include "pratiques/analyze.h"
#include "pratiques/extract.h"
#include "pratiques/index_layout.h"  // kSnippetScannedBytes
#include "pratiques/synonyms.h"

namespace pratiques {

// What an extract marks: the words of the query (folded, and their stems) and the synonym groups
// the query expanded to. A group is marked where one of its terms occurs whole ("personnes âgées",
// "aînés"), never by a single word of a longer term: the reader sees why the sheet came up.
struct Highlight {
  std::set<std::string> terms, stems;
  std::set<int> groups;
  // Needed when `groups` is not empty; tells the acronyms, which match as written only (else every
  // word in capitals is taken for one).
  const SynonymMatcher* synonyms = nullptr;
};

// The window with the most distinct things sought (then the most matches), in the first
// kSnippetScannedBytes of the text. Without any match, the beginning of the text (no mark).
Extract make_snippet(const Analyzer& analyzer, const std::string& text, const Highlight& sought,
                     std::size_t max_bytes = 240);
// The same window, or nothing when it marks nothing: for a caller that then shows another text,
// so that this one's beginning is not broken into words for nothing.
std::optional<Extract> find_snippet(const Analyzer& analyzer, const std::string& text, const Highlight& sought,
                                    std::size_t max_bytes = 240);

}  // namespace pratiques
