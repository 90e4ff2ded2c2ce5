// One sheet → one Xapian document: weighted free text, French field prefixes, per-section
// prefixes, synonym concept terms, facet filter terms and values, sort keys, display data.
#pragma once
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/document.h"
#include "pratiques/grid.h"
#include "pratiques/index_layout.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// Xapian prefix of a query prefix name ("titre" → "S", "freins" → "XSECFREINS").
std::string field_prefix(const std::string& name);
std::string section_prefix(const std::string& name);
// A word the spelling table holds, from a sheet or a vocabulary label: alphabetic, 3 to 40 bytes
// (folded: starts with a-z).
bool spelling_word(const std::string& term);

class SheetDocumentBuilder {
 public:
  SheetDocumentBuilder(const Grid& grid, const FacetSpace& facets, const SynonymMatcher& synonyms,
                       const Analyzer& analyzer);
  ~SheetDocumentBuilder();
  // `forms` counts how the words are written (see index_text).
  Xapian::Document build(const Document& sheet, WrittenForms* forms = nullptr) const;
  // The distinct words of the sheet's free text, for the spelling table (kSlotSpelling).
  static std::vector<std::string> spelling_words(const Xapian::Document& doc);

 private:
  // The words of a field's values; `ancestors`: instead, those of the ancestors of its values of a
  // hierarchical vocabulary.
  std::string field_text(const YAML::Node& front, const std::string& path, bool ancestors = false) const;
  std::string vocabulary_text(const YAML::Node& front) const;
  // The départements (code and name) and régions (name) that a sheet's communes add to those it
  // declares (commune_territories).
  std::string commune_territory_text(const YAML::Node& front, bool departements, bool regions) const;
  const Grid& grid_;
  const FacetSpace& facets_;
  const SynonymMatcher& synonyms_;
  const Analyzer& analyzer_;
  std::set<std::string> acronyms_;  // folded sigles of schemas/synonymes.yaml: not stemmed
  std::set<std::string> places_;    // folded names of one word of départements and régions (index_tokens)
  struct Collation;
  Collation* collation_;
};

// The plain text of a sheet's documented sections, in which result extracts are sought (catalogue
// table sheet_text), bounded to what extracts read (kSnippetScannedBytes).
std::string extract_text(const Document& sheet);

// The plain text of a YAML value (scalars joined), for display and search.
std::string scalar_or_empty(const YAML::Node& node);

}  // namespace pratiques
