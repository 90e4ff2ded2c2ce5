// Publications: a full build on every core answers like a sequential one; a change is published in
// place into the current generation, readers open the Xapian database and the catalogue at the same
// publication; the write side's call (Publisher); corpus-level rules checked against the catalogue.
#include <catch2/catch.hpp>

#include "corpus.h"
#include "pratiques/catalog.h"
#include "pratiques/grid.h"
#include "pratiques/index_store.h"

using namespace pratiques;
using testing::Workspace;
namespace fs = std::filesystem;

namespace {

const char* const kEcole = "ecole-ouverte-parents-fives";

}  // namespace

TEST_CASE("a full build on four threads answers every search as a build on one thread does", "[index][parallel]") {
  // The real content (varied sheets, courses, pages), plus copies of one sheet: exact ties, whose
  // order only the document ids decide.
  testing::TempDir dir;
  testing::copy_tree(testing::source_dir() / "content", dir / "content");
  for (int i = 0; i < 60; ++i) {
    std::string text = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
    text.replace(text.find("id: fiche-valide"), 16, "id: copie-" + std::to_string(i));
    testing::write_file(dir / "content" / "fiches" / ("copie-" + std::to_string(i) + ".md"), text);
  }
  IndexOptions o;
  o.content = (dir / "content").string();
  o.schemas = testing::schemas().string();
  o.out = (dir / "un").string();
  o.threads = 1;
  REQUIRE(build_index(o).published);
  o.out = (dir / "quatre").string();
  o.threads = 4;
  REQUIRE(build_index(o).published);
  const Searcher one((dir / "un").string()), four((dir / "quatre").string());
  std::vector<SearchRequest> requests;
  for (const char* q :
       {"", "potager", "aidants", "parentalité", "jardin partagé", "MSA", "café", "CAF", "logement", "glycines",
        "cuisine", "\"repas partagé\"", "freins:mobilité", "parentalitté", "titre:atelier", "santé OU emploi"})
    for (Sort sort : {Sort::Relevance, Sort::Date, Sort::Title}) {
      SearchRequest r;
      r.query = q;
      r.sort = sort;
      requests.push_back(r);
    }
  SearchRequest filtered;
  filtered.filters = {{"thematiques", "alimentation"}};
  requests.push_back(filtered);
  filtered.page = 2;
  requests.push_back(filtered);
  for (const auto& r : requests) {
    INFO("requête « " << r.query << " », tri " << static_cast<int>(r.sort) << ", page " << r.page);
    CHECK(to_json(one.search(r)) == to_json(four.search(r)));  // same hits, same order, same scores and facets
  }
  for (const char* id : {kEcole, "copie-7"}) CHECK(one.similar_ids(id, 5) == four.similar_ids(id, 5));
}

TEST_CASE("the content directory, relative or absolute, names the same files", "[index][publication]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  w.options.content = fs::absolute(w.dir / "content").string() + "/";
  for (int run = 0; run < 2; ++run) {
    const IndexReport r = build_index(w.options);
    CHECK_FALSE(r.full_rebuild);
    CHECK(r.bytes_indexed == 0);
    CHECK(r.updated == 0);
    CHECK(r.unchanged == 8);
  }
}

TEST_CASE("a change that breaks a link of an unchanged sheet is refused", "[index][publication]") {
  Workspace w;
  w.write_sheet("atelier-a", "fiches_liees:\n  - id: atelier-b\n    relation: voir-aussi\n");
  w.write_sheet("atelier-b", "fiches_liees:\n  - id: atelier-a\n    relation: voir-aussi\n");
  REQUIRE(build_index(w.options).published);
  fs::remove(w.sheet("atelier-b"));
  const IndexReport r = build_index(w.options);
  CHECK_FALSE(r.published);
  const Diagnostics broken = testing::with_rule(r.diagnostics, "fiche-liee-inconnue");
  REQUIRE(broken.size() == 1);
  CHECK(fs::path(broken[0].path).filename() == "atelier-a.md");
  CHECK(testing::contains(w.found("glycines"), "atelier-b"));  // nothing published
  // A new sheet that claims a published id as a former one is refused too.
  w.write_sheet("atelier-b", "fiches_liees:\n  - id: atelier-a\n    relation: voir-aussi\n");
  w.write_sheet("atelier-c", "anciens_ids: [atelier-a]\n");
  const IndexReport c = build_index(w.options);
  CHECK_FALSE(c.published);
  // Both files are in error, each naming the other (the published one as well: it is in conflict too).
  const Diagnostics twice = testing::with_rule(c.diagnostics, "id-doublon");
  REQUIRE(twice.size() == 2);
  CHECK(fs::path(twice[0].path).filename() == "atelier-a.md");
  CHECK(twice[0].message.find("atelier-c.md") != std::string::npos);
  CHECK(fs::path(twice[1].path).filename() == "atelier-c.md");
}

TEST_CASE("a course that a sheet's change breaks is reported, against the published sheets", "[index][publication]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "cours" / "fiches", dir / "content" / "fiches");
  fs::create_directories(dir / "content" / "parcours");
  fs::copy(testing::fixtures() / "cours" / "parcours" / "parcours-valide.md", dir / "content" / "parcours");
  IndexOptions o;
  o.content = (dir / "content").string();
  o.schemas = testing::schemas().string();
  o.out = (dir / "index").string();
  REQUIRE(build_index(o).published);
  // The step's section is now undocumented.
  const fs::path sheet = dir / "content" / "fiches" / "fiche-valide.md";
  std::string text = testing::read_file(sheet);
  const std::size_t start = text.find("## Jalons");
  const std::size_t end = text.find("\n## ", start + 1);
  text.replace(start, end - start, "## Jalons de la méthode\n\n_Non documenté à ce jour._\n");
  testing::write_file(sheet, text);
  const IndexReport r = build_index(o);
  INFO(testing::describe(r.diagnostics));
  CHECK_FALSE(r.published);
  CHECK(testing::with_rule(r.diagnostics, "section-non-documentee").size() == 1);
}

