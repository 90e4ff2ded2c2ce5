// The publication history (sheet_history.cpp, DESIGN-NOTES decisions 1 and 2): datestamps move
// only when a sheet's content changes, deleted records (archived sheets, removed files) persist,
// and both survive incremental runs, recycled generations and full rebuilds.
#include <catch2/catch.hpp>

#include <filesystem>

#include "corpus.h"
#include "pratiques/catalog.h"
#include "pratiques/generations.h"
#include "pratiques/sheet_history.h"

using namespace pratiques;
namespace fs = std::filesystem;

namespace {

constexpr std::time_t kT1 = 1893456000;  // 2030-01-01T00:00:00Z

struct History {
  testing::TempDir dir;
  IndexOptions options;
  History() {
    testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
    options.content = (dir / "content").string();
    options.schemas = testing::schemas().string();
    options.out = (dir / "index").string();
  }
  fs::path sheet(const std::string& id) const { return dir / "content" / "fiches" / (id + ".md"); }
  void edit(const std::string& id, const std::string& from, const std::string& to) const {
    std::string text = testing::read_file(sheet(id));
    const auto p = text.find(from);
    REQUIRE(p != std::string::npos);
    text.replace(p, from.size(), to);
    testing::write_file(sheet(id), text);
  }
  IndexReport index(std::time_t now, bool full = false) {
    options.clock = [now] { return now; };
    options.full = full;
    IndexReport r = build_index(options);
    INFO(testing::describe(r.diagnostics));
    REQUIRE(r.published);
    return r;
  }
  HistoryEntry entry(const std::string& id) const {
    Catalog cat((fs::path(resolve_index(options.out)) / kCatalogFile).string(), false);
    auto e = history_entry(cat, id);
    REQUIRE(e);
    return *e;
  }
  bool in_sheets(const std::string& id) const {
    Catalog cat((fs::path(resolve_index(options.out)) / kCatalogFile).string(), false);
    auto s = cat.prepare("SELECT 1 FROM sheets WHERE id = ?");
    s.bind(1, id);
    return s.step();
  }
};

const char* const kEcole = "ecole-ouverte-parents-fives";
const char* const kSejour = "sejour-repit-aidants-msa";
const char* const kFamilles = "familles-cafe-des-parents-roubaix";

}  // namespace

TEST_CASE("history: a datestamp is the time its content was first published, whatever the run", "[index][history]") {
  History h;
  h.index(kT1);
  CHECK(h.entry(kEcole).datestamp == "2030-01-01T00:00:00Z");
  CHECK(h.entry(kEcole).status == "publiee");
  CHECK(h.entry(kSejour).sets == std::vector<std::string>{"region", "region:75", "thematique", "thematique:aidants",
                                                          "thematique:vieillissement", "type_fiche",
                                                          "type_fiche:pratique"});
  h.index(kT1 + 10);  // nothing changed
  CHECK(h.entry(kEcole).datestamp == "2030-01-01T00:00:00Z");
  h.edit(kEcole, "titre: \"", "titre: \"Nouveau : ");
  h.index(kT1 + 20);  // incremental, on a recycled older generation
  CHECK(h.entry(kEcole).datestamp == "2030-01-01T00:00:20Z");
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:00:00Z");
  h.index(kT1 + 30, true);  // full rebuild: carried forward from the published generation
  CHECK(h.entry(kEcole).datestamp == "2030-01-01T00:00:20Z");
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:00:00Z");
  fs::remove_all(h.options.out);  // the generations' link gone too: the history starts again
  fs::remove_all(h.options.out + ".d");
  h.index(kT1 + 40);
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:00:40Z");
}

TEST_CASE("history: archived sheets and removed files are persistent deleted records", "[index][history]") {
  History h;
  h.index(kT1);
  h.edit(kSejour, "statut: publiee", "statut: archivee");
  fs::remove(h.sheet(kFamilles));
  const IndexReport r = h.index(kT1 + 60);
  CHECK(r.archived == 1);
  CHECK_FALSE(h.in_sheets(kSejour));  // out of the site and the search
  SearchRequest all;
  all.per_page = 50;
  CHECK_FALSE(testing::contains(testing::ids(Searcher(h.options.out).search(all).hits), kSejour));
  CHECK(Searcher(h.options.out).search(all).total == 6);
  CHECK(h.entry(kSejour).status == "archivee");
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:01:00Z");
  CHECK(h.entry(kSejour).title == "Séjour de répit pour les aidants familiaux organisé par la MSA");
  CHECK_FALSE(h.entry(kSejour).sets.empty());  // a harvest by set still sees the deletion
  CHECK(h.entry(kFamilles).status == "supprimee");
  CHECK(h.entry(kFamilles).datestamp == "2030-01-01T00:01:00Z");
  // Later runs, full or not, keep them as they were.
  h.index(kT1 + 120, true);
  h.index(kT1 + 180);
  CHECK(h.entry(kSejour).status == "archivee");
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:01:00Z");
  CHECK(h.entry(kFamilles).datestamp == "2030-01-01T00:01:00Z");
  // Republished: live again, with a new datestamp.
  h.edit(kSejour, "statut: archivee", "statut: publiee");
  h.index(kT1 + 240);
  CHECK(h.entry(kSejour).status == "publiee");
  CHECK(h.entry(kSejour).datestamp == "2030-01-01T00:04:00Z");
  CHECK(h.in_sheets(kSejour));
}

TEST_CASE("history: a full build reads its datestamp once its index is merged, not before", "[index][history]") {
  // A harvester takes a response's date as its next `from`: a change stamped before a response
  // that did not show it yet is never harvested. The merge of the shards takes seconds on a large
  // collection; the clock is read after it, just before the generation is published.
  History h;
  int reads = 0;
  bool shards_left = false;
  h.options.full = true;
  h.options.clock = [&] {
    ++reads;
    for (const auto& e : fs::recursive_directory_iterator(h.options.out + ".d"))
      if (e.is_directory() && e.path().filename() == "shards") shards_left = true;
    return kT1;
  };
  REQUIRE(build_index(h.options).published);
  CHECK(reads == 1);
  CHECK_FALSE(shards_left);
  CHECK(h.entry(kEcole).datestamp == "2030-01-01T00:00:00Z");
}
