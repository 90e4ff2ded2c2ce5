// A publication answers once the sheet is searchable and its own page online; the pages that list
// or include it (its values' pages, the courses that use it — page, students' handout,
// references —, the sheets that link to it, the site map) follow in the background, then the full
// rebuild: byte for byte what a full build writes. A server stopped in between catches up at its
// next start. The background is held by the tests (SiteRefresher::hold) to see the state in between:
// no test waits on a timing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "pratiques/index_writer.h"
#include "pratiques/site/targeted.h"
#include "pratiques/site/build.h"
#include "write_fixture.h"

namespace fs = std::filesystem;
using namespace pratiques::write;
using testing::Workspace;

namespace {

const char* kCourse = R"(---
id: parcours-cible
titre: "Parcours cible : cuisiner et agir ensemble"
public_vise: "Étudiants de première année DEASS"
objectifs_pedagogiques:
  - "Repérer ce qu'un atelier collectif change pour ses participants"
diplomes: [deass]
domaines_competences: [socle-dc3]
duree: "1 séance de 3 heures"
etapes:
  - fiche: fiche-du-parcours
    consigne: "Lisez toute la fiche et relevez qui choisit les menus."
    domaines_competences: [socle-dc3]
  - fiche: habitants-pouvoir-agir-tilleuls
    consigne: "Comparez avec la marche exploratoire des Tilleuls."
    domaines_competences: [socle-dc3]
evaluation_acquis:
  modalites: "Chaque étudiant rend une demi-page de comparaison."
redacteurs:
  - {nom: "Équipe de test", role: formateur, structure: "Pratiques"}
licence: cc-by-4-0
date_publication: "2026-11-21"
date_derniere_revue: "2026-11-21"
---

## Notes pour le formateur

Terminer par un échange.

## Questions à poser

- Qui choisit les menus ?

## Activités

Lecture en binômes.
)";

bool listed(const std::vector<std::string>& list, const std::string& p) {
  return std::find(list.begin(), list.end(), p) != list.end();
}

pratiques::site::BuildOptions site_options(const Workspace& w, const fs::path& out) {
  pratiques::site::BuildOptions b;
  b.index = w.index();
  b.out = out.string();
  b.base_url = "http://localhost:8080";
  return b;
}


// The site of a fixture workspace with a course that uses the sheet `id` (already published) and
// another sheet that links to it, indexed and built as `pratiques index` and `pratiques build` would.
void add_course_and_linking_sheet(Workspace& w) {
  testing::write_file(w.content() / "parcours" / "parcours-cible.md", kCourse);
  const fs::path linking = w.content() / "fiches" / "habitants-pouvoir-agir-tilleuls.md";
  testing::write_file(
      linking, testing::replaced(testing::read_file(linking), "\nredacteurs:",
                                 "\nfiches_liees:\n  - id: fiche-du-parcours\n    relation: voir-aussi\nredacteurs:"));
  pratiques::IndexOptions io;
  io.content = w.content().string();
  io.schemas = testing::schemas().string();
  io.out = w.index();
  REQUIRE(pratiques::build_index(io).published);
  pratiques::site::build_site(site_options(w, w.site()));
}

std::int64_t publish_new(Workspace& w, const std::string& id, const std::string& title) {
  auto& c = w.contributions();
  const auto draft = c.create(w.author, testing::valid_sheet(id, title));
  c.act(w.author, draft.contribution.id, Action::Soumettre, {});
  c.act(w.curator, draft.contribution.id, Action::Prendre, {});
  REQUIRE(c.act(w.curator, draft.contribution.id, Action::Publier, {}).publication);
  return draft.contribution.id;
}

const std::string kBefore = "Jardin partagé et cuisine des Glycines", kAfter = "Potager collectif des Glycines";

// fiche-du-parcours published with the title kBefore, the course and the linking sheet around it,
// the background idle. Returns its contribution.
std::int64_t sheet_in_a_course(Workspace& w) {
  const auto id = publish_new(w, "fiche-du-parcours", kBefore);
  w.ed().publisher().site().wait_idle();
  add_course_and_linking_sheet(w);
  return id;
}

ContributionDetail retitle(Workspace& w, std::int64_t id, const std::string& from, const std::string& to) {
  auto& c = w.contributions();
  const auto current = c.get(w.curator, id);
  c.save(w.curator, id, testing::replaced(current.markdown, from, to), current.contribution.version);
  auto d = c.act(w.curator, id, Action::Publier, {"Titre corrigé"});
  REQUIRE(d.publication);
  return d;
}

}  // namespace

