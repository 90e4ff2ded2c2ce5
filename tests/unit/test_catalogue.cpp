// The catalogue's queries (catalogue.cpp): what the site, the server and the search library read.
#include <catch2/catch.hpp>

#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "support.h"

using namespace pratiques;

namespace {

// A small catalogue: two sheets (b links to a, a was once called "vieux"), a course and a page.
void fill(Catalog& cat) {
  cat.exec(R"sql(
INSERT INTO sheets(id, path, hash, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, front_json, preamble)
  VALUES('a', 'fiches/a.md', 'h', 'Jardin partagé', 'Un jardin', 'action', '2020-01', NULL, NULL, '{"id":"a"}', 'Avant'),
        ('b', 'fiches/b.md', 'h', 'Atelier', 'Un atelier', NULL, NULL, '2021-02-03', NULL, '{"id":"b"}', '');
INSERT INTO sections VALUES('a', 'contexte', 1, 'Contexte', 'contexte', 'Texte', 0), ('a', 'enjeux', 0, 'Enjeux', 'enjeux', '', 1);
INSERT INTO links(from_id, to_id, relation, line) VALUES('b', 'a', 'complement', 2), ('b', 'inconnue', NULL, 1);
INSERT INTO old_ids VALUES('vieux', 'a');
INSERT INTO vocabularies VALUES('departements', '59', 'Nord', 'hauts-de-france', 0), ('publics', 'jeunes', 'Jeunes', NULL, 0);
INSERT INTO sheet_values VALUES('a', 'publics', 'jeunes'), ('b', 'publics', 'jeunes'), ('a', 'departement', '59'), ('a', 'publics', 'hors-vocabulaire');
INSERT INTO synonym_terms VALUES(1, 'quartier', 'quartier prioritaire'), (1, 'quartier', 'QPV');
INSERT INTO courses VALUES('p', 'parcours/p.md', 'h', 'Parcours', '{}', 'Corps');
INSERT INTO course_sections VALUES('p', 'objectifs', 0, 'Objectifs', 'objectifs', 'Apprendre');
INSERT INTO pages VALUES('apropos', 'pages/apropos.md', 'h', 'À propos', '{}', 'Texte');
)sql");
  FacetSpace space({{"publics", "Publics", "publics", "publics"},
                    {"departement", "Département", "territoire.departement", "departements"}});
  space.add("publics", "jeunes", "Jeunes", "");
  space.add("departement", "59", "Nord", "hauts-de-france");
  space.save(cat);
}

}  // namespace

TEST_CASE("the catalogue answers for one sheet", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  fill(cat);

  const auto a = catalogue::sheet(cat, "a");
  REQUIRE(a);
  CHECK(a->title == "Jardin partagé");
  CHECK(a->type == "action");
  CHECK(a->date_start == "2020-01");
  CHECK_FALSE(a->date_published);
  CHECK(a->front_json == R"({"id":"a"})");
  CHECK(a->preamble == "Avant");
  CHECK_FALSE(catalogue::sheet(cat, "vieux"));
  CHECK(catalogue::has_sheet(cat, "b"));
  CHECK_FALSE(catalogue::has_sheet(cat, "vieux"));
  CHECK(catalogue::renamed_to(cat, "vieux") == "a");
  CHECK(catalogue::renamed_to(cat, "a").empty());

  const auto by_facet = catalogue::sheet_values(cat, "a");
  REQUIRE(by_facet.size() == 2);  // publics, departement: b's values are not a's
  REQUIRE(by_facet.at("departement").size() == 1);
  CHECK(by_facet.at("departement")[0].value == "59");
  const auto& values = by_facet.at("publics");
  REQUIRE(values.size() == 2);  // a value the facet space does not know first, then vocabulary order
  CHECK(values[0].value == "hors-vocabulaire");
  CHECK(values[0].label == "hors-vocabulaire");
  CHECK(values[1].label == "Jeunes");

  const auto sections = catalogue::sheet_sections(cat, "a");
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].key == "enjeux");  // by order
  CHECK(sections[0].undocumented);
  CHECK(sections[1].markdown == "Texte");

  const auto from = catalogue::links_from(cat, "b");
  REQUIRE(from.size() == 2);
  CHECK(from[0].to == "inconnue");  // front-matter order
  CHECK(from[0].title.empty());
  CHECK_FALSE(from[0].relation);
  CHECK(from[1].title == "Jardin partagé");
  CHECK(from[1].relation == "complement");
  const auto to = catalogue::links_to(cat, "a");
  REQUIRE(to.size() == 1);
  CHECK(to[0].from == "b");
  CHECK(to[0].title == "Atelier");
}

TEST_CASE("the catalogue hands over whole tables", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  fill(cat);

  CHECK(catalogue::sheet_count(cat) == 2);
  std::vector<std::string> ids;
  catalogue::each_sheet(cat, [&](catalogue::SheetRow& r) { ids.push_back(r.id); });
  CHECK(ids == std::vector<std::string>{"a", "b"});
  std::vector<std::string> sections;
  catalogue::each_section(cat, [&](catalogue::SectionRow& r) { sections.push_back(r.owner + "/" + r.key); });
  CHECK(sections == std::vector<std::string>{"a/enjeux", "a/contexte"});
  std::vector<std::string> links;
  catalogue::each_link(cat, [&](catalogue::LinkRow& r) { links.push_back(r.from + ">" + r.to); });
  CHECK(links == std::vector<std::string>{"b>inconnue", "b>a"});
  std::size_t values = 0;
  catalogue::each_sheet_value(cat, [&](catalogue::SheetValue&) { ++values; });
  CHECK(values == 4);
  CHECK(catalogue::old_ids(cat) == std::vector<std::pair<std::string, std::string>>{{"vieux", "a"}});
  const auto vocab = catalogue::vocabularies(cat);
  REQUIRE(vocab.size() == 2);
  CHECK(catalogue::courses(cat).at(0).title == "Parcours");
  std::vector<std::string> course_sections;
  catalogue::each_course_section(
      cat, [&](catalogue::SectionRow& r) { course_sections.push_back(r.owner + "/" + r.markdown); });
  CHECK(course_sections == std::vector<std::string>{"p/Apprendre"});
  CHECK(catalogue::pages(cat).at(0).title == "À propos");
  CHECK(catalogue::synonym_terms(cat) ==
        std::vector<catalogue::SynonymTerm>{{1, "quartier", "quartier prioritaire"}, {1, "quartier", "QPV"}});
}

