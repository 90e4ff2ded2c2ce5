// Each result of a search as shown (internal to pratiques-search): its stored data, the labels of
// its values, and its extract with what was sought marked.
#pragma once
#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/query.h"
#include "pratiques/search.h"
#include "pratiques/snippet.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// Reads the results of one index. Not thread-safe (its catalogue statements), like the Searcher
// that owns it.
class HitReader {
 public:
  // Reads the vocabularies' labels and prepares its statements on `cat`; the other arguments are
  // kept by reference. `prefixes`: query prefix → Xapian prefix; `stopwords`: folded.
  HitReader(Catalog& cat, const Analyzer& analyzer, const SynonymMatcher& synonyms, const FacetSpace& facets,
            const std::vector<std::pair<std::string, std::string>>& prefixes, const std::set<std::string>& stopwords);
  // What the extracts of a query's results mark: the words, stems and synonym groups of `q`, without
  // the prefixes of fields and sections, nor the short words (mots_vides). The groups of
  // `rq.field_groups` are marked as groups, where a text says one of their terms, not word by word
  // ("mode:isic" marked every "social" of "centre social"); a word typed stays marked.
  Highlight highlight(const Xapian::Query& q, const RewrittenQuery& rq) const;
  Hit hit_of(const Xapian::Document& doc, double score, const Highlight& sought);

 private:
  std::string label(const std::string& vocab, const std::string& slug) const;
  Extract extract_of(const Hit& h, const Highlight& sought);
  std::optional<Extract> through_synonym(const FacetSpec& f, const std::vector<catalogue::ValueLabel>& values,
                                         const Highlight& sought) const;
  std::string unprefixed(const std::string& term) const;

  const Analyzer& analyzer_;
  const SynonymMatcher& synonyms_;
  const FacetSpace& facets_;
  const std::vector<std::pair<std::string, std::string>>& prefixes_;
  const std::set<std::string>& stopwords_;
  std::set<std::string> stop_stems_;                                  // never highlighted
  std::map<std::string, std::map<std::string, std::string>> labels_;  // vocabulary → slug → label
  // vocabulary → slug → its synonyms (SKOS altLabels), which a sheet may be found through
  std::map<std::string, std::map<std::string, std::vector<std::string>>> synonyms_of_values_;
  catalogue::SheetTexts texts_;                                       // of extracts, read for the results shown
  catalogue::SheetValues sheet_values_;                               // labels of extracts, statement prepared once
  catalogue::SheetKeywords keywords_;                                 // keywords of extracts, likewise
};

}  // namespace pratiques
