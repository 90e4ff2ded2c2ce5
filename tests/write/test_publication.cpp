// What publication does outside the database: the Git commit (libgit2), and the targeted site
// rebuild, whose pages are byte for byte those of a full build.
#include <catch2/catch.hpp>

#include <git2.h>

#include "pratiques/site/build.h"
#include "pratiques/write/git_commit.h"
#include "write_fixture.h"

namespace fs = std::filesystem;
using namespace pratiques::write;
using testing::Workspace;

namespace {

std::int64_t published(Workspace& w, const std::string& markdown, const std::string& comment) {
  auto& c = w.contributions();
  const auto d = c.create(w.author, markdown);
  c.act(w.author, d.contribution.id, Action::Soumettre, {});
  c.act(w.curator, d.contribution.id, Action::Prendre, {});
  c.act(w.curator, d.contribution.id, Action::Publier, {comment});
  return d.contribution.id;
}

std::string git(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/git", "-C", repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = testing::run(argv);
  if (r.status != 0) throw std::runtime_error("git " + args.front() + ": " + r.err);
  return r.out;
}

}  // namespace

TEST_CASE("in a Git work tree, a publication is a commit by the curator with the journal comment", "[write][git]") {
  Workspace w(false);
  const fs::path repo = w.dir.path();
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"-c", "user.name=Init", "-c", "user.email=init@exemple.fr", "add", "content"});
  git(repo, {"-c", "user.name=Init", "-c", "user.email=init@exemple.fr", "commit", "-q", "-m", "Contenu initial"});
  // Someone's unrelated work in progress, staged: it stays staged and out of the commit.
  testing::write_file(repo / "notes.txt", "en cours\n");
  git(repo, {"add", "notes.txt"});

  published(w, testing::valid_sheet("fiche-versionnee"), "Relue avec le porteur");
  CHECK(git(repo, {"log", "-1", "--format=%an <%ae>|%s"}) == "doc@exemple.fr <doc@exemple.fr>|Relue avec le porteur\n");
  CHECK(git(repo, {"show", "--name-only", "--format=", "HEAD"}) == "content/fiches/fiche-versionnee.md\n");
  CHECK(git(repo, {"show", "HEAD:content/fiches/fiche-versionnee.md"}) ==
        testing::read_file(w.content() / "fiches" / "fiche-versionnee.md"));
  CHECK(git(repo, {"status", "--porcelain", "--", "content", "notes.txt"}) == "A  notes.txt\n");
  CHECK(git(repo, {"rev-list", "--count", "HEAD"}) == "2\n");
}

TEST_CASE("commit_file: outside a work tree, nothing, unchanged bytes, no new commit, first commit of a repository",
          "[write][git]") {
  testing::TempDir dir;
  testing::write_file(dir / "a.md", "a\n");
  CHECK(commit_file((dir / "a.md").string(), {"Curatrice", "c@exemple.fr"}, "m").empty());
  git(dir.path(), {"init", "-q", "-b", "main"});
  const std::string first = commit_file((dir / "a.md").string(), {"Curatrice", "c@exemple.fr"}, "Première");
  CHECK(first.size() == 40);
  CHECK(git(dir.path(), {"log", "--format=%H %an %s"}) == first + " Curatrice Première\n");
  CHECK(commit_file((dir / "a.md").string(), {"Curatrice", "c@exemple.fr"}, "Rien").empty());
  CHECK(git(dir.path(), {"status", "--porcelain"}).empty());
}

TEST_CASE("commit_file: a file that no longer exists is committed as removed (archiving a course)", "[write][git]") {
  testing::TempDir dir;
  git(dir.path(), {"init", "-q", "-b", "main"});
  testing::write_file(dir / "parcours.md", "p\n");
  REQUIRE(commit_file((dir / "parcours.md").string(), {"Curatrice", "c@exemple.fr"}, "Publication").size() == 40);
  fs::remove(dir / "parcours.md");
  const std::string removal = commit_file((dir / "parcours.md").string(), {"Curatrice", "c@exemple.fr"}, "Archivage");
  CHECK(removal.size() == 40);
  CHECK(git(dir.path(), {"show", "--name-status", "--format=%s", "HEAD"}) == "Archivage\n\nD\tparcours.md\n");
  CHECK(git(dir.path(), {"status", "--porcelain"}).empty());
  CHECK(commit_file((dir / "parcours.md").string(), {"Curatrice", "c@exemple.fr"}, "Rien").empty());  // already gone
}