TEST_CASE("a publication answers with the sheet searchable and its page online, the dependent pages follow",
          "[write][site]") {
  Workspace w;
  const std::string &before = kBefore, &after = kAfter;
  const auto id = sheet_in_a_course(w);
  auto& site = w.ed().publisher().site();
  const fs::path course = w.site() / "parcours" / "parcours-cible" / "index.html";
  const fs::path handout = w.site() / "parcours" / "parcours-cible" / "etudiants" / "index.html";
  const fs::path map = w.site() / "plan-du-site" / "index.html";
  const fs::path other = w.site() / "fiches" / "habitants-pouvoir-agir-tilleuls" / "index.html";
  const fs::path own = w.site() / "fiches" / "fiche-du-parcours" / "index.html";
  for (const fs::path& page : {course, handout, map, other, own}) REQUIRE(testing::read_file(page).find(before) != std::string::npos);

  // The background held: what the answer promises is there, the rest is still the old state.
  site.hold();
  const auto values = pratiques::site::browse_values(w.index(), {"fiche-du-parcours"});
  const auto d = retitle(w, id, before, after);
  CHECK(testing::found(w.index(), "potager collectif", "fiche-du-parcours"));
  CHECK(testing::read_file(own).find(after) != std::string::npos);
  for (const auto& rel : d.publication->pages) {
    INFO(rel);
    CHECK(rel.starts_with("fiches/fiche-du-parcours/"));
  }
  for (const fs::path& page : {course, handout, map, other}) {
    INFO(page.string());
    CHECK(testing::read_file(page).find(before) != std::string::npos);  // whole: the old page, not half of one
  }
  CHECK(site.behind());
  CHECK(fs::exists(w.site() / SiteRefresher::kBehindMarker));

  // The dependent pages, as the background step writes them: byte for byte a full build's.
  testing::TempDir fresh;
  pratiques::site::build_site(site_options(w, fresh.path()));
  const auto dependents =
      pratiques::site::rebuild_dependents(site_options(w, w.site()), {"fiche-du-parcours"}, values);
  for (const std::string rel : {"parcours/parcours-cible/index.html", "parcours/parcours-cible/etudiants/index.html",
                                "parcours/parcours-cible/references.ris", "parcours/parcours-cible/references.bib",
                                "plan-du-site/index.html", "fiches/habitants-pouvoir-agir-tilleuls/index.html"}) {
    INFO(rel);
    CHECK(listed(dependents.written, rel));
  }
  for (const auto& rel : dependents.written) {
    INFO(rel);
    CHECK(testing::read_file(w.site() / rel) == testing::read_file(fresh / rel));
  }

  // Released: the background steps end with every file of the site a full build's, marker gone.
  site.release();
  site.wait_idle();
  CHECK(site.full_rebuilds() >= 2);
  CHECK_FALSE(site.behind());
  CHECK_FALSE(fs::exists(w.site() / SiteRefresher::kBehindMarker));
  CHECK(testing::files_under(w.site()) == testing::files_under(fresh.path()));
}

TEST_CASE("the refresher's own background step rewrites the dependent pages, then the full rebuild follows",
          "[write][site]") {
  Workspace w;
  const std::string &before = kBefore, &after = kAfter;
  const auto id = sheet_in_a_course(w);
  auto& site = w.ed().publisher().site();
  site.hold();
  const std::size_t steps = site.dependent_rebuilds();
  retitle(w, id, before, after);
  const fs::path map = w.site() / "plan-du-site" / "index.html";
  CHECK(testing::read_file(map).find(before) != std::string::npos);
  site.release();
  site.wait_dependents();
  CHECK(site.dependent_rebuilds() == steps + 1);
  testing::TempDir fresh;
  pratiques::site::build_site(site_options(w, fresh.path()));
  for (const std::string rel : {"parcours/parcours-cible/index.html", "parcours/parcours-cible/etudiants/index.html",
                                "plan-du-site/index.html", "fiches/habitants-pouvoir-agir-tilleuls/index.html"}) {
    INFO(rel);
    const std::string page = testing::read_file(w.site() / rel);
    CHECK(page.find(after) != std::string::npos);
    CHECK(page == testing::read_file(fresh / rel));
  }
  site.wait_idle();
  CHECK(testing::files_under(w.site()) == testing::files_under(fresh.path()));
}

TEST_CASE("a server stopped between a publication and its dependent pages catches up at its next start",
          "[write][site]") {
  Workspace w;
  auto& site = w.ed().publisher().site();
  site.hold();
  publish_new(w, "fiche-interrompue", "Atelier interrompu des Glycines");
  const fs::path map = w.site() / "plan-du-site" / "index.html";
  REQUIRE(fs::exists(w.site() / "fiches" / "fiche-interrompue" / "index.html"));
  REQUIRE(testing::read_file(map).find("/fiches/fiche-interrompue/") == std::string::npos);
  // Stopped there (nothing of the background ran), with a page write cut short.
  const EditorialOptions options = w.ed().options();
  w.editorial.reset();
  const fs::path leftover = w.site() / "thematiques" / "alimentation" / ".index.html.tmp";
  testing::write_file(leftover, "<!doctype html><html><he");
  REQUIRE(fs::exists(w.site() / SiteRefresher::kBehindMarker));

  // The next start sees the marker: the leftover goes and a full rebuild brings every page up.
  w.editorial = std::make_unique<Editorial>(options);
  auto& again = w.ed().publisher().site();
  again.wait_idle();
  CHECK(again.full_rebuilds() == 1);
  CHECK_FALSE(fs::exists(leftover));
  CHECK_FALSE(again.behind());
  CHECK(testing::read_file(map).find("/fiches/fiche-interrompue/") != std::string::npos);
  testing::TempDir fresh;
  pratiques::site::build_site(site_options(w, fresh.path()));
  CHECK(testing::files_under(w.site()) == testing::files_under(fresh.path()));
}

