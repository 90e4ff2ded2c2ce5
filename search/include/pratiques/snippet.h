// Extracts for result lists: the densest window of matches, as text with the matches' offsets
// (extract.h); renderers mark them.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/extract.h"
#include "pratiques/index_layout.h"  // kSnippetScannedBytes
#include "pratiques/synonyms.h"

namespace pratiques {

// A word of a phrase sought: its forms as written (folded), and its stems.
struct PhraseWord {
  std::set<std::string> terms, stems;
};

// What an extract marks: the words of the query (folded, and their stems), the synonym groups the
// query expanded to and its phrases. A group is marked where one of its terms occurs whole
// ("personnes âgées", "aînés"), never by a single word of a longer term; a phrase (quoted:
// "garantie jeunes") where its words follow each other, never by one of them alone: the reader
// sees why the sheet came up.
struct Highlight {
  std::set<std::string> terms, stems;
  std::set<int> groups;
  std::vector<std::vector<PhraseWord>> phrases;
  // Needed when `groups` is not empty; tells the acronyms, which match as written only (else every
  // word in capitals is taken for one).
  const SynonymMatcher* synonyms = nullptr;
  bool empty() const { return terms.empty() && stems.empty() && groups.empty() && phrases.empty(); }
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
