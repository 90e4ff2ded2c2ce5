// Course pages and students' handouts of a course whose steps are not listed in session order and
// one of whose sessions has no step: every session shown, each step's anchor its printed number,
// nothing addressed to the trainer in the handout.
#include <catch2/catch.hpp>

#include "pratiques/index_writer.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void replace_once(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
}

// The fixture's course with step 1 moved to session 2, steps 2 and 3 to session 1, a third session
// without a step, and a « Pour aller plus loin » section.
struct EditedCourse {
  SiteFixture site;
  EditedCourse() {
    std::string s = read(site.content / "parcours/parcours-test.md");
    replace_once(s, "  - {numero: 2, titre: \"Le quartier\", duree: \"3 h\"}\n",
                 "  - {numero: 2, titre: \"Le quartier\", duree: \"3 h\"}\n  - {numero: 3, titre: \"Bilan\", duree: "
                 "\"1 h\"}\n");
    replace_once(s, "    seance: 1\n", "    seance: 9\n");
    replace_once(s, "    seance: 2\n    duree: \"45 min\"\n", "    seance: 1\n    duree: \"45 min\"\n");
    replace_once(s, "    seance: 2\n", "    seance: 1\n");
    replace_once(s, "    seance: 9\n", "    seance: 2\n");
    s += "\n## Pour aller plus loin\n\nUne lecture réservée au formateur avant la séance.\n";
    write(site.content / "parcours/parcours-test.md", s);
    site.rebuild();
  }
};

SiteFixture& site() {
  static EditedCourse f;  // built once for every test of this file
  return f.site;
}

}  // namespace

TEST_CASE("a session without a step is shown with its title and duration, on the course page and the handout",
          "[site][course]") {
  const std::string trainer = site().page("parcours/parcours-test/index.html");
  const std::string students = site().page("parcours/parcours-test/etudiants/index.html");
  // The heading, then the note (a blank line between them).
  const std::string heading = "<h3 id=\"seance-3\">Séance 3&#160;: Bilan <span class=\"note\">(1 h)</span></h3>\n";
  CHECK(contains(trainer, heading + "\n<p class=\"note\">Pas de fiche à lire pour cette séance&#160;: voir les <a "
                                    "href=\"#activites\">Activités</a>.</p>"));
  CHECK(contains(students, heading + "\n<p class=\"note\">Pas de fiche à lire pour cette séance.</p>"));
}

TEST_CASE("steps listed out of session order: each step's anchor is the number printed before it", "[site][course]") {
  const std::string html = site().page("parcours/parcours-test/index.html");
  // Session 1 holds the steps listed 2nd and 3rd, printed 1 and 2; session 2 the one listed 1st, printed 3.
  CHECK(contains(html,
                 "<h3 id=\"seance-1\">Séance 1&#160;: Le groupe <span class=\"note\">(3 h)</span></h3>\n<ol "
                 "class=\"etapes\" start=\"1\">\n<li id=\"etape-1\">\n<h4><a href=\"/fiches/jardin-saint-caprais/\">"));
  CHECK(contains(html, "<li id=\"etape-2\">\n<h4><a href=\"/fiches/fiche-hostile/\">"));
  CHECK(contains(html,
                 "<ol class=\"etapes\" start=\"3\">\n<li id=\"etape-3\">\n<h4><a "
                 "href=\"/fiches/crediscussion-groupe-surendettement-caf/\">"));
}

TEST_CASE("the students' handout has none of the parts the course format addresses to the trainer", "[site][course]") {
  const std::string trainer = site().page("parcours/parcours-test/index.html");
  const std::string students = site().page("parcours/parcours-test/etudiants/index.html");
  for (const char* part : {"Notes pour le formateur", "Questions à poser", "Qui a eu l", "Activités",
                           "Lecture en binômes", "Pour aller plus loin", "réservée au formateur"}) {
    INFO(part);
    CHECK(contains(trainer, part));
    CHECK_FALSE(contains(students, part));
  }
  // What the learner works with stays: objectives, instructions, the text to read, the assessment.
  CHECK(contains(students, "Repérer ce qui fait passer d"));
  CHECK(contains(students, "Lisez toute la fiche et relevez"));
  CHECK(contains(students, "<div class=\"texte-fiche\">"));
  CHECK(contains(students, "Chaque binôme rend une page"));
}

TEST_CASE("a step citing a sheet by a former id: the course is published, its page links to the sheet's current id",
          "[site][course]") {
  SiteFixture f;
  // jardin-saint-caprais declares anciens_ids: [jardin-de-saint-caprais].
  std::string s = read(f.content / "parcours/parcours-test.md");
  replace_once(s, "  - fiche: jardin-saint-caprais\n", "  - fiche: jardin-de-saint-caprais\n");
  write(f.content / "parcours/parcours-test.md", s);
  f.rebuild();  // a publication in place; it threw when the course was rejected (fiche-inconnue)
  auto check_pages = [&] {
    const std::string trainer = f.page("parcours/parcours-test/index.html");
    CHECK(contains(trainer, "<a href=\"/fiches/jardin-saint-caprais/\">Le Jardin de Saint Caprais"));
    CHECK_FALSE(contains(trainer, "jardin-de-saint-caprais"));
    // The handout quotes the sheet's documented sections, as for a step citing its current id.
    CHECK(contains(f.page("parcours/parcours-test/etudiants/index.html"), "connu par le témoignage"));
    // The sheet lists the course among those that use it.
    CHECK(contains(f.page("fiches/jardin-saint-caprais/index.html"), "href=\"/parcours/parcours-test/\""));
  };
  check_pages();
  // A full build reads the same.
  pratiques::IndexOptions o;
  o.content = f.content.string();
  o.schemas = (source_dir() / "schemas").string();
  o.out = f.index.string();
  o.full = true;
  const auto report = pratiques::build_index(o);
  REQUIRE(report.published);
  CHECK(report.rejected.empty());
  pratiques::site::build_site(f.options);
  check_pages();
}