TEST_CASE("the write side's Publisher publishes the files it names, in place", "[index][publisher]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  Publisher publisher(w.options, std::chrono::milliseconds(0));
  w.replace_in(kEcole, "potager", "verger");
  w.write_sheet("atelier-nouveau");
  IndexReport r = publisher.publish({"fiches/" + std::string(kEcole) + ".md", w.sheet("atelier-nouveau").string()});
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.published);
  CHECK(r.publication == 2);
  CHECK(r.updated == 1);
  CHECK(r.added == 1);
  CHECK(r.unchanged == 7);
  CHECK(w.found("verger") == std::vector<std::string>{kEcole});
  CHECK(testing::contains(w.found("glycines"), "atelier-nouveau"));
  // Removed.
  fs::remove(w.sheet("atelier-nouveau"));
  r = publisher.publish({"fiches/atelier-nouveau.md"});
  CHECK(r.removed == 1);
  CHECK(r.changed_sheets == std::vector<std::string>{"atelier-nouveau"});
  CHECK(w.found("glycines").empty());
  // A sheet with an error: nothing published, the reasons given.
  w.replace_in(kEcole, "stade: ", "stade_inconnu: ");
  r = publisher.publish({"fiches/" + std::string(kEcole) + ".md"});
  CHECK_FALSE(r.published);
  CHECK_FALSE(r.diagnostics.empty());
  CHECK(w.found("verger") == std::vector<std::string>{kEcole});
  // Not a file of the content directory.
  CHECK_THROWS_AS(publisher.publish({"/etc/passwd"}), IndexError);
  // Another writer holds the lock.
  {
    const IndexLock other(w.options.out, std::chrono::milliseconds(0));
    CHECK_THROWS_AS(publisher.publish({"fiches/" + std::string(kEcole) + ".md"}), IndexBusy);
  }
}

TEST_CASE("the Publisher refuses an index built from other schemas", "[index][publisher]") {
  Workspace w;
  testing::copy_tree(testing::schemas(), w.dir / "schemas");
  w.options.schemas = (w.dir / "schemas").string();
  REQUIRE(build_index(w.options).published);
  const fs::path stades = w.dir / "schemas" / "vocabulaires" / "stades.yaml";
  testing::write_file(stades, testing::read_file(stades) + "\n# modifié\n");
  Publisher publisher(w.options, std::chrono::milliseconds(0));
  CHECK_THROWS_AS(publisher.publish({"fiches/" + std::string(kEcole) + ".md"}), IndexError);
}

TEST_CASE("pratiques index refuses to run without schemas/territoires.tsv", "[index][cli]") {
  Workspace w;
  testing::copy_tree(testing::schemas(), w.dir / "schemas");
  fs::remove(w.dir / "schemas" / "territoires.tsv");
  const testing::RunResult r = testing::run({testing::cli(), "index", "--contenu", w.options.content, "--schemas",
                                             (w.dir / "schemas").string(), "--sortie", w.options.out});
  CHECK(r.status == 3);
  CHECK(r.err.find("territoires.tsv") != std::string::npos);
  CHECK_FALSE(fs::exists(w.options.out));
}

TEST_CASE("a searcher of a new publication reads its labels and facets, not the last one's", "[index][search][reload]") {
  // The searcher keeps per-generation data (each facet's values, the prepared statement of the
  // labels that extracts show): a new publication is read by a new searcher, with its own.
  Workspace w;
  REQUIRE(build_index(w.options).published);
  auto sejour = [](const Searcher& s) {
    SearchRequest r;
    r.query = "retraités";  // found through the labels of the sheet's publics
    const SearchResponse resp = s.search(r);
    for (const auto& h : resp.hits)
      if (h.id == "sejour-repit-aidants-msa") return std::make_pair(h.snippet.text, resp);
    FAIL("sejour-repit-aidants-msa not found");
    return std::make_pair(std::string(), resp);
  };
  auto count = [](const SearchResponse& r, const std::string& facet, const std::string& value) {
    for (const auto& f : r.facets)
      if (f.key == facet)
        for (const auto& v : f.values)
          if (v.value == value) return v.count;
    return 0u;
  };
  const Searcher before(w.options.out);
  const auto [old_text, old_resp] = sejour(before);
  CHECK(old_text.find("Publics : Personnes âgées et retraités, Aidants familiaux") != std::string::npos);
  CHECK(count(old_resp, "publics", "aidants-familiaux") == 1);

  std::string sheet = testing::read_file(w.sheet("sejour-repit-aidants-msa"));
  sheet.replace(sheet.find("publics: [aidants-familiaux, personnes-agees]"), 45, "publics: [personnes-agees]");
  testing::write_file(w.sheet("sejour-repit-aidants-msa"), sheet);
  REQUIRE(build_index(w.options).published);
  CHECK(before.stale());
  const Searcher after(w.options.out);
  const auto [new_text, new_resp] = sejour(after);
  CHECK(new_text.find("Publics : Personnes âgées et retraités") != std::string::npos);
  CHECK(new_text.find("Aidants familiaux") == std::string::npos);
  CHECK(count(new_resp, "publics", "aidants-familiaux") == 0);
  CHECK(count(new_resp, "publics", "personnes-agees") == count(old_resp, "publics", "personnes-agees"));
}
