// What every kind of index run shares: the schemas loaded once (IndexContext), and the "prepare"
// phase of a file: read, parse, checked on its own (PreparedFile). Building the Xapian document and
// writing the catalogue come after, once the corpus-level rules are checked.
#pragma once
#include <cstddef>
#include <functional>
#include <set>
#include <string>

#include "index_files.h"
#include "pratiques/parallel.h"
#include "pratiques/analyze.h"
#include "pratiques/diagnostic.h"
#include "pratiques/document.h"
#include "pratiques/facets.h"
#include "pratiques/grid.h"
#include "pratiques/near_duplicates.h"
#include "pratiques/synonyms.h"
#include "pratiques/validate.h"

namespace pratiques {

struct IndexContext {
  // Loads the schemas. Throws GridError when they are invalid, or when schemas/territoires.tsv is
  // missing: without it the index would have no département or région, silently.
  explicit IndexContext(const std::string& schemas);
  Grid grid;
  FacetSpace facets;
  Analyzer analyzer;
  SynonymMatcher synonyms;
};

struct PreparedFile {
  ContentFile file;
  Document doc;
  Diagnostics diagnostics;  // parsing and the file's own rules (not the corpus-level ones)
  CorpusEntry entry;        // sheets: what the corpus-level rules need
  SheetOutline outline;     // sheets: documented sections, for the courses
  std::string text;         // sheets: the plain text, for extracts and near-duplicates
  Fingerprint print;        // sheets: the near-duplicate fingerprint of `text`
  bool has_errors() const;
};

// Reads (when not read yet), parses and checks one file on its own.
PreparedFile prepare(const IndexContext& context, ContentFile file);

// Files with at least one error: they are not published.
std::set<std::string> rejected_paths(const Diagnostics& diagnostics);
// By file, line and column, as `pratiques check` prints them.
void sort_diagnostics(Diagnostics& diagnostics);

}  // namespace pratiques