TEST_CASE("the catalogue hands over the rows of chosen sheets only", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  fill(cat);

  const std::vector<std::string> a{"a"}, b_and_unknown{"b", "inconnue"}, none;
  std::vector<std::string> ids;
  catalogue::each_sheet(
      cat, [&](catalogue::SheetRow& r) { ids.push_back(r.id); }, &b_and_unknown);
  CHECK(ids == std::vector<std::string>{"b"});
  catalogue::each_sheet(
      cat, [&](catalogue::SheetRow& r) { ids.push_back(r.id); }, &none);
  CHECK(ids == std::vector<std::string>{"b"});
  std::vector<std::string> sections;
  catalogue::each_section(
      cat, [&](catalogue::SectionRow& r) { sections.push_back(r.owner); }, &b_and_unknown);
  CHECK(sections.empty());
  std::vector<std::string> links;
  catalogue::each_link(
      cat, [&](catalogue::LinkRow& r) { links.push_back(r.to); }, &a);
  CHECK(links.empty());  // a links to nothing; b's links are not a's
  catalogue::each_link(
      cat, [&](catalogue::LinkRow& r) { links.push_back(r.to); }, &b_and_unknown);
  CHECK(links == std::vector<std::string>{"inconnue", "a"});
  std::vector<int> lines;
  for (const auto& l : catalogue::links_from(cat, "b")) lines.push_back(l.line);
  CHECK(lines == std::vector<int>{1, 2});
  std::vector<std::string> values;
  catalogue::each_sheet_value(
      cat, [&](catalogue::SheetValue& v) { values.push_back(v.sheet + ":" + v.value); }, &b_and_unknown);
  CHECK(values == std::vector<std::string>{"b:jeunes"});
  CHECK(catalogue::old_ids(cat, &a).size() == 1);
  CHECK(catalogue::old_ids(cat, &b_and_unknown).empty());

  CHECK(catalogue::vocabulary_parent(cat, "departements", "59") == "hauts-de-france");
  CHECK(catalogue::vocabulary_parent(cat, "publics", "jeunes").empty());
  CHECK(catalogue::vocabulary_parent(cat, "departements", "99").empty());
  CHECK(catalogue::sheets_with_value(cat, "publics", "jeunes") == std::vector<std::string>{"a", "b"});
  CHECK(catalogue::sheets_with_value(cat, "departement", "62").empty());

  cat.exec(
      "INSERT INTO files VALUES('content/fiches/a.md', 'fiche', 1, 1, 'h', 'a'), ('content/parcours/p.md', 'parcours', "
      "1, 1, 'h', 'p')");
  CHECK(catalogue::sheet_file(cat, "a") == "content/fiches/a.md");
  CHECK(catalogue::sheet_file(cat, "p").empty());  // a course, not a sheet
  CHECK(catalogue::sheet_file(cat, "b").empty());
}

TEST_CASE("the catalogue counts the sheets of each value", "[catalog]") {
  testing::TempDir dir;
  Catalog cat((dir / "c.sqlite").string(), true);
  fill(cat);

  const auto counts = catalogue::value_counts(cat);  // values of the facet space only
  REQUIRE(counts.size() == 2);
  for (const auto& c : counts) CHECK(c.sheets == (c.value == "jeunes" ? 2u : 1u));
  const auto top = catalogue::top_values(cat, "publics", 8);
  REQUIRE(top.size() == 1);
  CHECK(top[0].label == "Jeunes");
  CHECK(top[0].sheets == 2);
  CHECK(catalogue::top_values(cat, "publics", 0).empty());
  for (const auto& t : catalogue::sheet_titles(cat, "departement")) CHECK(t.value_label == (t.id == "a" ? "Nord" : ""));
}

TEST_CASE("the text of extracts is read when the catalogue has it", "[catalog]") {
  testing::TempDir dir;
  const std::string path = (dir / "c.sqlite").string();
  {
    Catalog cat(path, true);
    cat.prepare("INSERT INTO sheet_text(sheet_id, body) VALUES('a', 'Le texte')").run();
  }
  Catalog cat(path, false);
  catalogue::SheetTexts texts(cat);
  CHECK(texts.text("a") == "Le texte");
  CHECK(texts.text("a") == "Le texte");  // the statement is reused
  CHECK(texts.text("z").empty());

  // A version-2 catalogue of the former history (version 2 was then the search log) has no such
  // table: extracts then come without the text, the catalogue still opens.
  const std::string old_path = (dir / "old.sqlite").string();
  {
    const Schema former{"catalogue",
                        {catalogue_schema().migrations[0],
                         "CREATE TABLE search_log(at TEXT, query TEXT, filters TEXT, results INTEGER);"}};
    Catalog old(old_path, true, former);
  }
  Catalog old(old_path, false);
  CHECK(old.schema_version() == 2);
  CHECK_FALSE(old.has_table("sheet_text"));
  catalogue::SheetTexts none(old);
  CHECK(none.text("a").empty());
}
