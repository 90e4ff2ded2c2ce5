// "Citer cette fiche": the French citation, BibTeX and RIS.
#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

#include "pratiques/site/citation.h"
#include "pratiques/site/templates.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

SiteFixture& site() {
  static SiteFixture f;
  return f;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string nbsp = "\u00a0";

}  // namespace

TEST_CASE("the French citation gives authors, title in guillemets, review date and permanent URL", "[site][citation]") {
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  const std::string expected = "<p class=\"citation\">Équipe éditoriale Pratiques. «" + nbsp + "“Crédiscussion”" +
                               nbsp +
                               ": travail social avec un "
                               "groupe de familles surendettées (CAF)" +
                               nbsp +
                               "». Pratiques, référentiel de pratiques de travail social collectif, "
                               "fiche «" +
                               nbsp + "crediscussion-groupe-surendettement-caf" + nbsp + "», dernière revue le 21" +
                               nbsp + "novembre" + nbsp + "2026. En ligne" + nbsp +
                               ": https://pratiques.example.org/fiches/crediscussion-groupe-surendettement-caf/, "
                               "consulté le <span class=\"date-consultation\">[date de consultation]</span>.</p>";
  CHECK(contains(html, expected));
}

TEST_CASE("the citation of a hostile sheet is escaped in the page", "[site][citation]") {
  const std::string html = site().page("fiches/fiche-hostile/index.html");
  CHECK(contains(html, "<p class=\"citation\">Équipe &lt;i&gt;test&lt;/i&gt; {Pratiques} 100% &amp; Cie. «" + nbsp +
                           "&lt;script&gt;alert('titre')&lt;/script&gt; Atelier “test” &amp; essais" + nbsp + "»."));
  CHECK(contains(html, "dernière revue le 23" + nbsp + "novembre" + nbsp + "2026"));
}

TEST_CASE("BibTeX: a @techreport entry with escaped fields and the permanent URL", "[site][citation]") {
  const std::string bib = site().page("fiches/fiche-hostile/citation.bib");
  CHECK(bib.starts_with("@techreport{pratiques-fiche-hostile,\n"));  // a report, as in RIS and CSL-JSON
  CHECK(contains(bib, "  institution = {Pratiques, référentiel de pratiques de travail social collectif},\n"));
  CHECK(contains(bib, "  author = {{Équipe <i>test</i> \\{Pratiques\\} 100\\% \\& Cie}},\n"));
  CHECK(contains(bib, "  title = {<script>alert('titre')</script> Atelier « test » \\& essais},\n"));
  CHECK(contains(bib, "  year = {2026},\n"));
  CHECK(contains(bib, "  date = {2026-11-23},\n"));
  CHECK(contains(bib, "  url = {https://pratiques.example.org/fiches/fiche-hostile/},\n"));
  CHECK(contains(bib, "  language = {french},\n"));
  CHECK(bib.ends_with("}\n"));
  // Braces balance: the entry cannot be broken out of.
  int depth = 0;
  for (std::size_t i = 0; i < bib.size(); ++i) {
    if (bib[i] == '\\') {
      ++i;
      continue;
    }
    depth += bib[i] == '{' ? 1 : bib[i] == '}' ? -1 : 0;
    REQUIRE(depth >= 0);
  }
  CHECK(depth == 0);
  CHECK(pratiques::site::bibtex_escape("a_b#c$d^e~f\\g\nh") == "a\\_b\\#c\\$d\\^{}e\\~{}f\\textbackslash{}g h");
}

TEST_CASE("RIS: one tag per line, TY first and ER last, no line break inside a value", "[site][citation]") {
  const std::string ris = site().page("fiches/crediscussion-groupe-surendettement-caf/citation.ris");
  std::vector<std::string> lines;
  std::istringstream in(ris);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  REQUIRE(lines.size() >= 8);
  CHECK(lines.front() == "TY  - RPRT");  // a report, as in BibTeX and CSL-JSON
  CHECK(lines.back() == "ER  - ");
  for (const auto& l : lines) {
    INFO(l);
    CHECK(l.size() >= 6);
    CHECK(l.substr(2, 4) == "  - ");
  }
  // A corporate author stays whole: the trailing comma tells reference managers it has no first name.
  CHECK(contains(ris, "\nAU  - Équipe éditoriale Pratiques,\n"));
  CHECK(contains(ris, "\nTI  - « Crédiscussion » : travail social avec un groupe de familles surendettées (CAF)\n"));
  CHECK(contains(ris, "\nPY  - 2026\n"));
  CHECK(contains(ris, "\nDA  - 2026/11/21\n"));
  CHECK(contains(ris, "\nUR  - https://pratiques.example.org/fiches/crediscussion-groupe-surendettement-caf/\n"));
  CHECK(contains(ris, "\nKW  - Accès aux droits\n"));
  CHECK(contains(ris, "\nLA  - fr\n"));
  CHECK(pratiques::site::ris_escape("a\nER  - b") == "a ER  - b");
}

TEST_CASE("a corporate author is an organisation in BibTeX, RIS and JSON-LD, a person stays a person",
          "[site][citation]") {
  using pratiques::site::is_organisation;
  CHECK(is_organisation("Équipe éditoriale Pratiques"));
  CHECK(is_organisation("Service social de la CAF"));
  CHECK(is_organisation("Pratiques"));
  CHECK_FALSE(is_organisation("Marie Dupont"));
  CHECK_FALSE(is_organisation("Camille Équipe"));
  // BibTeX: double braces keep the name whole.
  CHECK(contains(site().page("fiches/crediscussion-groupe-surendettement-caf/citation.bib"),
                 "  author = {{Équipe éditoriale Pratiques}},\n"));
  // JSON-LD: Organization, never Person.
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  CHECK(contains(html, "\"author\":[{\"@type\":\"Organization\",\"name\":\"Équipe éditoriale Pratiques\""));
  CHECK_FALSE(contains(html, "\"@type\":\"Person\""));
}

TEST_CASE("sheet pages carry Dublin Core tags beside the Highwire ones, escaped", "[site][citation]") {
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  for (const std::string tag :
       {"<meta name=\"DC.creator\" content=\"Équipe éditoriale Pratiques\">",
        "<meta name=\"DC.date\" content=\"2026-11-21\">", "<meta name=\"DC.publisher\" content=\"Pratiques\">",
        "<meta name=\"DC.language\" content=\"fr\">",
        "<meta name=\"DC.identifier\" "
        "content=\"https://pratiques.example.org/fiches/crediscussion-groupe-surendettement-caf/\">",
        "<meta name=\"DC.type\" content=\"Text\">",
        "<meta name=\"DC.subject\" content=\"Budget, consommation et surendettement; Accès aux droits; "
        "Isolement et lien social\">"}) {
    INFO(tag);
    CHECK(contains(html, tag));
  }
  const std::string hostile = site().page("fiches/fiche-hostile/index.html");
  CHECK(contains(hostile, "<meta name=\"DC.title\" content=\"&lt;script&gt;alert('titre')&lt;/script&gt; Atelier"));
  CHECK(contains(hostile,
                 "<meta name=\"DC.creator\" content=\"Équipe &lt;i&gt;test&lt;/i&gt; {Pratiques} 100% &amp; Cie\">"));
}
