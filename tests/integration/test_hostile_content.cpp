// Content that once got past `pratiques check` and then broke or fooled `pratiques index` (issue
// 16): an id too long for a Xapian term, an empty front matter, a symbolic link to a sheet outside
// content/. Each is now refused by both commands, with a diagnostic, and never aborts a run.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "corpus.h"

namespace fs = std::filesystem;

namespace {

struct Content {
  testing::TempDir dir;
  Content() { testing::copy_tree(testing::fixtures() / "corpus", dir / "content"); }
  fs::path sheets() const { return dir / "content" / "fiches"; }
  std::string index_dir() const { return (dir / "index").string(); }
  // The valid fixture sheet under another id.
  static std::string sheet(const std::string& id) {
    std::string text = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
    text.replace(text.find("id: fiche-valide"), 16, "id: " + id);
    return text;
  }
  testing::RunResult check() const { return testing::run({testing::cli(), "check", (dir / "content").string()}); }
  testing::RunResult index(bool keep_going = false) const {
    std::vector<std::string> argv = {
        testing::cli(), "index",    "--content", (dir / "content").string(), "--schemas", testing::schemas().string(),
        "--out",        index_dir()};
    if (keep_going) argv.push_back("--keep-going");
    return testing::run(argv);
  }
  unsigned published() const { return pratiques::Searcher(index_dir()).search({}).total; }
};

}  // namespace

TEST_CASE("an id too long for a Xapian term is refused by check and by index, which never aborts", "[cli][bounds]") {
  Content c;
  const std::string id = "fiche-" + std::string(239, 'x');  // 245 characters: with its prefix, past Xapian's term limit
  testing::write_file(c.sheets() / (id + ".md"), Content::sheet(id));
  const auto checked = c.check();
  INFO(checked.out);
  CHECK(checked.status == 1);
  CHECK(checked.out.find("« id » fait " + std::to_string(id.size()) + " caractères, au plus 100 permis [longueur]") !=
        std::string::npos);
  const auto refused = c.index();
  INFO(refused.err);
  CHECK(refused.status == 1);  // was 134: Xapian::InvalidArgumentError, uncaught
  CHECK(refused.err.find("[longueur]") != std::string::npos);
  const auto kept = c.index(true);
  INFO(kept.err);
  CHECK(kept.status == 1);
  CHECK(c.published() == 8);
  for (const auto& e : fs::directory_iterator(c.index_dir() + ".d")) CHECK(e.path().extension() != ".tmp");
}

TEST_CASE("an empty front matter is refused by check, and index says so instead of dropping the sheet",
          "[cli][bounds]") {
  Content c;
  std::string text = Content::sheet("en-tete-vide");
  text.replace(0, text.find("\n---\n", 3) + 5, "---\n---\n");  // "---" then "---"
  testing::write_file(c.sheets() / "en-tete-vide.md", text);
  const auto checked = c.check();
  INFO(checked.out);
  CHECK(checked.status == 1);
  CHECK(checked.out.find("en-tete-vide.md:2:1: erreur: l'en-tête YAML est vide") != std::string::npos);
  const auto indexed = c.index(true);
  INFO(indexed.err);
  CHECK(indexed.status == 1);
  CHECK(indexed.err.find("en-tete-vide.md") != std::string::npos);
  CHECK(indexed.err.find("[front-matter-vide]") != std::string::npos);
  CHECK(c.published() == 8);
}

TEST_CASE("a symbolic link under content/fiches is not followed", "[cli][bounds]") {
  Content c;
  testing::TempDir outside;
  testing::write_file(outside / "ailleurs.md", Content::sheet("ailleurs"));
  REQUIRE(::symlink((outside / "ailleurs.md").c_str(), (c.sheets() / "ailleurs.md").c_str()) == 0);
  fs::create_directories(outside / "dossier");
  testing::write_file(outside / "dossier" / "cachee.md", Content::sheet("cachee"));
  REQUIRE(::symlink((outside / "dossier").c_str(), (c.sheets() / "dossier").c_str()) == 0);
  const auto checked = c.check();
  INFO(checked.out);
  CHECK(checked.status == 1);
  CHECK(checked.out.find("ailleurs.md:1:1: erreur: ce fichier est un lien symbolique") != std::string::npos);
  CHECK(checked.out.find("dossier:1:1: erreur: ce répertoire est un lien symbolique") != std::string::npos);
  const auto indexed = c.index(true);
  INFO(indexed.err);
  CHECK(indexed.status == 1);
  CHECK(indexed.err.find("[lien-symbolique]") != std::string::npos);
  CHECK(c.published() == 8);  // neither the linked sheet nor the linked directory's
  CHECK(pratiques::Searcher(c.index_dir()).search({"glycines"}).total == 0);  // the linked sheet's word
}

TEST_CASE("index fails with a clear message when schemas/territoires.tsv is missing", "[cli][bounds]") {
  Content c;
  testing::copy_tree(testing::schemas(), c.dir / "schemas");
  fs::remove(c.dir / "schemas" / "territoires.tsv");
  const auto r = testing::run({testing::cli(), "index", "--content", (c.dir / "content").string(), "--schemas",
                               (c.dir / "schemas").string(), "--out", c.index_dir()});
  INFO(r.err);
  CHECK(r.status == 3);  // invalid schemas (README, exit codes); was 0, with no territory facet
  CHECK(r.err.find("territoires.tsv : liste officielle des territoires absente") != std::string::npos);
  CHECK_FALSE(fs::exists(c.index_dir()));
}