TEST_CASE("the targeted rebuild writes the pages a full build would, and the full one follows", "[write][site]") {
  Workspace w;
  // A sheet in two themes, one of them new to the site, in a département already present.
  std::string text = testing::valid_sheet("fiche-ciblee", "Jardin partagé et cuisine des Glycines");
  text = testing::replaced(text, "thematiques: [alimentation, isolement-lien-social]",
                           "thematiques: [alimentation, cadre-de-vie]");
  published(w, text, "");
  auto& site = w.ed().publisher().site();
  // The pages written at once, before any full rebuild: the sheet and the lists of its values.
  const fs::path page = w.site() / "fiches" / "fiche-ciblee" / "index.html";
  REQUIRE(fs::exists(page));
  site.wait_idle();
  CHECK(site.full_rebuilds() >= 1);
  // Byte for byte what a full build of the same generation gives.
  testing::TempDir fresh;
  pratiques::site::BuildOptions b;
  b.index = w.index();
  b.out = fresh.path().string();
  b.base_url = "http://localhost:8080";
  pratiques::site::build_site(b);
  for (const std::string rel :
       {"fiches/fiche-ciblee/index.html", "fiches/fiche-ciblee/citation.bib", "thematiques/alimentation/index.html",
        "departements/59/index.html", "regions/32/index.html", "index.html", "sitemap.xml", "sitemap-1.xml"}) {
    INFO(rel);
    REQUIRE(fs::exists(fresh / rel));
    CHECK(testing::read_file(w.site() / rel) == testing::read_file(fresh / rel));
  }
}

TEST_CASE("the answer's pages are the sheet's own, equal to a full build's, and its values' pages follow",
          "[write][site]") {
  Workspace w;
  const auto id = w.contributions().create(w.author, testing::valid_sheet("fiche-seule")).contribution.id;
  auto& c = w.contributions();
  c.act(w.author, id, Action::Soumettre, {});
  c.act(w.curator, id, Action::Prendre, {});
  auto& site = w.ed().publisher().site();
  site.wait_idle();
  site.hold();
  const auto d = c.act(w.curator, id, Action::Publier, {});
  REQUIRE(d.publication);
  const auto& pages = d.publication->pages;
  auto has = [&](const std::string& p) { return std::find(pages.begin(), pages.end(), p) != pages.end(); };
  CHECK(has("fiches/fiche-seule/index.html"));
  CHECK(has("fiches/fiche-seule/citation.bib"));
  CHECK(has("fiches/fiche-seule/citation.ris"));
  CHECK_FALSE(has("thematiques/alimentation/index.html"));  // in the background
  CHECK_FALSE(has("index.html"));
  const fs::path theme = w.site() / "thematiques" / "alimentation" / "index.html";
  CHECK_FALSE(fs::exists(theme));  // no fixture sheet is in alimentation: its page comes with this one
  testing::TempDir fresh;
  pratiques::site::BuildOptions b;
  b.index = w.index();
  b.out = fresh.path().string();
  pratiques::site::build_site(b);
  // Written before any background step could run (held): the bytes of a full build.
  for (const auto& rel : pages) {
    INFO(rel);
    CHECK(testing::read_file(w.site() / rel) == testing::read_file(fresh / rel));
  }
  site.release();
  site.wait_dependents();
  CHECK(testing::read_file(theme) == testing::read_file(fresh / "thematiques" / "alimentation" / "index.html"));
}

TEST_CASE("a revision that drops a value rewrites that value's page in the background step", "[write][site]") {
  Workspace w;
  const std::string text = testing::valid_sheet("fiche-revisee", "Jardin partagé et cuisine des Glycines");
  REQUIRE(text.find("thematiques: [alimentation, isolement-lien-social]") != std::string::npos);
  const auto id = published(w, text, "");
  auto& site = w.ed().publisher().site();
  site.wait_idle();
  // isolement-lien-social lists fixture sheets too; alimentation only this one.
  const fs::path social = w.site() / "thematiques" / "isolement-lien-social" / "index.html";
  const fs::path food = w.site() / "thematiques" / "alimentation" / "index.html";
  const fs::path setting = w.site() / "thematiques" / "cadre-de-vie" / "index.html";
  REQUIRE(testing::read_file(social).find("/fiches/fiche-revisee/") != std::string::npos);
  REQUIRE(fs::exists(food));

  // The revision moves the sheet from those two themes to cadre-de-vie: the three pages change
  // with the dependent pages' step, right after the answer (held here to see the state between).
  site.hold();
  auto& c = w.contributions();
  const auto current = c.get(w.curator, id);
  c.save(w.curator, id,
         testing::replaced(current.markdown, "thematiques: [alimentation, isolement-lien-social]",
                           "thematiques: [cadre-de-vie]"),
         current.contribution.version);
  REQUIRE(c.act(w.curator, id, Action::Publier, {"Thème corrigé"}).publication);
  CHECK(testing::read_file(social).find("/fiches/fiche-revisee/") != std::string::npos);
  CHECK(fs::exists(food));
  site.release();
  site.wait_dependents();
  CHECK(testing::read_file(social).find("/fiches/fiche-revisee/") == std::string::npos);
  CHECK_FALSE(fs::exists(food));
  CHECK(testing::read_file(setting).find("/fiches/fiche-revisee/") != std::string::npos);
}
