// A sheet's Xapian document (sheet_document.cpp): what it stores of the words of its text.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pratiques/analyze.h"
#include "pratiques/document.h"
#include "pratiques/sheet_document.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/synonyms.h"
#include "support.h"

using namespace pratiques;

namespace {

const Analyzer analyzer;
const SynonymMatcher& synonyms() {
  static const SynonymMatcher s(testing::grid().synonym_groups(), analyzer);
  return s;
}

Xapian::Document valid_sheet_document() {
  static const FacetSpace facets = facet_space(testing::grid());
  static const SheetDocumentBuilder builder(testing::grid(), facets, synonyms(), analyzer);
  Diagnostics diags;
  const Document sheet = parse_document(
      "fiches/fiche-valide.md", testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md"), diags);
  REQUIRE(sheet.readable);
  return builder.build(sheet);
}

}  // namespace

TEST_CASE("a sheet's document keeps the words of its text for the spelling table and not as terms", "[index][spelling]") {
  const Xapian::Document doc = valid_sheet_document();
  const std::vector<std::string> words = SheetDocumentBuilder::spelling_words(doc);
  CHECK(std::is_sorted(words.begin(), words.end()));
  CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
  // Folded words of the title, the summary and the sections; not the short words nor numbers.
  for (const char* word : {"glycines", "cuisine", "habitants", "menus", "participants", "fictive"}) {
    INFO(word);
    CHECK(std::binary_search(words.begin(), words.end(), std::string(word)));
  }
  for (const char* absent : {"du", "un", "d'un"}) CHECK_FALSE(std::binary_search(words.begin(), words.end(), std::string(absent)));
  CHECK(std::none_of(words.begin(), words.end(), [](const std::string& w) { return w.size() < 3 || w.size() > 40; }));
  // Front-coded: fewer bytes than the words themselves.
  std::size_t bytes = 0;
  for (const auto& w : words) bytes += w.size() + 1;
  CHECK(doc.get_value(kSlotSpelling).size() < bytes * 9 / 10);
  // The words themselves are sought by their stems: the document holds no word as written but
  // the acronyms ("cesf", and "de", the DE of a diploma).
  std::size_t acronyms = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const char c = (*t)[0];
    if (!(c >= 'a' && c <= 'z')) continue;
    if (synonyms().acronym(*t))
      ++acronyms;
    else
      FAIL_CHECK(*t);
  }
  CHECK(acronyms > 0);
  CHECK(acronyms < words.size() / 10);
}