TEST_CASE("a sheet no course uses leaves the course pages alone, the site map is still rewritten", "[write][site]") {
  Workspace w;
  auto& site = w.ed().publisher().site();
  site.hold();
  const auto values = pratiques::site::browse_values(w.index(), {"fiche-sans-parcours"});
  publish_new(w, "fiche-sans-parcours", "Atelier cuisine des Glycines");
  const auto d = pratiques::site::rebuild_dependents(site_options(w, w.site()), {"fiche-sans-parcours"}, values);
  CHECK(listed(d.written, "plan-du-site/index.html"));
  CHECK(std::none_of(d.written.begin(), d.written.end(),
                     [](const std::string& p) { return p.starts_with("parcours/"); }));
  CHECK(testing::read_file(w.site() / "plan-du-site" / "index.html").find("/fiches/fiche-sans-parcours/") !=
        std::string::npos);
}

namespace {

// Holds the background steps at their first file operation once armed, until let_go().
class Gate {
 public:
  void arm() {
    std::lock_guard lock(mutex_);
    armed_ = true;
  }
  void pass() {
    std::unique_lock lock(mutex_);
    if (!armed_) return;
    reached_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !armed_; });
  }
  bool reached() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return reached_; });
  }
  void let_go() {
    {
      std::lock_guard lock(mutex_);
      armed_ = false;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool armed_ = false, reached_ = false;
};

}  // namespace

// At 10,000 sheets a full rebuild takes ~45 s: restarted by every publication, it never ended while
// curators kept publishing, and the home page, feeds, sitemap.xml and facet indexes stayed behind.
TEST_CASE("publications during a full rebuild have their dependent pages written at its next file, then one more rebuild renders their last state",
          "[write][site]") {
  Workspace w(false);
  const fs::path site = w.dir.path() / "site";
  auto options = site_options(w, site);
  pratiques::site::build_site(options);
  Gate gate;
  options.guard = [&gate](const std::string&, const std::function<void()>& operation) {
    gate.pass();
    operation();
  };
  SiteRefresher refresher(options);
  // A full rebuild with a page to write, held at that write.
  const fs::path map = site / "plan-du-site" / "index.html";
  fs::remove(map);
  gate.arm();
  refresher.schedule();
  REQUIRE(gate.reached());

  // Two publications meanwhile, each with its sheet's own page at once (as Publisher::propagate).
  const std::string id = "habitants-pouvoir-agir-tilleuls";
  const fs::path file = w.content() / "fiches" / (id + ".md"), own = site / "fiches" / id / "index.html";
  std::string title = "Habitants et pouvoir d'agir au quartier des Tilleuls";
  for (const std::string next : {"Marche exploratoire des Tilleuls", "Diagnostic en marchant aux Tilleuls"}) {
    const auto before = pratiques::site::browse_values(w.index(), {id});
    refresher.begin();
    testing::write_file(file, testing::replaced(testing::read_file(file), title, next));
    pratiques::IndexOptions io;
    io.content = w.content().string();
    io.schemas = testing::schemas().string();
    io.out = w.index();
    REQUIRE(pratiques::build_index(io).published);
    refresher.refresh({id}, before);
    title = next;
    REQUIRE(testing::read_file(own).find(title) != std::string::npos);
  }

  // The rebuild held writes their dependent pages at its next file (the site map among them, with
  // the last title), then goes on to its end, without taking back what they and the publications
  // wrote. (The dependent pages waited for its end: 44 s at 30,000 sheets.)
  refresher.hold();
  gate.let_go();
  REQUIRE(testing::wait_until([&] { return refresher.full_rebuilds() == 1; }));
  CHECK(refresher.dependent_rebuilds() == 1);
  REQUIRE(fs::exists(map));
  CHECK(testing::read_file(map).find(title) != std::string::npos);
  CHECK(testing::read_file(own).find(title) != std::string::npos);
  CHECK(refresher.behind());  // begun before the publications: the site may still be behind
  CHECK(fs::exists(site / SiteRefresher::kBehindMarker));

  // Then one more full rebuild for both publications: the last state.
  refresher.release();
  refresher.wait_idle();
  CHECK(refresher.full_rebuilds() == 2);
  CHECK(refresher.dependent_rebuilds() == 1);
  CHECK_FALSE(refresher.behind());
  CHECK_FALSE(fs::exists(site / SiteRefresher::kBehindMarker));
  CHECK(testing::read_file(map).find(title) != std::string::npos);
  testing::TempDir fresh;
  pratiques::site::build_site(site_options(w, fresh.path()));
  CHECK(testing::files_under(site) == testing::files_under(fresh.path()));
}
