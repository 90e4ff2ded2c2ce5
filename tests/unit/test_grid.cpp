// The grid, vocabularies, synonyms, search configuration and territories (grid.cpp), and the
// errors a documentation service gets when it breaks a schema file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "pratiques/grid.h"
#include "support.h"

using namespace pratiques;

namespace {

int count_status(const std::vector<SectionSpec>& sections, Status s) {
  return static_cast<int>(
      std::count_if(sections.begin(), sections.end(), [&](const SectionSpec& x) { return x.status == s; }));
}

// 1-based line of the first line of `text` equal to `line`.
int line_number(const std::string& text, const std::string& line) {
  int n = 1;
  std::size_t p = 0;
  while (p <= text.size()) {
    std::size_t e = text.find('\n', p);
    if (e == std::string::npos) e = text.size();
    if (text.compare(p, e - p, line) == 0) return n;
    ++n;
    p = e + 1;
  }
  FAIL("line not found: " << line);
  return 0;
}

// A copy of schemas/ with one line of one file replaced; returns the line number replaced.
int break_schema(const testing::TempDir& dir, const std::string& file, const std::string& line,
                 const std::string& with) {
  testing::copy_tree(testing::schemas(), dir.path());
  const auto path = dir.path() / file;
  std::string text = testing::read_file(path);
  const int n = line_number(text, line);
  const std::size_t at = text.find("\n" + line + "\n");
  REQUIRE(at != std::string::npos);
  text.replace(at + 1, line.size(), with);
  testing::write_file(path, text);
  return n;
}

// Expects load_grid to throw a GridError whose message starts with "<file>:<line>:".
void expect_grid_error(const testing::TempDir& dir, const std::string& file, int line) {
  const std::string prefix = (dir.path() / file).string() + ":" + std::to_string(line) + ":";
  try {
    load_grid(dir.path().string());
    FAIL("load_grid did not throw");
  } catch (const GridError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).rfind(prefix, 0) == 0);
  }
}

}  // namespace

TEST_CASE("the grid has its 16 sections, 13 of them mandatory", "[grid]") {
  const Grid& g = testing::grid();
  CHECK(g.version == "0.1");
  REQUIRE(g.sheet.sections.size() == 16);
  CHECK(count_status(g.sheet.sections, Status::Mandatory) == 13);
  CHECK(count_status(g.sheet.sections, Status::Recommended) == 2);
  CHECK(count_status(g.sheet.sections, Status::Optional) == 1);
  CHECK(g.sheet.sections.front().title == "Genèse et contexte");
  CHECK(g.sheet.sections.front().part == "A");
  CHECK(g.sheet.sections.back().title == "Reproductibilité de la démarche");
  for (std::size_t i = 0; i < g.sheet.sections.size(); ++i)
    CHECK(g.sheet.sections[i].number == static_cast<int>(i) + 1);
  const SectionSpec* freins = g.sheet.section_by_ref("freins_difficultes");
  REQUIRE(freins);
  CHECK(freins->title == "Freins et difficultés");
  CHECK(freins->anchor == "freins-et-difficultes");
  CHECK(freins->prefix == "freins");
  CHECK(g.sheet.section_by_ref("freins-et-difficultes") == freins);
  CHECK(g.sheet.section_by_title("freins et difficultés") == freins);
  CHECK(g.sheet.section_by_title("Paroles d’acteurs") == g.sheet.section_by_ref("paroles"));
  CHECK(g.sheet.section_by_title("Freins") == nullptr);
  CHECK(g.parts.size() == 3);
}

TEST_CASE("the grid has the 28 fields of the capture grid plus anciens_ids", "[grid]") {
  const Grid& g = testing::grid();
  REQUIRE(g.sheet.fields.size() == 29);
  CHECK(g.sheet.fields[0].key == "id");
  CHECK(g.sheet.fields[1].key == "anciens_ids");
  CHECK(g.sheet.fields.back().key == "licence");
  const FieldSpec* themes = g.sheet.field("thematiques");
  REQUIRE(themes);
  CHECK(themes->type == FieldType::VocabList);
  CHECK(themes->status == Status::Mandatory);
  CHECK(themes->min_items == 1u);
  CHECK(themes->max_items == 5u);
  CHECK(g.sheet.field("en_bref")->max_length == 600u);
  CHECK(g.sheet.field("titre")->max_length == 120u);
  const FieldSpec* territoire = g.sheet.field("territoire");
  REQUIRE(territoire);
  REQUIRE(territoire->sub("departement"));
  CHECK(territoire->sub("departement")->type == FieldType::DepartementCode);
  CHECK(territoire->sub("region")->type == FieldType::RegionCode);
  CHECK(territoire->sub("communes")->type == FieldType::Communes);
  const FieldSpec* financeur_type = g.sheet.field("financement")->sub("financeurs")->sub("type");
  REQUIRE(financeur_type);
  CHECK(financeur_type->vocabularies == std::vector<std::string>{"types_porteurs", "types_financeurs"});
}

