// Rendering: hostile content is escaped (never executable), sections have stable anchors, the
// pages link to each other, every template quotes its attributes.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "pratiques/search.h"
#include "pratiques/site/markdown.h"
#include "pratiques/site/templates.h"
#include "pratiques/site/writer.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

SiteFixture& site() {
  static SiteFixture f;  // built once for every test of this file
  return f;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a <script> in a sheet's title is escaped everywhere it appears", "[site][escaping]") {
  const std::string html = site().page("fiches/fiche-hostile/index.html");
  CHECK(contains(html, "<h1>&lt;script&gt;alert('titre')&lt;/script&gt; Atelier"));
  CHECK(contains(html, "<title>&lt;script&gt;alert('titre')&lt;/script&gt;"));
  CHECK(contains(html, "content=\"&lt;script&gt;alert('titre')&lt;/script&gt;"));  // og:title
  // The only <script> elements are the JSON-LD block and the optional helper.
  CHECK(count(html, "<script") == 2);
  CHECK(contains(html, "<script type=\"application/ld+json\">"));
  CHECK(contains(html, "<script src=\"/assets/copie.js\" defer></script>"));
  // Inside JSON-LD, "<" cannot close the script element.
  const auto ld = html.substr(html.find("application/ld+json"));
  CHECK(contains(ld.substr(0, ld.find("</script>")), "\\u003cscript\\u003ealert"));
  CHECK_FALSE(contains(ld.substr(0, ld.find("</script>")), "<script>alert"));
  // Summary, carrier, authors, sources: text, not markup.
  CHECK(contains(html, "&lt;script&gt;alert('bref')&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(html, "&lt;/dd&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
  CHECK(contains(html, "<cite>Rapport &lt;script&gt;alert(3)&lt;/script&gt;</cite>"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<i>test</i>"));
  CHECK_FALSE(contains(html, "<b>centre</b>"));
}

TEST_CASE("raw HTML and unsafe links in a section do not pass through", "[site][escaping]") {
  const std::string html = site().page("fiches/fiche-hostile/index.html");
  CHECK_FALSE(contains(html, "alert('section')</script>"));
  CHECK_FALSE(contains(html, "<script>alert"));
  CHECK_FALSE(contains(html, "onclick"));
  CHECK_FALSE(contains(html, "onerror=alert(5)"));
  CHECK_FALSE(contains(html, "javascript:"));
  CHECK(contains(html, "Un lien piégé et un <a href=\"https://example.org/\">lien normal</a>"));
  CHECK(contains(html, "<!-- raw HTML omitted -->"));
  // A "#" heading inside a section stays below the section's <h3>.
  CHECK(contains(html, "<h4>Un titre de niveau 1 dans une section</h4>"));
  CHECK_FALSE(contains(html, "<h1>Un titre"));
  // The unsafe source URL is not a link.
  CHECK(contains(html, "<li><cite>Rapport"));
}

TEST_CASE("hostile content is escaped in citations, feeds and course pages", "[site][escaping]") {
  const std::string feed = site().page("feed.xml");
  // The title as the sheet's page writes it (no-break spaces inside « »).
  CHECK(contains(feed,
                 "<title>&lt;script&gt;alert('titre')&lt;/script&gt; Atelier «\u00a0test\u00a0» &amp; essais</title>"));
  CHECK_FALSE(contains(feed, "<script"));
  const std::string course = site().page("parcours/parcours-test/index.html");
  CHECK(contains(course, "Une consigne &lt;script&gt;alert('consigne')&lt;/script&gt; à afficher comme du texte."));
  CHECK(count(course, "<script") == 1);  // the optional helper only
  const std::string facet = site().page("thematiques/parentalite/index.html");
  CHECK(contains(facet, "&lt;script&gt;alert('titre')&lt;/script&gt;"));
  CHECK_FALSE(contains(facet, "<script>alert"));
}

TEST_CASE("markdown_to_html is safe on its own", "[site][escaping]") {
  using pratiques::site::markdown_to_html;
  CHECK(markdown_to_html("<script>alert(1)</script>") == "<!-- raw HTML omitted -->\n");
  CHECK(markdown_to_html("[x](javascript:alert(1))") == "<p>x</p>\n");
  CHECK(markdown_to_html("[x](JAVASCRIPT:alert(1))") == "<p>x</p>\n");
  CHECK(markdown_to_html("![x](data:text/html,<script>)") == "<p>x</p>\n");
  CHECK(markdown_to_html("[x](/fiches/a/#b)") == "<p><a href=\"/fiches/a/#b\">x</a></p>\n");
  CHECK(markdown_to_html("[x](mailto:a@b.c)") == "<p><a href=\"mailto:a@b.c\">x</a></p>\n");
  CHECK(markdown_to_html("a < b & c") == "<p>a &lt; b &amp; c</p>\n");
  CHECK(markdown_to_html("# Titre") == "<h3>Titre</h3>\n");
  CHECK(markdown_to_html("## Titre", 2) == "<h2>Titre</h2>\n");
}

TEST_CASE("every grid section of a sheet has its stable anchor and a link to it", "[site][anchors]") {
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  for (const char* anchor :
       {"genese-et-contexte", "objectifs", "nature-de-laction-et-deroulement", "jalons-de-la-methode",
        "participation-des-personnes-concernees", "relations-dynamique-de-groupe-et-posture-professionnelle",
        "evaluation-et-effets-observes", "ce-que-le-professionnel-a-appris", "reproductibilite-de-la-demarche"}) {
    INFO(anchor);
    CHECK(count(html, std::string("id=\"") + anchor + "\"") == 1);
    // the heading's own link (the "#" icon) and the table of contents
    CHECK(count(html, std::string("href=\"#") + anchor + "\"") == 2);
    CHECK(contains(html, std::string("<h3 id=\"") + anchor + "\"><a href=\"#" + anchor + "\">"));
  }
  // Each part of the grid is a heading above its sections (it was a paragraph styled as one):
  // « Partie A » before its first section, « Partie B » before the method's sections.
  const auto part_a = html.find("<h2 class=\"partie\">Partie A&#160;: Le pourquoi et le quoi</h2>");
  const auto part_b = html.find("<h2 class=\"partie\">Partie B&#160;: Le comment faire</h2>");
  REQUIRE(part_a != std::string::npos);
  REQUIRE(part_b != std::string::npos);
  CHECK(part_a < html.find("<h3 id=\"genese-et-contexte\">"));
  CHECK(html.find("<h3 id=\"nature-de-laction-et-deroulement\">") < part_b);
  CHECK(part_b < html.find("<h3 id=\"jalons-de-la-methode\">"));
  CHECK_FALSE(
      contains(html, "<span aria-hidden=\"true\"> #</span>"));  // the "#" icon is drawn by CSS, out of the link's name
  // Sections come in the grid's order.
  CHECK(html.find("id=\"genese-et-contexte\"") < html.find("id=\"objectifs\""));
  CHECK(html.find("id=\"participation-des-personnes-concernees\"") <
        html.find("id=\"reproductibilite-de-la-demarche\""));
  // Undocumented sections: one short line after the table of contents, not empty blocks; each name
  // keeps its anchor, so a link to it still lands on the sheet.
  const auto line = html.substr(html.find("<p class=\"non-documente\">Non documenté à ce jour&#160;: <span id="));
  CHECK(contains(line.substr(0, line.find("</p>")),
                 "<span id=\"freins-et-difficultes\">Freins et difficultés</span>, "
                 "<span id=\"solutions-de-contournement-et-leviers\">Solutions de "
                 "contournement et leviers</span>"));
  CHECK_FALSE(contains(html, "<h3 id=\"freins-et-difficultes\">"));
  CHECK_FALSE(contains(html, "href=\"#freins-et-difficultes\""));
  CHECK_FALSE(contains(html, "Non documenté à ce jour.</em>"));
  // The grid page uses the same anchors.
  const std::string grid = site().page("grille/index.html");
  CHECK(contains(grid, "<h3 id=\"freins-et-difficultes\">"));
  CHECK(contains(grid, "Questions-guides"));
}

TEST_CASE("a course links each step to its sheet and section", "[site][anchors]") {
  const std::string html = site().page("parcours/parcours-test/index.html");
  CHECK(contains(html, "href=\"/fiches/crediscussion-groupe-surendettement-caf/#genese-et-contexte\""));
  CHECK(contains(html, "href=\"/fiches/jardin-saint-caprais/\""));
  CHECK(contains(html, "href=\"/fiches/fiche-hostile/#freins-et-difficultes\""));
  CHECK(contains(html, "id=\"notes-pour-le-formateur\""));
  CHECK(contains(html, "Repérer ce qui fait passer d'un groupe à une action de quartier"));
  // How learning is assessed, and the competence domains of each step.
  CHECK(contains(html, "<h2 id=\"evaluation-des-acquis\">Évaluation des acquis</h2>"));
  CHECK(contains(html, "Chaque binôme rend une page qui compare les deux postures."));
  CHECK(contains(html, "<li>Cite la section de la fiche qui fonde chaque affirmation.</li>"));
  CHECK(contains(html, "Lien avec la certification&#160;: Prépare la présentation orale"));
  CHECK(count(html, "<p class=\"note\">Domaines de compétences&#160;: ") == 3);
  CHECK(contains(html, "Domaines de compétences&#160;: DC3 "));
  CHECK(contains(html, "communication professionnelle\u00a0», DC4 "));  // typographic spaces inside « »
}

TEST_CASE("a sheet known through a dated source and left to document says so", "[site][sheet]") {
  const std::string html = site().page("fiches/caf-deux-sevres-parents-solos/index.html");
  // The source's year is not shown as a start date.
  CHECK(contains(html, "<dd>Début non précisé par la source\u202f; action attestée en 2015 (date de la source)</dd>"));
  CHECK_FALSE(contains(html, "Commencée en 2015"));
  CHECK_FALSE(contains(html, "Depuis 2015"));
  // The to-document status: a notice with an invitation to contribute.
  CHECK(contains(html, "<h2 id=\"a-documenter\">Fiche à documenter</h2>"));
  CHECK(contains(html, "<a href=\"/contribuer/\">Contribuez à la compléter</a>"));
  CHECK(html.find("id=\"a-documenter\"") < html.find("id=\"en-bref\""));
  // A documented sheet has no such notice, and its start date stays a start date.
  const std::string documented = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  CHECK_FALSE(contains(documented, "a-documenter"));
  CHECK(contains(documented, "Commencée en 2011"));
  // Said to be ongoing by a dated source: ongoing at that date, not today.
  CHECK(contains(site().page("fiches/gironde-as-quartier-liens/index.html"),
                 "<dd>Début non précisé par la source\u202f; en cours en 2015 (date de la source)</dd>"));
}

TEST_CASE("the sheet page has the En bref box, linked sheets, neighbours, sources and citation", "[site][sheet]") {
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  CHECK(contains(html, "<h2 id=\"en-bref\">En bref</h2>"));
  CHECK(contains(html, "href=\"/thematiques/surendettement-budget/\""));
  CHECK(contains(html, "href=\"/porteurs/caf/\""));
  CHECK(contains(html, "<h2 id=\"fiches-liees\">Fiches liées</h2>"));
  CHECK(contains(html, "href=\"/fiches/caf-deux-sevres-parents-solos/\""));
  CHECK(contains(html, "<h2 id=\"pratiques-proches\">Pratiques proches</h2>"));
  CHECK(contains(html, "<h2 id=\"sources\">Sources</h2>"));
  CHECK(contains(html, "<h2 id=\"citer\">Citer cette fiche</h2>"));
  CHECK(contains(html, "href=\"citation.bib\""));
  CHECK(contains(html, "rel=\"license\""));
  CHECK(contains(html,
                 "<link rel=\"canonical\" "
                 "href=\"https://pratiques.example.org/fiches/crediscussion-groupe-surendettement-caf/\">"));
  CHECK(contains(html, "<meta property=\"og:type\" content=\"article\">"));
  CHECK(contains(html, "\"@type\":\"Article\""));
  // A département with sheets links to its page; the map links it too.
  const std::string map = site().page("carte/index.html");
  CHECK(contains(map, "href=\"/departements/59/\""));
  CHECK(contains(map, "<caption>Nombre de fiches par département</caption>"));
  // The map on its own is drawn with presentation attributes: no <style> for a CSP to block.
  const std::string image = site().page("carte/carte.svg");
  CHECK_FALSE(contains(image, "<style"));
  CHECK_FALSE(contains(image, "style="));
  CHECK(contains(image, "<g stroke=\"#fff\" stroke-width=\".6\">"));
  CHECK(contains(image, "<path fill=\"#"));
  // A département without a sheet is hatched on both maps, not a pale blue beside the lightest
  // class's blue (1.21:1): its pattern is defined in each.
  CHECK(contains(image, "<path fill=\"url(#sans-fiche)\""));
  CHECK(contains(image, "<pattern id=\"sans-fiche\""));
  CHECK(contains(map, "<path class=\"c0\""));
  CHECK(contains(map, "<pattern id=\"sans-fiche\""));
  // Where a sheet is listed: "Nord (59)", or the territory's name when it has no département.
  CHECK(contains(site().page("departements/59/index.html"), "<span class=\"note\">Nord (59)</span>"));
  CHECK(contains(
      site().page("thematiques/surendettement-budget/index.html"),
      "<span class=\"note\">Secteur d'intervention d'une caisse d'allocations familiales (lieu non précisé)</span>"));
}

TEST_CASE("a sheet page shows the fields the rest of the page does not, under « Détails de l'action »", "[site]") {
  // Partners, professions, techniques, financing… were in the file and on no page.
  const std::string html = site().page("fiches/crediscussion-groupe-surendettement-caf/index.html");
  const auto at = html.find("<h2 id=\"details\">Détails de l’action</h2>");
  REQUIRE(at != std::string::npos);
  const std::string details = html.substr(at, html.find("</section>", at) - at);
  CHECK(contains(details,
                 "<dt>Porteur\u00a0: service</dt><dd>Service social de la CAF"));  // « En bref » names the carrier
  CHECK(contains(details, "<dt>Taille du groupe</dt><dd>10 ménages"));
  CHECK(contains(details, "<dt>Professions impliquées</dt><dd>"));
  CHECK(contains(details, "<dt>Techniques et supports</dt><dd>"));
  CHECK(contains(details, "<dt>Liens avec la formation\u00a0: compétences</dt><dd>"));
  CHECK(contains(details, "<dt>Mots-clés libres</dt><dd>Crédiscussion, surendettement"));
  // What the page shows elsewhere is not repeated, nor what says nothing (an unchecked box).
  for (const char* elsewhere :
       {"<dt>Publics", "<dt>Thématiques", "<dt>Diplômes", "<dt>Curation", "<dt>Sources", "Période", "En cours"})
    CHECK_FALSE(contains(details, elsewhere));
  CHECK(html.find("id=\"reproductibilite-de-la-demarche\"") < at);  // after the sections
  // A list of objects: each partner with its type.
  const std::string gironde = site().page("fiches/gironde-as-quartier-liens/index.html");
  CHECK(contains(gironde, "<dt>Partenaires</dt><dd>Associations du quartier ("));
  CHECK(contains(gironde, "Élus locaux du canton ("));
}

TEST_CASE("the old address of a renamed sheet sends the reader to the new one", "[site][anchors]") {
  const std::string html = site().page("fiches/jardin-de-saint-caprais/index.html");
  CHECK(contains(html, "<meta http-equiv=\"refresh\" content=\"0; url=/fiches/jardin-saint-caprais/\">"));
  CHECK(contains(html, "<link rel=\"canonical\" href=\"https://pratiques.example.org/fiches/jardin-saint-caprais/\">"));
  CHECK(contains(html, "<a href=\"/fiches/jardin-saint-caprais/\">"));
  CHECK_FALSE(contains(site().page("sitemap-1.xml"), "jardin-de-saint-caprais"));
}

TEST_CASE("site files: the icon at the root, named by every page", "[site][feeds]") {
  // Browsers ask /favicon.ico of every site: the static site, served by any web server, has it.
  CHECK(site().page("favicon.ico").substr(0, 4) == std::string("\0\0\1\0", 4));
  CHECK(contains(site().page("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  for (const char* page : {"index.html", "fiches/fiche-hostile/index.html", "404.html"}) {
    INFO(page);
    CHECK(contains(site().page(page),
                   "<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">\n"
                   "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
  }
}

TEST_CASE("site files: robots, sitemap, feed, 404", "[site][feeds]") {
  CHECK(contains(site().page("robots.txt"), "Sitemap: https://pratiques.example.org/sitemap.xml"));
  // A sitemap index; the fixture's pages fit in its first file.
  CHECK(contains(
      site().page("sitemap.xml"),
      "<sitemap><loc>https://pratiques.example.org/sitemap-1.xml</loc><lastmod>2026-11-23</lastmod></sitemap>"));
  const std::string sitemap = site().page("sitemap-1.xml");
  CHECK(
      contains(sitemap, "<loc>https://pratiques.example.org/fiches/fiche-hostile/</loc><lastmod>2026-11-23</lastmod>"));
  CHECK(contains(sitemap, "<loc>https://pratiques.example.org/</loc>"));
  CHECK_FALSE(contains(sitemap, "404"));
  const std::string feed = site().page("feed.xml");
  CHECK(contains(feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"));
  CHECK(contains(feed, "<updated>2026-11-23T00:00:00Z</updated>"));  // the latest revision
  CHECK(feed.find("fiche-hostile") < feed.find("crediscussion"));    // most recent first
  CHECK(contains(site().page("404.html"), "<meta name=\"robots\" content=\"noindex\">"));
  // OpenSearch: every page links to it, and the static site has it (same content as the server's).
  CHECK(contains(site().page("404.html"),
                 "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"Pratiques\" "
                 "href=\"/opensearch.xml\">"));
  const std::string opensearch = site().page("opensearch.xml");
  CHECK(contains(opensearch, "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\""));
  CHECK(contains(opensearch, "template=\"https://pratiques.example.org/recherche?q={searchTerms}\""));
  CHECK(contains(opensearch,
                 "type=\"application/x-suggestions+json\" method=\"get\" "
                 "template=\"https://pratiques.example.org/api/suggestions?format=opensearch&amp;q={searchTerms}\""));
}

TEST_CASE("templates quote every attribute with double quotes", "[site][templates]") {
  // The engine's HTML escape leaves apostrophes alone: single-quoted or unquoted attributes would
  // let a value out of its attribute. Scans each tag, skipping quoted values and Mustache tags.
  for (const auto& e : fs::directory_iterator(source_dir() / "site/templates")) {
    const std::string name = e.path().filename().string();
    if (name.find(".bib.") != std::string::npos || name.find(".ris.") != std::string::npos ||
        name.find(".txt.") != std::string::npos)
      continue;
    const std::string t = read(e.path());
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] != '<' || i + 1 >= t.size() || !std::isalpha(static_cast<unsigned char>(t[i + 1]))) continue;
      for (std::size_t j = i + 1; j < t.size() && t[j] != '>'; ++j) {
        if (t.compare(j, 2, "{{") == 0) {
          j = t.find("}}", j);
          if (j == std::string::npos) break;
          ++j;
        } else if (t[j] == '"') {
          j = t.find('"', j + 1);
          if (j == std::string::npos) break;
        } else if (t[j] == '=') {
          INFO(name << " : " << t.substr(i, 80));
          CHECK(t[j + 1] == '"');
        }
      }
    }
  }
  CHECK(pratiques::site::html_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;'");
}

TEST_CASE("the writer refuses unsafe paths", "[site][writer]") {
  using pratiques::site::safe_relative_path;
  CHECK(safe_relative_path("fiches/a/index.html"));
  CHECK_FALSE(safe_relative_path("../etc/passwd"));
  CHECK_FALSE(safe_relative_path("/etc/passwd"));
  CHECK_FALSE(safe_relative_path("fiches/../../x"));
  CHECK_FALSE(safe_relative_path("fiches//x"));
  CHECK_FALSE(safe_relative_path("fiches/a b/x"));
  CHECK_FALSE(safe_relative_path(""));
}

TEST_CASE("Pratiques proches: similar_ids() gives exactly the neighbours of similar()", "[site][sheet]") {
  // The site uses the fast path (statistics and postings read once, Xapian's weights recomputed in
  // memory); it must not drift from Xapian's ESet and OR query.
  const pratiques::Searcher searcher(site().index.string());
  std::size_t neighbours = 0;
  for (const char* id : {"crediscussion-groupe-surendettement-caf", "jardin-saint-caprais", "gironde-as-quartier-liens",
                         "caf-deux-sevres-parents-solos", "fiche-hostile"})
    for (int count : {1, 2, 3, 5, 10}) {
      INFO(id << ", " << count);
      std::vector<std::string> expected;
      for (const auto& hit : searcher.similar(id, count)) expected.push_back(hit.id);
      CHECK(searcher.similar_ids(id, count) == expected);
      neighbours += expected.size();
    }
  CHECK(neighbours > 0);
  CHECK(searcher.similar_ids("pas-de-fiche", 5).empty());
  CHECK(searcher.similar_ids("jardin-saint-caprais", 0).empty());
}

TEST_CASE("every page has the header search form and the footer's site map and text-page links", "[site][layout]") {
  for (const char* rel : {"index.html", "fiches/fiche-hostile/index.html", "thematiques/index.html", "carte/index.html",
                          "parcours/parcours-test/index.html", "plan-du-site/index.html", "404.html"}) {
    INFO(rel);
    const std::string html = site().page(rel);
    CHECK(contains(html, "<form class=\"recherche-entete\" action=\"/recherche\" method=\"get\" role=\"search\""));
    CHECK(contains(html, "<label class=\"vh\" for=\"q-entete\">"));
    CHECK(contains(html, "<li><a href=\"/plan-du-site/\">Plan du site</a></li>"));
    // A text page whose front matter has `pied` is linked from the footer with that text.
    CHECK(std::regex_search(html,
                            std::regex("<li><a href=\"/accessibilite/\">Accessibilité\\S+: non conforme</a></li>")));
  }
}

TEST_CASE("the site map lists the sections, every browse page with its count, the courses and the text pages",
          "[site][layout]") {
  const std::string html = site().page("plan-du-site/index.html");
  CHECK(contains(html, "<h1>Plan du site</h1>"));
  CHECK(contains(html, "<li><a href=\"/recherche\">Rechercher une pratique</a></li>"));
  CHECK(contains(html, "<li><a href=\"/accessibilite/\">Déclaration d'accessibilité</a></li>"));
  CHECK(contains(html, "<h2 id=\"plan-thematiques\"><a href=\"/thematiques/\">Thématiques</a></h2>"));
  CHECK(std::regex_search(
      html,
      std::regex("<a href=\"/thematiques/[a-z-]+/\">[^<]+</a> <span class=\"note\">\\([0-9]+\\S+fiches?\\)</span>")));
  CHECK(contains(html, "<a href=\"/parcours/parcours-test/\">"));
  // Only values that have sheets: every listed browse page exists.
  const std::regex browse_link("href=\"/(thematiques|publics|departements)/([a-z0-9-]+)/\"");
  for (std::sregex_iterator it(html.begin(), html.end(), browse_link), end; it != end; ++it)
    CHECK(fs::exists(site().out / (*it)[1].str() / (*it)[2].str() / "index.html"));
}

TEST_CASE("the site map lists every sheet from A to Z, accents, case and opening quotes ignored", "[site][layout]") {
  const std::string html = site().page("plan-du-site/index.html");
  REQUIRE(
      contains(html, "<h2 id=\"plan-fiches\"><a href=\"/recherche?tri=titre\">Toutes les fiches, de A à Z</a></h2>"));
  const std::string list = html.substr(html.find("id=\"plan-fiches\""));
  std::vector<std::string> ids;
  const std::regex sheet_link("<li><a href=\"/fiches/([a-z0-9-]+)/\">");
  for (std::sregex_iterator it(list.begin(), list.end(), sheet_link), end; it != end; ++it)
    ids.push_back((*it)[1].str());
  // The fixture's five sheets, opening quotes, accents and case ignored: « Crédiscussion », « Parents solos »,
  // <script>…, Une assistante sociale…
  CHECK(ids.size() == 5);
  CHECK(std::find(ids.begin(), ids.end(), "fiche-hostile") != ids.end());
  CHECK(contains(list, "&lt;script&gt;alert('titre')&lt;/script&gt;"));  // titles escaped
  CHECK_FALSE(contains(list, "<script>"));
  const auto at = [&ids](const char* id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
  CHECK(at("crediscussion-groupe-surendettement-caf") == 0);
  CHECK(at("caf-deux-sevres-parents-solos") == 2);  // "parents" after "le jardin"
  CHECK(at("fiche-hostile") == 3);
  CHECK(at("gironde-as-quartier-liens") == 4);
}

TEST_CASE("the legal notice shows the publisher given on the command line, and says what is not given",
          "[site][legal]") {
  // Not configured (the fixture's build): every item reads "Non renseigné", with the law's reason;
  // nothing is guessed, and the build warns.
  const std::string bare = site().page("mentions-legales/index.html");
  CHECK(contains(bare, "<h2 id=\"editeur\">Éditeur, directeur de la publication et hébergeur</h2>"));
  CHECK(count(bare, "<em>Non renseigné</em>") == 4);
  CHECK(contains(bare, "n’ont pas encore été indiquées par le service qui met en ligne cette instance"));
  CHECK(contains(bare, "<h2>Contenus et licences</h2>"));  // the page's own text follows
  bool warned = false;
  for (const auto& w : site().first.warnings)
    warned = warned || (contains(w, "mentions légales incomplètes") && contains(w, "--editeur"));
  CHECK(warned);
  // The accessibility statement gives the contact itself (RGAA): not given, it says so, and the
  // build warns (it sent the reader to the legal notice's « Non renseigné »).
  CHECK(contains(site().page("accessibilite/index.html"),
                 "<h2 id=\"contact\">Contact</h2>\n<p><em>Adresse de contact non renseignée.</em>"));
  bool warned_contact = false;
  for (const auto& w : site().first.warnings)
    warned_contact = warned_contact || contains(w, "déclaration d'accessibilité sans adresse de contact");
  CHECK(warned_contact);

  // Configured: the values, escaped, the contact as a mailto link, no "Non renseigné".
  auto options = site().options;
  options.out = (site().dir / "site-mentions").string();
  options.pages.legal.publisher = "Service <documentation> & Cie, 1 rue de l'Exemple, 75000 Paris";
  options.pages.legal.director = "La directrice du service";
  options.pages.legal.contact = "documentation@exemple.fr";
  options.pages.legal.host = "Hébergeur Exemple, 2 rue de l'Hôte, 69000 Lyon, 01 02 03 04 05";
  const auto report = pratiques::site::build_site(options);
  for (const auto& w : report.warnings) CHECK_FALSE(contains(w, "mentions légales"));
  const std::string html = read(site().dir / "site-mentions" / "mentions-legales" / "index.html");
  CHECK(contains(
      html,
      "<div><dt>Éditeur</dt><dd>Service &lt;documentation&gt; &amp; Cie, 1 rue de l'Exemple, 75000 Paris</dd></div>"));
  CHECK(
      contains(html, "<div><dt>Directeur ou directrice de la publication</dt><dd>La directrice du service</dd></div>"));
  CHECK(contains(
      html,
      "<div><dt>Contact</dt><dd><a href=\"mailto:documentation@exemple.fr\">documentation@exemple.fr</a></dd></div>"));
  CHECK(contains(html, "<dd>Hébergeur Exemple, 2 rue de l'Hôte, 69000 Lyon, 01 02 03 04 05</dd>"));
  CHECK_FALSE(contains(html, "Non renseigné"));
  // Only that page carries it; the accessibility statement gives the contact.
  const std::string accessibility = read(site().dir / "site-mentions" / "accessibilite" / "index.html");
  CHECK_FALSE(contains(accessibility, "id=\"editeur\""));
  CHECK(contains(accessibility, "<a href=\"mailto:documentation@exemple.fr\">documentation@exemple.fr</a>.</p>"));
  for (const auto& w : report.warnings) CHECK_FALSE(contains(w, "accessibilité"));
}

TEST_CASE("the En bref box shows the carrier once, its contact when consent allows, the milieu and the diplomas",
          "[site][sheet]") {
  // "Caisse d'allocations familiales des Deux-Sèvres" already says "Caisse d'allocations familiales":
  // the name links to the carrier type's page, the type is not repeated.
  const std::string caf = site().page("fiches/caf-deux-sevres-parents-solos/index.html");
  CHECK(contains(
      caf, "<dt>Porteur</dt><dd><a href=\"/porteurs/caf/\">Caisse d'allocations familiales des Deux-Sèvres</a></dd>"));
  CHECK(contains(caf, "<dt>Contact</dt><dd>Service d'action sociale, action-sociale@caf79.example</dd>"));
  // A carrier whose name does not say its type: both.
  CHECK(std::regex_search(
      site().page("fiches/fiche-hostile/index.html"),
      std::regex("<dt>Porteur</dt><dd>Centre social [^<]*, <a href=\"/porteurs/centre-social/\">Centre social")));
  CHECK(contains(site().page("fiches/jardin-saint-caprais/index.html"),
                 "<dt>Milieu</dt><dd><a href=\"/recherche?milieu=rural\">Rural</a></dd>"));
  CHECK(std::regex_search(site().page("fiches/crediscussion-groupe-surendettement-caf/index.html"),
                          std::regex("<dt>Diplômes</dt><dd>DEASS, DECESF</dd>")));
}

TEST_CASE("the contact is not shown when the people cited did not consent", "[site][sheet]") {
  SiteFixture f;
  const auto file = f.sheet_file("caf-deux-sevres-parents-solos");
  std::string md = read(file);
  md.replace(md.find("consentement: sans-objet"), 24, "consentement: non-recueilli");
  write(file, md);
  f.rebuild();
  const std::string html = f.page("fiches/caf-deux-sevres-parents-solos/index.html");
  CHECK_FALSE(contains(html, "<dt>Contact</dt>"));
  CHECK_FALSE(contains(html, "action-sociale@caf79.example"));
}

TEST_CASE("a sheet lists the courses that use it, and has the print, copy and e-mail actions", "[site][sheet]") {
  const std::string html = site().page("fiches/jardin-saint-caprais/index.html");
  CHECK(contains(html,
                 "<h2 id=\"parcours-utilisant\">Parcours de formation qui l’utilisent</h2>\n<ul class=\"liste\">\n"
                 "<li><a href=\"/parcours/parcours-test/\">Parcours de test"));
  CHECK_FALSE(contains(site().page("fiches/gironde-as-quartier-liens/index.html"), "parcours-utilisant"));
  // An e-mail link that works without script (the script adds "Imprimer" and "Copier le lien"
  // buttons, tested in Chromium), a polite status region next to them.
  CHECK(contains(html, "<div class=\"partage\">\n<a href=\"mailto:?subject="));
  CHECK(contains(html, "<a href=\"mailto:?subject=Le%20Jardin%20de%20Saint%20Caprais"));
  CHECK(contains(
      html,
      "&amp;body=https%3A%2F%2Fpratiques.example.org%2Ffiches%2Fjardin-saint-caprais%2F\">Envoyer par courriel</a>"));
  CHECK(contains(html, "<p class=\"copie\" role=\"status\"></p>"));
}

TEST_CASE("internal line references become the title of the document they point to", "[site][course]") {
  const std::string html = site().page("parcours/parcours-test/index.html");
  CHECK(contains(html, "réunir un groupe («\u00a0Développement social et travail social collectif\u00a0», 2015)"));
  CHECK_FALSE(contains(html, "003:4115"));
  CHECK_FALSE(contains(html, "009:1"));  // a document no sheet cites: dropped
  // Sheets no longer show the passage's line numbers.
  CHECK_FALSE(contains(site().page("fiches/caf-deux-sevres-parents-solos/index.html"), "003:4115-4117"));
}

TEST_CASE("a course shows its sessions with their durations, each step's duration, and exports its sheets' references",
          "[site][course]") {
  const std::string html = site().page("parcours/parcours-test/index.html");
  CHECK(contains(html,
                 "<h3 id=\"seance-1\">Séance 1&#160;: Le groupe <span class=\"note\">(3 h)</span></h3>\n<ol "
                 "class=\"etapes\" start=\"1\">"));
  CHECK(contains(html,
                 "<h3 id=\"seance-2\">Séance 2&#160;: Le quartier <span class=\"note\">(3 h)</span></h3>\n<ol "
                 "class=\"etapes\" start=\"2\">"));
  CHECK(std::regex_search(
      html,
      std::regex(
          "<h4><a href=\"/fiches/jardin-saint-caprais/\">[^<]*</a> <span class=\"note\">\\(45 min\\)</span></h4>")));
  CHECK(html.find("id=\"seance-1\"") < html.find("id=\"etape-1\""));
  CHECK(html.find("id=\"etape-1\"") < html.find("id=\"seance-2\""));
  CHECK(html.find("id=\"seance-2\"") < html.find("id=\"etape-2\""));
  // Références: one RIS and one BibTeX entry per sheet of the course.
  CHECK(contains(html, "<a href=\"/parcours/parcours-test/references.ris\" download"));
  const std::string ris = site().page("parcours/parcours-test/references.ris");
  CHECK(count(ris, "TY  - RPRT\n") == 3);
  CHECK(contains(ris, "UR  - https://pratiques.example.org/fiches/jardin-saint-caprais/\n"));
  const std::string bib = site().page("parcours/parcours-test/references.bib");
  CHECK(count(bib, "@techreport{pratiques-") == 3);
  CHECK(contains(bib, "@techreport{pratiques-fiche-hostile,"));
}

TEST_CASE("the students' handout has the text of each step's section and none of the trainer's notes",
          "[site][course]") {
  const std::string trainer = site().page("parcours/parcours-test/index.html");
  const std::string students = site().page("parcours/parcours-test/etudiants/index.html");
  CHECK(contains(trainer, "Commencer par la fiche Crédiscussion"));  // the trainer's notes
  CHECK(contains(trainer,
                 "<a class=\"version\" href=\"/parcours/parcours-test/etudiants/\">Support pour les étudiants</a>"));
  CHECK_FALSE(contains(students, "Commencer par la fiche Crédiscussion"));
  CHECK_FALSE(contains(students, "Notes pour le formateur"));
  // Step 1 names the "Genèse et contexte" section: its text is in the handout.
  CHECK(contains(students, "<div class=\"texte-fiche\">\n<h5>Genèse et contexte</h5>"));
  CHECK(contains(students, "trois professionnelles d'une caisse d'allocations familiales"));
  CHECK_FALSE(contains(trainer, "trois professionnelles d'une caisse d'allocations familiales"));
  // Step 2 names no section: the sheet's documented sections, not the undocumented ones.
  CHECK(contains(students, "<h5>Jalons de la méthode</h5>"));
  CHECK_FALSE(contains(students, "Non documenté à ce jour"));
  // Still the course's instructions and sessions.
  CHECK(contains(students, "Lisez toute la fiche et relevez"));
  CHECK(contains(students, "<h3 id=\"seance-2\">"));
}

TEST_CASE("Pratiques proches never repeat the sheets a page lists under Fiches liées", "[site][sheet]") {
  // The neighbours of a sheet are often the ones it links to: up to all five of them were listed
  // twice on the same page (105 of the 305 neighbours on content/).
  const auto hrefs = [](const std::string& html, const std::string& section) {
    std::set<std::string> out;
    const auto at = html.find("id=\"" + section + "\"");
    if (at == std::string::npos) return out;
    const std::string part = html.substr(at, html.find("</section>", at) - at);
    static const std::regex href("href=\"(/fiches/[^\"]+)\"");
    for (std::sregex_iterator it(part.begin(), part.end(), href), end; it != end; ++it) out.insert((*it)[1]);
    return out;
  };
  std::size_t linked_pages = 0;
  for (const auto& entry : fs::directory_iterator(site().out / "fiches")) {
    const std::string html = site().page("fiches/" + entry.path().filename().string() + "/index.html");
    const auto linked = hrefs(html, "fiches-liees"), similar = hrefs(html, "pratiques-proches");
    if (linked.empty()) continue;
    ++linked_pages;
    for (const auto& h : similar) {
      INFO(entry.path().filename().string() << " : " << h);
      CHECK_FALSE(linked.count(h));
    }
  }
  CHECK(linked_pages >= 4);
  // Still as many neighbours as there are other sheets to show.
  CHECK_FALSE(
      hrefs(site().page("fiches/crediscussion-groupe-surendettement-caf/index.html"), "pratiques-proches").empty());
}

TEST_CASE("foreign terms in Markdown are marked with their language, never in code, URLs or longer words",
          "[site][lang]") {
  const pratiques::ForeignTerms en({{"empowerment", "en"}, {"community organizing", "en"}, {"case work", "en"}});
  const auto html = [&](std::string_view md) { return pratiques::site::markdown_to_html(md, 3, &en); };
  const std::string span = "<span lang=\"en\">";
  CHECK(html("L'empowerment des habitants") == "<p>L'" + span + "empowerment</span> des habitants</p>\n");
  // Any case, kept as written; the words of a term over several spaces; punctuation around.
  CHECK(html("EMPOWERMENT, Community  Organizing.") ==
        "<p>" + span + "EMPOWERMENT</span>, " + span + "Community  Organizing</span>.</p>\n");
  // Whole words only.
  CHECK(html("empowerments, disempowerment, empowerment-like, case workers") ==
        "<p>empowerments, disempowerment, empowerment-like, case workers</p>\n");
  // Not in code; in a link's text but never its URL; never in an image's description (an attribute).
  CHECK(html("`empowerment` et\n\n    empowerment") ==
        "<p><code>empowerment</code> et</p>\n<pre><code>empowerment\n</code></pre>\n");
  CHECK(html("[du case work](https://example.org/empowerment)") ==
        "<p><a href=\"https://example.org/empowerment\">du " + span + "case work</span></a></p>\n");
  CHECK(html("![empowerment](/a/empowerment.png)") ==
        "<p><img src=\"/a/empowerment.png\" alt=\"empowerment\" /></p>\n");
  // Still escaped; emphasis and headings too.
  CHECK(html("a < *empowerment* & <b>") ==
        "<p>a &lt; <em>" + span + "empowerment</span></em> &amp; <!-- raw HTML omitted --></p>\n");
  CHECK(html("# Empowerment") == "<h3>" + span + "Empowerment</span></h3>\n");
  // Without the list, nothing is marked.
  CHECK(pratiques::site::markdown_to_html("empowerment") == "<p>empowerment</p>\n");
}

TEST_CASE("a sheet page marks the foreign terms of schemas/termes_etrangers.yaml in its text", "[site][lang]") {
  SiteFixture f;
  std::string text = read(f.sheet_file("gironde-as-quartier-liens"));
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("titre: \"Une assistante sociale", "titre: \"Empowerment : une assistante sociale");
  replace("démarche de développement social :", "démarche d'empowerment :");
  replace("## Genèse et contexte\n", "## Genèse et contexte\n\nInspirée du community organizing (`empowerment`).\n");
  write(f.sheet_file("gironde-as-quartier-liens"), text);
  f.rebuild();
  const std::string html = f.page("fiches/gironde-as-quartier-liens/index.html");
  const std::string span = "<span lang=\"en\">";
  CHECK(contains(html, "<h1>" + span + "Empowerment</span>\u00a0: une assistante sociale"));
  CHECK(contains(html, "<span aria-current=\"page\">" + span + "Empowerment</span>"));
  CHECK(contains(html, "démarche d'" + span + "empowerment</span>\u00a0:"));
  CHECK(contains(html, "<p>Inspirée du " + span + "community organizing</span> (<code>empowerment</code>).</p>"));
  // Never in the document's title nor in an attribute.
  CHECK(contains(html, "<title>Empowerment\u00a0: une assistante"));
  CHECK_FALSE(std::regex_search(html, std::regex("=\"[^\"]*<span")));
  // The title in the lists of sheets too (the home page's latest sheets, a theme's page, a SKOS
  // concept's page): it was read in French.
  for (const char* list : {"index.html", "thematiques/isolement-lien-social/index.html",
                           "vocabulaires/thematiques/isolement-lien-social/index.html"}) {
    INFO(list);
    CHECK(contains(f.page(list), "\">" + span + "Empowerment</span>\u00a0: une assistante sociale"));
  }
}
