// Spelling suggestions for the words of a query that the index does not know (internal to
// pratiques-search): Xapian's suggestion from the spelling table, the rules that refuse or replace
// it, the French dictionary (lexicon.h), and when a suggestion replaces the query as typed.
#pragma once
#include <xapian.h>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/query.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// Spelling: a suggestion for the unknown words of a query.
struct Spelling {
  std::optional<std::string> suggestion;  // the query with its unknown words corrected
  // The query corrected otherwise, when a word typed is one likely slip from two words of the
  // sheets written about as often ("mlieux": "mieux" or "milieux"): offered beside the suggestion,
  // which is then not applied (`clear` is false).
  std::vector<std::string> alternatives;
  // Every correction one letter away from what was typed, or, for a long word, two from a word
  // several sheets write ("communotaire": "communautaire"; "maraude" is no typo of "marqué", nor
  // "seniors" of "sentiers"), and no other word as likely meant (`alternatives` empty).
  bool clear = true;
  // The shortest word corrected, as typed (folded), but for two neighbouring letters swapped
  // ("isoéles": "isolées"), a slip of the fingers whatever the word's length.
  std::size_t shortest = std::string::npos;
  std::size_t corrected = 0;                 // how many words it corrects
  // Offered only when no sheet holds every word of the query: the suggestion with, besides, the
  // French words that no sheet writes replaced by the word of the sheets one likely slip away
  // ("menton": "mention"). A French word is taken as meant; when it finds nothing, the slip is
  // worth asking about.
  std::optional<std::string> if_nothing_found;
};

// Reads the spelling table, the stems and the spelling values of one index; the arguments are kept
// by reference (the Searcher's, which owns it). Not thread-safe, like the Searcher.
class Speller {
 public:
  Speller(const Xapian::Database& db, const Analyzer& analyzer, const SynonymMatcher& synonyms,
          const std::set<std::string>& stopwords)
      : db_(db), analyzer_(analyzer), synonyms_(synonyms), stopwords_(stopwords) {}

  // A suggestion for each word the index does not know ("surendetement"), in its accented form:
  // the query as typed (`typed`, rewritten as `rq`), with those words replaced.
  Spelling spelling(const RewrittenQuery& rq, const std::string& typed) const;

 private:
  bool in_spelling_table(const std::string& word) const;
  Xapian::doccount spelling_frequency(const std::string& word) const;
  bool written_in_a_sheet(const std::string& word) const;
  bool same_word(const std::string& w, const std::string& s) const;
  bool fits(const std::string& w, const std::string& s) const;
  std::string nearest_fitting(const std::string& w, bool slips_only = false, const std::string& other_than = "") const;
  std::string unwritten_form(const std::string& w) const;
  std::vector<std::string> acronyms_one_slip_from(const std::string& w) const;
  std::string as_typed(const std::string& typed, const std::string& w) const;
  std::string replaced(const std::string& typed, const std::map<std::string, std::string>& corrections) const;

  const Xapian::Database& db_;
  const Analyzer& analyzer_;
  const SynonymMatcher& synonyms_;
  const std::set<std::string>& stopwords_;
};

}  // namespace pratiques