TEST_CASE("every vocabulary is loaded", "[grid]") {
  const Grid& g = testing::grid();
  for (const char* id : {"competences",
                         "consentements",
                         "diplomes",
                         "domaines_competences",
                         "echelles_territoriales",
                         "etats_evaluation",
                         "finalites",
                         "formats_groupe",
                         "licences",
                         "milieux",
                         "modalites_financement",
                         "modes_intervention",
                         "niveaux_participation",
                         "origines_initiative",
                         "professions",
                         "publics",
                         "relations_fiches",
                         "roles_partenaires",
                         "roles_redacteurs",
                         "stades",
                         "statuts_curation",
                         "techniques",
                         "thematiques",
                         "types_evaluation",
                         "types_fiche",
                         "types_financeurs",
                         "types_freins",
                         "types_porteurs",
                         "types_sources"}) {
    INFO(id);
    const Vocabulary* v = g.vocabulary(id);
    REQUIRE(v);
    CHECK_FALSE(v->entries.empty());
  }
  // Every field of the grid names vocabularies that exist.
  std::function<void(const std::vector<FieldSpec>&)> check = [&](const std::vector<FieldSpec>& fields) {
    for (const auto& f : fields) {
      for (const auto& v : f.vocabularies) {
        INFO(f.key << " -> " << v);
        CHECK(g.vocabulary(v));
      }
      check(f.subfields);
    }
  };
  check(g.sheet.fields);
  check(g.course.fields);
  const Vocabulary* themes = g.vocabulary("thematiques");
  REQUIRE(themes->find("parentalite"));
  CHECK(themes->find("parentalite")->label == "Parentalité et soutien aux familles");
  CHECK(themes->find("inexistante") == nullptr);
  CHECK(g.label("thematiques", "parentalite") == "Parentalité et soutien aux familles");
  CHECK(g.label("thematiques", "inconnue") == "inconnue");
}

TEST_CASE("modes_intervention is hierarchical", "[grid]") {
  const Vocabulary* modes = testing::grid().vocabulary("modes_intervention");
  REQUIRE(modes);
  CHECK(modes->hierarchical);
  CHECK(modes->lineage("groupe-socialisation") ==
        std::vector<std::string>{"groupe-socialisation", "travail-social-de-groupe", "isic"});
  CHECK(modes->lineage("travail-social-de-groupe") == std::vector<std::string>{"travail-social-de-groupe", "isic"});
  CHECK(modes->lineage("isic") == std::vector<std::string>{"isic"});
  CHECK(modes->lineage("inconnu").empty());
  // Every parent exists.
  for (const auto& e : modes->entries)
    if (!e.parent.empty()) CHECK(modes->find(e.parent));
}

TEST_CASE("ordered vocabularies keep their order", "[grid]") {
  const Vocabulary* stades = testing::grid().vocabulary("stades");
  REQUIRE(stades);
  CHECK(stades->ordered);
  CHECK(stades->entries.front().slug == "emergence");
  CHECK(stades->slugs().size() == stades->entries.size());
}

TEST_CASE("types_financeurs includes types_porteurs", "[grid]") {
  const Grid& g = testing::grid();
  const Vocabulary* financeurs = g.vocabulary("types_financeurs");
  const Vocabulary* porteurs = g.vocabulary("types_porteurs");
  REQUIRE(financeurs);
  REQUIRE(porteurs);
  CHECK(financeurs->find("union-europeenne"));  // its own value
  for (const auto& e : porteurs->entries) {
    INFO(e.slug);
    CHECK(financeurs->find(e.slug));
  }
  CHECK(financeurs->entries.size() > porteurs->entries.size());
  CHECK_FALSE(porteurs->find("union-europeenne"));
}

