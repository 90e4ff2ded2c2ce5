// Turns what people type into a Xapian QueryParser string: French folding, ET/OU/SAUF,
// known field prefixes, synonym expansion; malformed input degrades to plain words.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/synonyms.h"

namespace pratiques {

struct RewrittenQuery {
  std::string parser_input;            // for Xapian::QueryParser (FLAG_BOOLEAN | FLAG_PHRASE | FLAG_LOVEHATE)
  std::string plain_input;             // same words, no syntax: the fallback
  std::vector<std::string> words;      // folded free words (for spelling)
  std::vector<std::string> known;      // words recognised as synonyms or acronyms: never "corrected"
  bool has_operators = false;
};

class QueryRewriter {
 public:
  QueryRewriter(const Analyzer& analyzer, const SynonymMatcher& synonyms, std::vector<std::string> prefixes);
  RewrittenQuery rewrite(const std::string& query) const;

 private:
  const Analyzer& analyzer_;
  const SynonymMatcher& synonyms_;
  std::vector<std::string> prefixes_;  // known query prefixes (titre, freins, theme…)
};

}  // namespace pratiques
