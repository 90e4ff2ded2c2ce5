// What the extracts of search results mark, on a sheet written for it: the words that made the
// sheet come up, and only those.
#include <catch2/catch.hpp>

#include "corpus.h"

using namespace pratiques;

namespace {

const char* const kSheet = "extraits-marques";

// The fixture corpus and a sheet whose first section says what the tests search, indexed once.
const testing::Workspace& workspace() {
  static testing::Workspace ws;
  static const bool built = [] {
    ws.write_sheet(kSheet);
    ws.replace_in(
        kSheet, "Des familles du quartier ont dit à l'accueil du centre social qu'elles mangeaient souvent seules.",
        "Le centre suit une charte en 23 principes, relue tous les 100 jours. L'association ATD Quart Monde "
        "y anime un temps d'échange ; la Caf finance le café solidaire. Des jeunes du quartier y viennent ; la "
        "Garantie jeunes leur ouvre des droits.");
    ws.replace_in(kSheet, "mots_cles: [cuisine, voisinage]", "mots_cles: [cuisine, voisinage, troc de graines]");
    const IndexReport r = build_index(ws.options);
    if (!r.published) throw std::runtime_error("index non publié :\n" + testing::describe(r.diagnostics));
    return true;
  }();
  (void)built;
  return ws;
}

// The extract of the test sheet for a query, as the HTML renderers show it ("" when not found).
std::string extract_of(const std::string& query) {
  for (const auto& h : workspace().search(query).hits)
    if (h.id == kSheet) return to_html(h.snippet);
  return "";
}

}  // namespace

TEST_CASE("the numbers of a query are marked in the extracts", "[search][snippet]") {
  CHECK(extract_of("23 principes").find("<mark>23</mark> <mark>principes</mark>") != std::string::npos);
  CHECK(extract_of("100 jours").find("<mark>100</mark> <mark>jours</mark>") != std::string::npos);
}

TEST_CASE("a word written in capitals is marked where the index found it by its stem", "[search][snippet]") {
  // "ATD" is no acronym of a synonym group: the index holds its stem, which the query sought.
  CHECK(extract_of("ATD").find("<mark>ATD</mark> Quart Monde") != std::string::npos);
  // The Caf is an acronym, indexed as written: "café" (stem "caf") does not find it, nor marks it.
  const std::string cafe = extract_of("café");
  CHECK(cafe.find("<mark>café</mark> solidaire") != std::string::npos);
  CHECK(cafe.find("<mark>Caf</mark>") == std::string::npos);
}

TEST_CASE("the words of a phrase are marked where the phrase occurs, not alone", "[search][snippet]") {
  const std::string quoted = extract_of("\"garantie jeunes\"");
  CHECK(quoted.find("<mark>Garantie jeunes</mark> leur") != std::string::npos);
  CHECK(quoted.find("<mark>jeunes</mark> du quartier") == std::string::npos);
  // Typed without quotes, each word is sought alone, and marked wherever it occurs.
  CHECK(extract_of("garantie jeunes").find("<mark>jeunes</mark> du quartier") != std::string::npos);
}

TEST_CASE("a sheet found through its keywords shows the keywords that matched", "[search][snippet]") {
  // Neither the summary nor the sections say "troc": the extract marked nothing.
  CHECK(extract_of("troc").find("Mots-clés : cuisine, voisinage, <mark>troc</mark> de graines") != std::string::npos);
}
