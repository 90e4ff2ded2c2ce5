// Extracts for result lists: the densest window of matches, HTML-escaped, matches in <mark>.
#pragma once
#include <set>
#include <string>

#include "pratiques/analyze.h"
#include "pratiques/index_layout.h"  // kSnippetScannedBytes

namespace pratiques {

// `terms`: unstemmed folded terms; `stems`: stems of the query words.
std::string make_snippet(const Analyzer& analyzer, const std::string& text, const std::set<std::string>& terms,
                         const std::set<std::string>& stems, std::size_t max_bytes = 240);

}  // namespace pratiques
