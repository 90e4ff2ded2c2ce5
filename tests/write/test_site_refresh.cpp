// The targeted rebuild of a publication reaches every page that lists or includes the sheet: its
// own page, its values' pages, the courses that use it (page, students' handout, references), the
// sheets that link to it and the HTML site map, at once, byte for byte what a full build writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pratiques/index_writer.h"
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

}  // namespace

TEST_CASE("a published title change reaches the course pages, the linking sheets and the site map at once",
          "[write][site]") {
  Workspace w;
  const std::string before = "Jardin partagé et cuisine des Glycines", after = "Potager collectif des Glycines";
  auto& c = w.contributions();
  const auto draft = c.create(w.author, testing::valid_sheet("fiche-du-parcours", before));
  c.act(w.author, draft.contribution.id, Action::Soumettre, {});
  c.act(w.curator, draft.contribution.id, Action::Prendre, {});
  REQUIRE(c.act(w.curator, draft.contribution.id, Action::Publier, {}).publication);
  auto& site = w.ed().publisher().site();
  site.wait_idle();

  // A course that uses the sheet, and another sheet that links to it, indexed and built as
  // `pratiques index` and `pratiques build` would.
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
  pratiques::site::BuildOptions b;
  b.index = w.index();
  b.out = w.site().string();
  pratiques::site::build_site(b);
  const fs::path course = w.site() / "parcours" / "parcours-cible" / "index.html";
  const fs::path handout = w.site() / "parcours" / "parcours-cible" / "etudiants" / "index.html";
  const fs::path map = w.site() / "plan-du-site" / "index.html";
  const fs::path other = w.site() / "fiches" / "habitants-pouvoir-agir-tilleuls" / "index.html";
  REQUIRE(testing::read_file(other).find(before) != std::string::npos);
  REQUIRE(testing::read_file(course).find(before) != std::string::npos);
  REQUIRE(testing::read_file(map).find(before) != std::string::npos);

  // The new title, published: the pages that show it are in the publication's own rebuild.
  const auto current = c.get(w.curator, draft.contribution.id);
  c.save(w.curator, draft.contribution.id, testing::replaced(current.markdown, before, after),
         current.contribution.version);
  const auto d = c.act(w.curator, draft.contribution.id, Action::Publier, {"Titre corrigé"});
  REQUIRE(d.publication);
  const auto& pages = d.publication->pages;
  for (const std::string rel : {"fiches/fiche-du-parcours/index.html", "parcours/parcours-cible/index.html",
                                "parcours/parcours-cible/etudiants/index.html",
                                "parcours/parcours-cible/references.ris", "parcours/parcours-cible/references.bib",
                                "plan-du-site/index.html", "fiches/habitants-pouvoir-agir-tilleuls/index.html"}) {
    INFO(rel);
    CHECK(listed(pages, rel));
  }
  for (const fs::path& page : {course, handout, map, other}) {
    INFO(page.string());
    const std::string html = testing::read_file(page);
    CHECK(html.find(after) != std::string::npos);
    CHECK(html.find(before) == std::string::npos);
  }
  // Byte for byte a full build of the same generation (compared before the background rebuild
  // could run: the targeted pages alone must be right).
  testing::TempDir fresh;
  b.out = fresh.path().string();
  pratiques::site::build_site(b);
  for (const auto& rel : pages) {
    INFO(rel);
    CHECK(testing::read_file(w.site() / rel) == testing::read_file(fresh / rel));
  }
  site.wait_idle();
}

TEST_CASE("a sheet no course uses leaves the course pages alone, the site map is still rewritten", "[write][site]") {
  Workspace w;
  auto& c = w.contributions();
  const auto draft = c.create(w.author, testing::valid_sheet("fiche-sans-parcours", "Atelier cuisine des Glycines"));
  c.act(w.author, draft.contribution.id, Action::Soumettre, {});
  c.act(w.curator, draft.contribution.id, Action::Prendre, {});
  const auto d = c.act(w.curator, draft.contribution.id, Action::Publier, {});
  REQUIRE(d.publication);
  CHECK(listed(d.publication->pages, "plan-du-site/index.html"));
  CHECK(std::none_of(d.publication->pages.begin(), d.publication->pages.end(),
                     [](const std::string& p) { return p.starts_with("parcours/"); }));
  CHECK(testing::read_file(w.site() / "plan-du-site" / "index.html").find("/fiches/fiche-sans-parcours/") !=
        std::string::npos);
}