TEST_CASE("territories are loaded from territoires.tsv", "[grid]") {
  const Territories& t = testing::grid().territories;
  REQUIRE(t.loaded);
  CHECK(t.regions.at("32") == "Hauts-de-France");
  CHECK(t.regions.at("11") == "Île-de-France");
  CHECK(t.departements.at("59").name == "Nord");
  CHECK(t.departements.at("59").region == "32");
  CHECK(t.departements.at("2A").name == "Corse-du-Sud");
  CHECK(t.departements.at("974").region == "04");
  CHECK(t.communes.at("59350").first == "Lille");
  CHECK(t.communes.at("59350").second == "59");
  CHECK(t.departements.size() >= 101);
  CHECK(t.communes.size() > 30000);
  CHECK(testing::grid().label("departements", "59") == "Nord");
  CHECK(testing::grid().label("regions", "32") == "Hauts-de-France");
  // The former régions, from anciennes_regions.tsv.
  CHECK(t.former_regions.at("Nord-Pas-de-Calais") == std::vector<std::string>{"59", "62"});
  CHECK(t.former_regions.at("Midi-Pyrénées").size() == 8);
  CHECK(t.former_regions.size() == 16);
  for (const auto& [name, codes] : t.former_regions)
    for (const auto& code : codes) {
      INFO(name << " " << code);
      CHECK(t.departements.count(code));
    }
}

TEST_CASE("a former région with an unknown département names the file and the line", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "anciennes_regions.tsv", "Limousin\t19,23,87", "Limousin\t19,23,99");
  expect_grid_error(dir, "anciennes_regions.tsv", line);
}

TEST_CASE("synonyms, acronyms and search settings are loaded", "[grid]") {
  const Grid& g = testing::grid();
  auto groups = g.synonym_groups();
  auto find = [&](const std::string& name) -> const SynonymGroup* {
    for (const auto& s : groups)
      if (s.name == name) return &s;
    return nullptr;
  };
  const SynonymGroup* msa = find("sigle:MSA");
  REQUIRE(msa);
  CHECK(std::find(msa->terms.begin(), msa->terms.end(), "Mutualité sociale agricole") != msa->terms.end());
  const SynonymGroup* agir = find("anneau:Pouvoir d'agir");
  REQUIRE(agir);
  CHECK(std::find(agir->terms.begin(), agir->terms.end(), "empowerment") != agir->terms.end());
  REQUIRE(find("thematiques:parentalite"));
  CHECK(g.search.weight_title > g.search.weight_body);
  std::vector<std::string> prefixes;
  for (const auto& [name, path] : g.search.prefixes) prefixes.push_back(name);
  for (const char* p : {"titre", "porteur", "theme", "public", "departement", "region"})
    CHECK(std::find(prefixes.begin(), prefixes.end(), p) != prefixes.end());
  std::vector<std::string> facets;
  for (const auto& f : g.search.facets) facets.push_back(f.key);
  for (const char* f : {"thematiques", "publics", "modes_intervention", "departement", "region", "annee"})
    CHECK(std::find(facets.begin(), facets.end(), f) != facets.end());
}

TEST_CASE("the course format is loaded", "[grid]") {
  const Grid& g = testing::grid();
  REQUIRE(g.course.field("etapes"));
  CHECK(g.course.field("etapes")->type == FieldType::ObjectList);
  REQUIRE(g.course.field("etapes")->sub("section"));
  CHECK(g.course.field("etapes")->sub("section")->type == FieldType::SectionRef);
  CHECK(g.course.sections.size() == 4);
  CHECK(g.course.sections.front().title == "Notes pour le formateur");
}

TEST_CASE("the fingerprint changes with any schema file, not with where the schemas are", "[grid]") {
  testing::TempDir dir;
  testing::copy_tree(testing::schemas(), dir.path());
  const std::string before = load_grid(dir.path().string()).fingerprint;
  CHECK(before.size() == 64);
  CHECK(load_grid(dir.path().string()).fingerprint == before);
  // The same files elsewhere (another checkout, a relative path): the index stays usable in place.
  testing::TempDir elsewhere;
  testing::copy_tree(dir.path(), elsewhere / "autres" / "schemas");
  CHECK(load_grid((elsewhere / "autres" / "schemas").string()).fingerprint == before);
  std::string stades = testing::read_file(dir / "vocabulaires/stades.yaml");
  testing::write_file(dir / "vocabulaires/stades.yaml", stades + "\n# une note\n");
  CHECK(load_grid(dir.path().string()).fingerprint != before);
}

TEST_CASE("a YAML syntax error in grille.yaml names the file and the line", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "grille.yaml", "version: \"0.1\"", "version: 0.1: x");
  expect_grid_error(dir, "grille.yaml", line);
}

TEST_CASE("a YAML syntax error in a vocabulary names the file and the line", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "vocabulaires/stades.yaml", "  - slug: emergence", "  - slug: emergence: x");
  expect_grid_error(dir, "vocabulaires/stades.yaml", line);
}

TEST_CASE("a vocabulary value without slug names the file and the line", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "vocabulaires/stades.yaml", "  - slug: emergence", "  - nom: emergence");
  expect_grid_error(dir, "vocabulaires/stades.yaml", line);
}

