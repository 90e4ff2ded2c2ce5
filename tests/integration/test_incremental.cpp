// Incremental re-indexing (index_writer.cpp): only what changed is re-indexed, deleted sheets
// leave the index, and a sheet with an error is never published.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <thread>

#include "corpus.h"
#include "pratiques/catalog.h"
#include "pratiques/generations.h"
#include "pratiques/index_store.h"

using namespace pratiques;
namespace fs = std::filesystem;
using testing::contains;
using testing::ids;
using testing::Workspace;

namespace {

ino_t inode(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

const char* const kEcole = "ecole-ouverte-parents-fives";
const char* const kFamilles = "familles-cafe-des-parents-roubaix";
const char* const kDependance = "dependance-vieillissement-voisinage-rural";

}  // namespace

TEST_CASE("a first index is a full build", "[index]") {
  Workspace w;
  const IndexReport r = build_index(w.options);
  INFO(testing::describe(r.diagnostics));
  CHECK(r.published);
  CHECK(r.full_rebuild);
  CHECK(r.sheets == 8);
  CHECK(r.added == 8);
  CHECK(r.updated == 0);
  CHECK(r.unchanged == 0);
  CHECK(r.rejected.empty());
  CHECK(fs::is_symlink(w.options.out));
  CHECK(r.generation == resolve_index(w.options.out));
  CHECK(w.search("").total == 8);
}

TEST_CASE("a run without change re-indexes nothing", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  const IndexReport r = build_index(w.options);
  CHECK(r.published);
  CHECK_FALSE(r.full_rebuild);
  CHECK(r.unchanged == 8);
  CHECK(r.updated == 0);
  CHECK(r.added == 0);
  CHECK(r.bytes_indexed == 0);
  // Touching a file without changing it: its mtime moves (an hour later, whatever the clock's
  // resolution), so only its content hash can say that it is unchanged.
  const auto indexed_mtime = fs::last_write_time(w.sheet(kEcole));
  fs::last_write_time(w.sheet(kEcole), indexed_mtime + std::chrono::hours(1));
  REQUIRE(fs::last_write_time(w.sheet(kEcole)) != indexed_mtime);
  const IndexReport t = build_index(w.options);
  CHECK(t.unchanged == 8);
  CHECK(t.updated == 0);
}

// The scan builds each file's key and display path from the directory's own spelling, once
// (index_files.cpp): the same directory spelled another way is the same content, and errors name
// the files under the directory as the user wrote it.
TEST_CASE("the content directory spelled with a trailing slash or ./ is the same content", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  for (const std::string& spelled : {w.options.content + "/", w.options.content + "/./"}) {
    IndexOptions o = w.options;
    o.content = spelled;
    const IndexReport r = build_index(o);
    INFO(spelled << "\n" << testing::describe(r.diagnostics));
    CHECK(r.published);
    CHECK(r.unchanged == 8);
    CHECK(r.added + r.updated + r.removed == 0);
  }
  testing::write_file(fs::path(w.options.content) / "fiches" / "cassee.md", "---\nid: cassee\n");
  IndexOptions o = w.options;
  o.content = w.options.content + "/./";
  const IndexReport r = build_index(o);
  INFO(testing::describe(r.diagnostics));
  CHECK(std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                    [&](const Diagnostic& d) { return d.path == w.options.content + "/fiches/cassee.md"; }));
}

