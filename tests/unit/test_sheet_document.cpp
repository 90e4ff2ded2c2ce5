// A sheet's Xapian document (sheet_document.cpp): what it stores of the words of its text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "pratiques/analyze.h"
#include "pratiques/document.h"
#include "pratiques/index_layout.h"
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
  // the acronyms ("cesf", and "de", the DE of a diploma) and the places' names of one word
  // written with a capital ("Nord").
  std::size_t acronyms = 0, places = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const char c = (*t)[0];
    if (!(c >= 'a' && c <= 'z')) continue;
    if (synonyms().acronym(*t))
      ++acronyms;
    else if (*t == "nord")
      ++places;
    else
      FAIL_CHECK(*t);
  }
  CHECK(acronyms > 0);
  CHECK(places == 1);
  CHECK(acronyms < words.size() / 10);
}

TEST_CASE("each section of a sheet is a band of positions after its marker, without a copy of its words", "[index]") {
  const Xapian::Document doc = valid_sheet_document();
  std::map<std::string, std::vector<Xapian::termpos>> markers;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    CHECK_FALSE(term.starts_with("ZXSEC"));  // the words of a section are the body's terms
    if (term.starts_with(kSectionPrefix)) {
      CHECK(t.get_wdf() == 0);  // a marker weighs nothing
      markers[term] = std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end());
    }
  }
  // Section k of the grid starts band k; "Genèse et contexte" is the first, "Freins et
  // difficultés" the eleventh.
  REQUIRE(markers.count("XSECGENESE"));
  CHECK(markers["XSECGENESE"] == std::vector<Xapian::termpos>{kSectionBand});
  REQUIRE(markers.count("XSECFREINS"));
  CHECK(markers["XSECFREINS"] == std::vector<Xapian::termpos>{11 * kSectionBand});
  // Every word of the text lies within the window of one marker, or before the first band.
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      if (*p >= kSectionBand) CHECK(*p % kSectionBand < kSectionWindow);
}

TEST_CASE("the spelling table holds alphabetic words of 3 to 40 bytes (from sheets and vocabulary labels alike)", "[index][spelling]") {
  // A suggestion is a word to type: no number, no short word.
  for (const char* word : {"verger", "cuisine", "aidants", "resume"}) CHECK(spelling_word(word));
  for (const std::string& word : {std::string("de"), std::string("1901"), std::string("covid19"), std::string("9ter"),
                                  std::string(41, 'a')}) {
    INFO(word);
    CHECK_FALSE(spelling_word(word));
  }
}

TEST_CASE("a spelling value reads back its words and says which it holds", "[index][spelling]") {
  const std::vector<std::string> words{"aidant", "aidants", "aide", "parentalite", "parents", "zone"};
  const std::string value = spelling_value(words);
  CHECK(spelling_value_words(value) == words);
  for (const auto& w : words) CHECK(spelling_value_holds(value, w));
  for (const char* absent : {"aid", "aidante", "abri", "parent", "zones", "zzz", ""}) {
    INFO(absent);
    CHECK_FALSE(spelling_value_holds(value, absent));
  }
  CHECK_FALSE(spelling_value_holds("", "aide"));
}
