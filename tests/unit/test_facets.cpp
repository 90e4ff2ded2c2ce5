// The facet space (facets.cpp) and field paths in front matters.
#include <catch2/catch.hpp>

#include "pratiques/catalog.h"
#include "pratiques/document.h"
#include "pratiques/facets.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/yaml_json.h"
#include "support.h"

using namespace pratiques;

namespace {

const FacetSpace& space() {
  static const FacetSpace s = facet_space(testing::grid());
  return s;
}

YAML::Node valid_front() {
  Diagnostics ignored;
  return read_document((testing::fixtures() / "valide" / "fiche-valide.md").string(), ignored).front;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

bool has(const Pairs& v, const std::string& facet, const std::string& value) {
  return std::find(v.begin(), v.end(), std::make_pair(facet, value)) != v.end();
}

}  // namespace

TEST_CASE("field_values follows dotted paths and reads lists", "[facets]") {
  const YAML::Node front = valid_front();
  CHECK(field_values(front, "titre") ==
        std::vector<std::string>{"Atelier cuisine partagé entre voisins du quartier des Glycines"});
  CHECK(field_values(front, "periode.debut") == std::vector<std::string>{"2019-09"});
  CHECK(field_values(front, "thematiques") == std::vector<std::string>{"alimentation", "isolement-lien-social"});
  CHECK(field_values(front, "territoire.departement") == std::vector<std::string>{"59"});
  CHECK(field_values(front, "absente").empty());
  CHECK(field_values(front, "periode.absente").empty());
  CHECK(field_values(front, "titre.trop.loin").empty());
  CHECK(field_values(front, "porteur").empty());  // an object is no value
  CHECK(field_values(YAML::Node(), "titre").empty());
}

TEST_CASE("reading field values never changes the front matter", "[facets]") {
  const YAML::Node front = valid_front();
  const std::string before = yaml_to_json(front);
  for (const char* path :
       {"periode.debut", "absente.encore", "territoire.absente", "thematiques", "titre.x", "porteur.nom"})
    field_values(front, path);
  CHECK(yaml_to_json(front) == before);
}

TEST_CASE("the facet space numbers every value of the search facets", "[facets]") {
  const FacetSpace& s = space();
  REQUIRE(s.facet("thematiques"));
  CHECK(s.facet("thematiques")->vocabulary == "thematiques");
  CHECK_FALSE(s.facet("inconnue"));
  const auto id = s.id("thematiques", "parentalite");
  REQUIRE(id);
  CHECK(s.def(*id).label == "Parentalité et soutien aux familles");
  CHECK(s.def(*id).facet == "thematiques");
  CHECK_FALSE(s.id("thematiques", "inconnue"));
  CHECK(s.values_of("thematiques").size() == testing::grid().vocabulary("thematiques")->entries.size());
  CHECK(s.values_of("departement").size() == testing::grid().territories.departements.size());
  REQUIRE(s.id("departement", "59"));
  CHECK(s.def(*s.id("departement", "59")).label == "Nord");
  CHECK(s.id("annee", "2019"));
}

TEST_CASE("a sheet's values include the ancestors of hierarchical values", "[facets]") {
  const Pairs v = sheet_facet_values(space(), valid_front());
  CHECK(has(v, "thematiques", "alimentation"));
  CHECK(has(v, "thematiques", "isolement-lien-social"));
  CHECK(has(v, "modes_intervention", "travail-social-de-groupe"));
  CHECK(has(v, "modes_intervention", "isic"));  // parent
  CHECK(has(v, "departement", "59"));
  CHECK(has(v, "region", "32"));
  CHECK(has(v, "annee", "2019"));  // from periode.debut "2019-09"
  CHECK(has(v, "type_porteur", "centre-social"));
  CHECK(has(v, "stade", "mise-en-oeuvre"));
  CHECK_FALSE(has(v, "thematiques", "parentalite"));
  // No duplicates.
  Pairs sorted = v;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  // An unknown value is ignored, not an error.
  YAML::Node front = YAML::Load("thematiques: [inconnue, parentalite]\nmodes_intervention: [groupe-socialisation]");
  const Pairs w = sheet_facet_values(space(), front);
  CHECK(has(w, "thematiques", "parentalite"));
  CHECK_FALSE(has(w, "thematiques", "inconnue"));
  CHECK(has(w, "modes_intervention", "groupe-socialisation"));
  CHECK(has(w, "modes_intervention", "travail-social-de-groupe"));
  CHECK(has(w, "modes_intervention", "isic"));
}

TEST_CASE("the year of an attesting source is its own facet, never a start year", "[facets]") {
  const Pairs attested = sheet_facet_values(space(), YAML::Load("periode:\n  attestee: \"2015\""));
  CHECK(has(attested, "annee_attestee", "2015"));
  CHECK_FALSE(has(attested, "annee", "2015"));
  const Pairs both = sheet_facet_values(space(), YAML::Load("periode:\n  debut: \"1987\"\n  attestee: \"2011-05\""));
  CHECK(has(both, "annee", "1987"));
  CHECK(has(both, "annee_attestee", "2011"));
  CHECK_FALSE(has(both, "annee", "2011"));
  REQUIRE(space().facet("annee_attestee"));
  CHECK(space().facet("annee_attestee")->label == "Année attestée par une source");
}

TEST_CASE("facet ids are encoded compactly and decoded back", "[facets]") {
  const std::vector<std::uint16_t> ids = {0, 1, 255, 256, 4242, 65534};
  const std::string slot = FacetSpace::encode(ids);
  CHECK(slot.size() == ids.size() * 2);
  std::vector<std::uint16_t> back;
  FacetSpace::decode(slot, back);
  CHECK(back == ids);
  FacetSpace::decode(slot + "x", back);  // a truncated pair is ignored
  CHECK(back == ids);
  CHECK(FacetSpace::filter_term("thematiques", "parentalite") == "XFthematiques:parentalite");
}

TEST_CASE("the facet space survives a round trip through the catalogue", "[facets][catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  cat.transaction([&] { space().save(cat); });
  const FacetSpace loaded = FacetSpace::load(cat);
  CHECK(loaded.size() == space().size());
  CHECK(loaded.facets().size() == space().facets().size());
  CHECK(loaded.id("thematiques", "parentalite") == space().id("thematiques", "parentalite"));
  CHECK(sheet_facet_values(loaded, valid_front()) == sheet_facet_values(space(), valid_front()));
}