TEST_CASE("editing one sheet updates it alone, and search sees the new text", "[index]") {
  Workspace w;
  const IndexReport first = build_index(w.options);
  REQUIRE(first.published);
  CHECK(first.publication == 1);
  const fs::path catalogue = fs::path(first.generation) / kCatalogFile;
  const ino_t catalogue_inode = inode(catalogue);
  const Searcher before(w.options.out);
  CHECK(contains(w.found("potager"), kEcole));
  w.replace_in(kEcole, "potager", "verger");
  const IndexReport r = build_index(w.options);
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.published);
  CHECK_FALSE(r.full_rebuild);
  CHECK(r.updated == 1);
  CHECK(r.unchanged == 7);
  CHECK(r.added == 0);
  CHECK(r.removed == 0);
  CHECK(r.sheets == 8);
  CHECK(w.found("verger") == std::vector<std::string>{kEcole});
  CHECK(w.found("potager") == std::vector<std::string>{kFamilles});  // the old text is gone
  CHECK(w.search("").total == 8);
  // Published in place: the same generation, its next publication, the same files (nothing copied).
  CHECK(fs::canonical(r.generation) == fs::canonical(first.generation));
  CHECK(r.publication == 2);
  CHECK(inode(catalogue) == catalogue_inode);
  CHECK(r.changed_sheets == std::vector<std::string>{kEcole});
  // A searcher opened before knows the index changed, and still reads its own publication, whole:
  // the Xapian database and the catalogue agree.
  CHECK(before.stale());
  CHECK_FALSE(Searcher(w.options.out).stale());
  CHECK(before.publication() == 1);
  CHECK(contains(ids(before.search({"potager"}).hits), kEcole));
  {
    auto text = before.catalog().prepare("SELECT COUNT(*) FROM sheet_text WHERE body LIKE '%verger%'");
    REQUIRE(text.step());
    CHECK(text.integer(0) == 0);
  }
  // Two commits later its Xapian revision is gone: it opens the index again and answers from the last.
  w.replace_in(kEcole, "verger", "rucher");
  REQUIRE(build_index(w.options).published);
  CHECK(ids(before.search({"rucher"}).hits) == std::vector<std::string>{kEcole});
  CHECK(before.publication() == 3);
  // The spelling table follows the text: "ruchre" is corrected to the new word.
  const SearchResponse typo = w.search("ruchre");
  REQUIRE(typo.suggestion);
  CHECK(*typo.suggestion == "rucher");
  // ... and forgets the word the sheet no longer says: "vergre" is not corrected to "verger".
  const SearchResponse gone = w.search("vergre");
  CHECK(gone.suggestion.value_or("") != "verger");
  // Nothing changed: nothing committed.
  const IndexReport again = build_index(w.options);
  CHECK(again.publication == 3);
  CHECK(again.unchanged == 8);
}

TEST_CASE("a new sheet is added", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  std::string text = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
  testing::write_file(w.dir / "content" / "fiches" / "fiche-valide.md", text);
  const IndexReport r = build_index(w.options);
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.published);
  CHECK(r.added == 1);
  CHECK(r.unchanged == 8);
  CHECK(r.sheets == 9);
  CHECK(w.found("glycines") == std::vector<std::string>{"fiche-valide"});
}

