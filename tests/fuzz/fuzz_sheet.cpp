// A sheet's front matter and body through what `pratiques check` and `pratiques index` do with
// it: parse (YAML, cmark), validate against the real grid, outline, front matter to JSON, and,
// when the sheet is valid, its Xapian document. Invariants: every diagnostic has a rule, a
// message and a position inside the file; the JSON parses; the document's spelling words read
// back sorted and distinct.
#include <Poco/JSON/Parser.h>

#include "document_input.h"
#include "pratiques/analyze.h"
#include "pratiques/document.h"
#include "pratiques/grid.h"
#include "pratiques/sheet_document.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/synonyms.h"
#include "pratiques/validate.h"
#include "pratiques/yaml_json.h"

namespace {

struct Indexing {
  pratiques::Grid grid = pratiques::load_grid(fuzz::source_dir() + "/schemas");
  pratiques::FacetSpace facets = pratiques::facet_space(grid);
  pratiques::Analyzer analyzer;
  pratiques::SynonymMatcher synonyms{grid.synonym_groups(), analyzer};
  pratiques::SheetDocumentBuilder builder{grid, facets, synonyms, analyzer};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Indexing ix;
  const std::string bytes(fuzz::bytes(data, size));
  pratiques::Diagnostics diagnostics;
  pratiques::Document doc = fuzz::parse_named("fiches", bytes, diagnostics);
  pratiques::validate_sheet(ix.grid, doc, diagnostics);
  fuzz::require_reported(doc, diagnostics, bytes);
  if (!doc.readable) return 0;
  pratiques::outline(ix.grid, doc);
  pratiques::corpus_entry(doc);
  Poco::JSON::Parser().parse(pratiques::yaml_to_json(doc.front));  // throws (a crash) on invalid JSON
  if (pratiques::count_errors(diagnostics) != 0) return 0;
  // The spelling words read back from the document: sorted, distinct, each one a word.
  const auto words = pratiques::SheetDocumentBuilder::spelling_words(ix.builder.build(doc));
  for (std::size_t i = 0; i < words.size(); ++i)
    fuzz::require(words[i].size() >= 3 && words[i].size() <= 40 && (i == 0 || words[i - 1] < words[i]),
                  "les mots d'orthographe d'une fiche sont triés, distincts, de 3 à 40 octets");
  return 0;
}