TEST_CASE("an unknown field type or status names the file and the line", "[grid][errors]") {
  {
    testing::TempDir dir;
    const int line = break_schema(dir, "grille.yaml", "    type: identifiant", "    type: inconnu");
    expect_grid_error(dir, "grille.yaml", line);
  }
  {
    testing::TempDir dir;
    const int line = break_schema(dir, "parcours.yaml", "    longueur_max: 120", "    longueur_max: beaucoup");
    expect_grid_error(dir, "parcours.yaml", line);
  }
}

TEST_CASE("a restriction of an unknown synonym group names the line of its group", "[grid][errors]") {
  // It named the line of the group's first term, the next one.
  testing::TempDir dir;
  const int line = break_schema(dir, "synonymes.yaml", "  - groupe: \"thematiques:acces-aux-droits\"",
                                "  - groupe: \"thematiques:acces-aux-droitz\"");
  expect_grid_error(dir, "synonymes.yaml", line);
}

TEST_CASE("an abbreviation without what it stands for names its line", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "synonymes.yaml", "  - saisies: [coordo, coordos]", "  - saisies: []");
  expect_grid_error(dir, "synonymes.yaml", line);
  testing::TempDir other;
  const int line2 = break_schema(other, "synonymes.yaml", "    cherche: coordination", "    cherchee: coordination");
  expect_grid_error(other, "synonymes.yaml", line2 - 1);
}

TEST_CASE("a missing schema file names the file", "[grid][errors]") {
  testing::TempDir dir;
  testing::copy_tree(testing::schemas(), dir.path());
  std::filesystem::remove(dir / "synonymes.yaml");
  try {
    load_grid(dir.path().string());
    FAIL("load_grid did not throw");
  } catch (const GridError& e) {
    CHECK(std::string(e.what()).find("synonymes.yaml:1:") != std::string::npos);
  }
  CHECK_THROWS_AS(load_grid((dir / "nulle-part").string()), GridError);
}

// The files are parsed on several threads (grid.cpp): with several broken, the error reported is
// still the first in reading order (grille, parcours, vocabularies, synonyms), every time.
TEST_CASE("with several broken schema files, the first one in reading order is reported", "[grid][errors]") {
  testing::TempDir dir;
  const int line = break_schema(dir, "vocabulaires/stades.yaml", "  - slug: emergence", "  - slug: emergence: x");
  std::string later = testing::read_file(dir / "vocabulaires/thematiques.yaml");
  testing::write_file(dir / "vocabulaires/thematiques.yaml", later + "\nx: [\n");
  testing::write_file(dir / "synonymes.yaml", "anneaux: [\n");
  for (int i = 0; i < 5; ++i) expect_grid_error(dir, "vocabulaires/stades.yaml", line);
  std::string grille = testing::read_file(dir / "grille.yaml");
  testing::write_file(dir / "grille.yaml", grille + "\nx: [\n");
  try {
    load_grid(dir.path().string());
    FAIL("load_grid did not throw");
  } catch (const GridError& e) {
    CHECK(std::string(e.what()).rfind((dir / "grille.yaml").string() + ":", 0) == 0);
  }
}

TEST_CASE("the foreign terms of termes_etrangers.yaml are loaded with their language", "[grid][lang]") {
  const Grid& grid = testing::grid();
  const auto found = std::find_if(grid.foreign_terms.begin(), grid.foreign_terms.end(),
                                  [](const ForeignTerm& t) { return t.term == "empowerment"; });
  REQUIRE(found != grid.foreign_terms.end());
  CHECK(found->lang == "en");
}

TEST_CASE("a bad foreign term names the file, the line and the field", "[grid][lang][errors]") {
  const auto expect = [](const std::string& line, const std::string& with, const std::string& message) {
    testing::TempDir dir;
    const int n = break_schema(dir, "termes_etrangers.yaml", line, with);
    expect_grid_error(dir, "termes_etrangers.yaml", n);
    try {
      load_grid(dir.path().string());
    } catch (const GridError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
  };
  expect("    langue: en", "    langue: EN", "« langue » : code de langue BCP 47 attendu");
  expect("    langue: en", "    langue: fr", "« langue » : « fr » est la langue des pages");
  expect("    langue: en", "    langage: en", "champ inconnu « langage »");
  expect("  - terme: empowerment", "  - terme: \"empowerment \"", "« terme » : un ou plusieurs mots");
  expect("  - terme: empowerment", "  - terme: \"<b>empowerment\"", "« terme » : un ou plusieurs mots");
  expect("  - terme: focus group", "  - terme: Empowerment", "« terme » : « Empowerment » est déjà listé ligne");
}