TEST_CASE("a run in place finds a new sheet in a subfolder, never a README.md nor a hidden .md", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  const fs::path fiches = w.dir / "content" / "fiches";
  fs::create_directories(fiches / "2026" / "nord");
  testing::write_file(fiches / "2026" / "nord" / "fiche-valide.md",
                      testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md"));
  testing::write_file(fiches / "2026" / "README.md", "# Notes du service\n");
  testing::write_file(fiches / ".md", "pas une fiche\n");
  const IndexReport r = build_index(w.options);
  INFO(testing::describe(r.diagnostics));
  REQUIRE(r.published);
  CHECK(r.added == 1);
  CHECK(r.unchanged == 8);
  CHECK(w.found("glycines") == std::vector<std::string>{"fiche-valide"});
  // The next run finds nothing to do: the subfolder's sheet is recorded under its own key.
  const IndexReport again = build_index(w.options);
  CHECK(again.published);
  CHECK(again.added == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 9);
  fs::remove_all(fiches / "2026");
  const IndexReport removed = build_index(w.options);
  CHECK(removed.removed == 1);
  CHECK(w.found("glycines").empty());
}

TEST_CASE("a deleted sheet leaves the index", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  CHECK(contains(w.found("tricot"), kFamilles));
  fs::remove(w.sheet(kFamilles));
  const IndexReport r = build_index(w.options);
  REQUIRE(r.published);
  CHECK(r.removed == 1);
  CHECK(r.unchanged == 7);
  CHECK(r.sheets == 7);
  CHECK(w.found("tricot") == std::vector<std::string>{kDependance});
  CHECK(w.found("parentalite") == std::vector<std::string>{kEcole});
  CHECK(w.search("").total == 7);
  SearchRequest filtered;
  filtered.filters = {{"thematiques", "parentalite"}};
  CHECK(Searcher(w.options.out).search(filtered).total == 0);
}

TEST_CASE("a sheet with an error is not published, and the previous index stays", "[index]") {
  Workspace w;
  const IndexReport first = build_index(w.options);
  REQUIRE(first.published);
  w.replace_in(kEcole, "potager", "verger");
  w.replace_in(kFamilles, "stade: perennisation\n", "");  // cle-obligatoire
  const IndexReport r = build_index(w.options);
  CHECK_FALSE(r.published);
  REQUIRE(r.rejected.size() == 1);
  CHECK(fs::path(r.rejected[0]).filename() == std::string(kFamilles) + ".md");
  CHECK(testing::with_rule(r.diagnostics, "cle-obligatoire").size() == 1);
  // Nothing changed for readers, not even the valid edit.
  CHECK(resolve_index(w.options.out) == first.generation);
  CHECK(contains(w.found("potager"), kEcole));
  CHECK(w.found("verger").empty());
  CHECK(contains(w.found("tricot"), kFamilles));
}

TEST_CASE("with keep_going the valid sheets are published without the faulty one", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  w.replace_in(kEcole, "potager", "verger");
  w.replace_in(kFamilles, "stade: perennisation\n", "");
  w.options.keep_going = true;
  const IndexReport r = build_index(w.options);
  CHECK(r.published);
  REQUIRE(r.rejected.size() == 1);
  CHECK(fs::path(r.rejected[0]).filename() == std::string(kFamilles) + ".md");
  CHECK(r.sheets == 7);
  CHECK(w.found("verger") == std::vector<std::string>{kEcole});
  CHECK_FALSE(contains(w.found("tricot"), kFamilles));  // the faulty sheet left the index
  CHECK(w.search("").total == 7);
  // Once fixed, it comes back.
  w.replace_in(kFamilles, "niveau_participation:", "stade: perennisation\nniveau_participation:");
  w.options.keep_going = false;
  const IndexReport fixed = build_index(w.options);
  INFO(testing::describe(fixed.diagnostics));
  CHECK(fixed.published);
  CHECK(fixed.rejected.empty());
  CHECK(contains(w.found("tricot"), kFamilles));
  CHECK(w.search("").total == 8);
}

TEST_CASE("a change of the schemas forces a full rebuild", "[index]") {
  Workspace w;
  testing::copy_tree(testing::schemas(), w.dir / "schemas");
  w.options.schemas = (w.dir / "schemas").string();
  REQUIRE(build_index(w.options).published);
  CHECK_FALSE(build_index(w.options).full_rebuild);
  const fs::path stades = w.dir / "schemas" / "vocabulaires" / "stades.yaml";
  testing::write_file(stades, testing::read_file(stades) + "\n# modifié\n");
  const IndexReport r = build_index(w.options);
  CHECK(r.published);
  CHECK(r.full_rebuild);
  CHECK(r.added == 8);
  // So does options.full.
  w.options.full = true;
  CHECK(build_index(w.options).full_rebuild);
}

TEST_CASE("an index of another format is refused by search and rebuilt in full by the next run", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  {
    Catalog cat((fs::path(resolve_index(w.options.out)) / kCatalogFile).string(), true);
    cat.set_meta("index_format", "9");  // as a binary of the previous format left it
  }
  try {
    w.search("parents");
    FAIL("an index of format 9 was searched");
  } catch (const SearchError& e) {
    CHECK(std::string(e.what()).find("format « 9 »") != std::string::npos);
    CHECK(std::string(e.what()).find("pratiques index") != std::string::npos);
  }
  const IndexReport r = build_index(w.options);
  CHECK(r.published);
  CHECK(r.full_rebuild);
  CHECK(w.search("parents").total > 0);
}

TEST_CASE("two indexers cannot write the same index at once", "[index]") {
  Workspace w;
  REQUIRE(build_index(w.options).published);
  const IndexLock lock(w.options.out, std::chrono::milliseconds(0));  // as if another `pratiques index` were running
  CHECK_THROWS(build_index(w.options));
}

TEST_CASE("café does not find a sheet that only writes CAF, which CAF and Caf still find", "[index][synonyms]") {
  // "café" and "CAF" have the same French stem, "caf": acronyms are indexed without their stem.
  Workspace w;
  w.replace_in(kDependance, "un club de tricot se réunit",
               "la CAF et la Caf du département réunissent un club de tricot");
  REQUIRE(build_index(w.options).published);
  const auto cafe = w.found("café");
  CHECK(contains(cafe, kFamilles));
  CHECK_FALSE(contains(cafe, kDependance));
  CHECK(contains(w.found("CAF"), kDependance));
  CHECK(contains(w.found("Caf"), kDependance));
  CHECK(contains(w.found("caisse d'allocations familiales"), kDependance));
  // Its extract marks the acronym for "CAF", not for "café".
  for (const auto& h : w.search("CAF").hits)
    if (h.id == kDependance) CHECK(to_html(h.snippet).find("<mark>CAF</mark>") != std::string::npos);
}
