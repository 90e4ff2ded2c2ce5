// Extracts for result lists: the densest window of matches, HTML-escaped, matches in <mark>.
#pragma once
#include <set>
#include <string>

#include "pratiques/analyze.h"

namespace pratiques {

// Past this many bytes, a text without the words shows its beginning: reading on to the end of a
// long sheet for a word found only in its title or vocabulary cost more than all other extracts.
inline constexpr std::size_t kSnippetScannedBytes = 12000;

// `terms`: unstemmed folded terms; `stems`: stems of the query words.
std::string make_snippet(const Analyzer& analyzer, const std::string& text, const std::set<std::string>& terms,
                         const std::set<std::string>& stems, std::size_t max_bytes = 240);

}  // namespace pratiques
