// SKOS vocabularies (/vocabulaires/): Turtle and RDF/XML parsed by a real RDF parser (raptor2's
// `rapper`, Debian raptor2-utils) into the same triples, with stable concept URIs, labels,
// synonyms, definitions, hierarchy and correspondences; a page per concept lists its sheets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include "pratiques/site/skos.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

SiteFixture& site() {
  static SiteFixture f;
  return f;
}

// The triples of an RDF file as rapper reads them (N-Triples, one per line), sorted.
std::vector<std::string> triples(const fs::path& file, const std::string& syntax) {
  const std::string cmd = "rapper -q -i " + syntax + " -o ntriples '" + file.string() + "' 2>&1";
  const auto [status, out] = command_output(cmd);
  INFO(out.substr(0, 2000));
  REQUIRE(status == 0);
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = out.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(out.substr(start, end - start));
  std::sort(lines.begin(), lines.end());
  return lines;
}

bool has(const std::vector<std::string>& t, const std::string& triple) {
  return std::find(t.begin(), t.end(), triple) != t.end();
}

const std::string base = "https://pratiques.example.org/vocabulaires/";
const std::string skos = "http://www.w3.org/2004/02/skos/core#";

}  // namespace

TEST_CASE("SKOS: Turtle and RDF/XML of a vocabulary parse to the same triples", "[site][skos]") {
  const auto ttl = triples(site().out / "vocabulaires" / "modes_intervention.ttl", "turtle");
  const auto rdf = triples(site().out / "vocabulaires" / "modes_intervention.rdf", "rdfxml");
  CHECK(ttl.size() > 50);
  CHECK(ttl == rdf);
  const std::string isic = "<" + base + "modes_intervention/isic>";
  const std::string group = "<" + base + "modes_intervention/travail-social-de-groupe>";
  CHECK(has(ttl, isic + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" + skos + "Concept> ."));
  CHECK(std::any_of(ttl.begin(), ttl.end(), [&](const std::string& t) {
    return t.starts_with(isic + " <" + skos + "prefLabel> \"Intervention sociale d'int") && t.ends_with("\"@fr .");
  }));
  CHECK(has(ttl, isic + " <" + skos + "altLabel> \"ISIC\"@fr ."));
  CHECK(has(ttl, isic + " <" + skos + "topConceptOf> <" + base + "modes_intervention> ."));
  CHECK(has(ttl, group + " <" + skos + "broader> " + isic + " ."));
  CHECK(has(ttl, isic + " <" + skos + "narrower> " + group + " ."));
  CHECK(std::any_of(ttl.begin(), ttl.end(),
                    [&](const std::string& t) { return t.starts_with(group + " <" + skos + "definition> "); }));
  // Every vocabulary of the grid but the official territories.
  CHECK(fs::exists(site().out / "vocabulaires" / "thematiques.rdf"));
  CHECK_FALSE(fs::exists(site().out / "vocabulaires" / "departements.ttl"));
}

TEST_CASE("SKOS: each concept has a page at its URI listing the sheets that use it", "[site][skos]") {
  const std::string page = site().page("vocabulaires/thematiques/isolement-lien-social/index.html");
  CHECK(page.find("<code>https://pratiques.example.org/vocabulaires/thematiques/isolement-lien-social</code>") !=
        std::string::npos);
  CHECK(page.find("href=\"/fiches/jardin-saint-caprais/\"") != std::string::npos);
  CHECK(page.find("href=\"/fiches/fiche-hostile/\"") != std::string::npos);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(site().page("vocabulaires/index.html").find("href=\"/vocabulaires/thematiques.ttl\"") != std::string::npos);
}

TEST_CASE("SKOS: correspondences become mapping properties, hostile labels stay literals", "[site][skos]") {
  pratiques::site::ConceptScheme s{"thematiques", "Thématiques \"à <risque>\"", {}};
  s.concepts.push_back(
      {"logement",
       "Logement & \"habitat\"\n",
       "",
       "Se loger <bien>.",
       {"SDF", "sans-abri \\ rue"},
       {},
       {{"closeMatch", "https://elsst.cessda.eu/id/5/123"}, {"exactMatch", "http://example.org/thesaurus#logement"}}});
  const fs::path dir = site().dir / "skos-test";
  fs::create_directories(dir);
  write(dir / "t.ttl", pratiques::site::scheme_turtle(s, "https://pratiques.example.org"));
  write(dir / "t.rdf", pratiques::site::scheme_rdfxml(s, "https://pratiques.example.org"));
  const auto ttl = triples(dir / "t.ttl", "turtle");
  CHECK(ttl == triples(dir / "t.rdf", "rdfxml"));
  const std::string c = "<" + base + "thematiques/logement>";
  CHECK(has(ttl, c + " <" + skos + "closeMatch> <https://elsst.cessda.eu/id/5/123> ."));
  CHECK(has(ttl, c + " <" + skos + "exactMatch> <http://example.org/thesaurus#logement> ."));
  CHECK(has(ttl, c + " <" + skos + "altLabel> \"sans-abri \\\\ rue\"@fr ."));
  CHECK(has(ttl, c + " <" + skos + "prefLabel> \"Logement & \\\"habitat\\\"\\n\"@fr ."));
}

TEST_CASE("a concept page's title names its vocabulary", "[site][skos]") {
  // "Autre – Pratiques" was the title of three pages (carriers, funders, sources).
  const auto title = [](const std::string& path) {
    const std::string page = site().page(path);
    const auto at = page.find("<title>");
    return page.substr(at + 7, page.find("</title>") - at - 7);
  };
  CHECK(
      title("vocabulaires/types_porteurs/autre/index.html").starts_with("Autre (Types de porteurs et de partenaires)"));
  CHECK(title("vocabulaires/types_porteurs/autre/index.html") !=
        title("vocabulaires/types_financeurs/autre/index.html"));
}
