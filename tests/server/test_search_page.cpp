// GET /recherche: the results page without JavaScript.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "pratiques/index_writer.h"
#include "server_fixture.h"

using testing::shared_server;

namespace {

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

// Whether the results page of `url` holds the note `html` (a <p class="suggestion">).
bool page_notes(const std::string& url, const std::string& html) {
  return has(shared_server().get(url).body, "<p class=\"suggestion\">" + html + "</p>");
}

// The text of the last <h2> of `body` before `at` (its tags removed), "" when none.
std::string h2_before(const std::string& body, std::size_t at) {
  const std::size_t open = body.rfind("<h2", at);
  if (open == std::string::npos) return "";
  const std::size_t start = body.find('>', open) + 1;
  return std::regex_replace(body.substr(start, body.find("</h2>", start) - start), std::regex("<[^>]*>"), "");
}

}  // namespace

TEST_CASE("results page: count, results, extracts, facets, sorting", "[server][page]") {
  const auto r = shared_server().get("/recherche?q=potager");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "text/html; charset=utf-8");
  const std::string& b = r.body;
  CHECK(has(b, "2 pratiques pour «\u00a0potager\u00a0»"));
  CHECK(has(b, "href=\"/fiches/ecole-ouverte-parents-fives/\">École ouverte aux parents du quartier de Fives</a>"));
  CHECK(has(b, "Groupe scolaire Jean Macé"));  // carrier
  CHECK(has(b, "Fives, Lille"));               // territory
  CHECK(has(b, "Nord (59)"));
  CHECK(has(b, "<mark>potager</mark>"));        // highlighted extract
  CHECK(has(b, "Parentalité"));                 // a theme of a result
  CHECK(has(b, "id=\"facette-thematiques\""));  // facets with counts
  CHECK(has(b,
            "href=\"/recherche?q=potager&amp;departement=59\" rel=\"nofollow\">Nord <span "
            "class=\"compte\">2\u00a0fiches</span>"));  // read with its unit
  CHECK(has(b, "<strong aria-current=\"true\">pertinence</strong>"));
  CHECK(has(b, "href=\"/recherche?q=potager&amp;tri=date\""));
  CHECK(has(b, "value=\"potager\""));  // the form keeps the query
  CHECK(has(b, "<script src=\"/assets/js/recherche.js\" defer></script>"));
  CHECK_FALSE(has(b, "<script>"));  // no inline script (CSP)
  CHECK_FALSE(has(b, " style=\""));
}

TEST_CASE("a result's title is written as its sheet's page writes it", "[server][page]") {
  // French spacing before « : », as the <h1> of the sheet has it (the results had a plain space).
  const auto r = shared_server().get("/recherche?q=voisinage");
  CHECK(has(r.body, ">Dépendance et vieillissement\u00a0: un réseau de voisinage en Dordogne</a>"));
}

TEST_CASE("results that hold only part of the words say so, and which words they lack", "[server][page]") {
  // No sheet of the fixture holds all three words; two hold two of them, two others one (listed
  // after them: fewer sheets than a page hold two).
  const auto r = shared_server().get("/recherche?q=potager+tricot+biblioth%C3%A8que");
  REQUIRE(r.status == 200);
  const std::string& b = r.body;
  CHECK(has(b, "4 pratiques pour"));
  CHECK(has(b,
            "Aucune pratique ne contient tous les mots\u00a0; chaque résultat indique ceux qui lui manquent."));
  CHECK(has(b, "<p class=\"mots-absents\">Ne contient pas&#160;: <s>tricot</s></p>"));
  CHECK(has(b, "<s>bibliothèque</s>"));
  // A query whose results hold every word says nothing of the kind.
  const auto full = shared_server().get("/recherche?q=potager");
  CHECK_FALSE(has(full.body, "tous les mots"));
  CHECK_FALSE(has(full.body, "mots-absents"));
}

TEST_CASE("active filters are shown and removable one by one, the URL is the state", "[server][page]") {
  const auto r = shared_server().get("/recherche?q=parents&departement=59&publics=parents&utm_source=lettre");
  REQUIRE(r.status == 200);
  const std::string& b = r.body;
  CHECK(has(b, "Filtres actifs"));
  // Removing "Département : Nord" keeps the query and the other filter (the unknown parameter is dropped).
  CHECK(has(b, "<a href=\"/recherche?q=parents&amp;publics=parents\" class=\"filtre-actif\""));
  CHECK(has(b, "<a href=\"/recherche?q=parents&amp;departement=59\" class=\"filtre-actif\""));
  CHECK(has(b, "Retirer tous les filtres"));
  CHECK(has(b, "href=\"/recherche?q=parents\">Retirer tous les filtres"));
  CHECK(has(b, "<input type=\"hidden\" name=\"departement\" value=\"59\">"));
  CHECK_FALSE(has(b, "utm_source"));
  // A selected facet value links to its own removal.
  CHECK(has(b, "class=\"actif\" aria-current=\"true\""));
}

TEST_CASE("pagination, and pages out of range clamped", "[server][page]") {
  auto& s = shared_server();
  const auto p1 = s.get("/recherche?par_page=3");
  REQUIRE(p1.status == 200);
  CHECK(has(p1.body, "8 pratiques \u2013 page 1 sur 3"));
  CHECK(has(p1.body, "<ol class=\"resultats\" start=\"1\">"));
  CHECK(count_of(p1.body, "<li class=\"resultat\">") == 3);
  CHECK(has(p1.body, "href=\"/recherche?par_page=3&amp;page=2\" rel=\"next\""));
  CHECK(has(p1.body, "aria-current=\"page\"><span class=\"vh\">Page </span>1</a>"));
  const auto p3 = s.get("/recherche?par_page=3&page=3");
  CHECK(count_of(p3.body, "<li class=\"resultat\">") == 2);
  CHECK(has(p3.body, "<ol class=\"resultats\" start=\"7\">"));
  CHECK(has(p3.body, "rel=\"prev\""));
  CHECK_FALSE(has(p3.body, "rel=\"next\""));
  const auto far = s.get("/recherche?par_page=3&page=999999");
  CHECK(far.status == 200);
  CHECK(has(far.body, "page 3 sur 3"));
  const auto neg = s.get("/recherche?par_page=3&page=-2");
  CHECK(has(neg.body, "page 1 sur 3"));
}

TEST_CASE("spelling: results of the correction, or a suggestion", "[server][page]") {
  auto& s = shared_server();
  const auto corrected = s.get("/recherche?q=potagr");
  CHECK(has(corrected.body,
            "Aucune pratique ne contient tous les mots de «&#160;potagr&#160;»&#160;: voici les résultats pour "
            "«&#160;<strong>potager</strong>&#160;»"));
  CHECK(has(corrected.body, "<mark>potager</mark>"));
  // With a filter that excludes every correction too: the zero-results page proposes the spelling.
  const auto zero = s.get("/recherche?q=potagr&departement=24");
  CHECK(has(zero.body, "Vouliez-vous dire"));
  CHECK(has(zero.body, "href=\"/recherche?q=potager&amp;departement=24\""));
  // Two words as likely meant: both offered, as links, neither applied.
  const auto both = s.get("/recherche?q=scolaite");
  CHECK(has(both.body,
            "Vouliez-vous dire&#160;: <a href=\"/recherche?q=scolarite\">scolarite</a> ou "
            "<a href=\"/recherche?q=scolaire\">scolaire</a>&#160;?"));
  CHECK_FALSE(has(both.body, "voici les résultats pour"));
}

TEST_CASE("a narrower term that no sheet holds offers its group as a search", "[server][page]") {
  // « Freire » is narrower than the mode « Conscientisation » (schemas/synonymes.yaml): searching it
  // does not search the mode, and the page said only that nothing was found.
  REQUIRE(shared_server().get("/recherche?q=Freire").status == 200);
  CHECK(page_notes("/recherche?q=Freire",
                   "«\u00a0Freire\u00a0» est un terme plus précis de "
                   "<a href=\"/recherche?q=Conscientisation\">Conscientisation</a>."));
  CHECK_FALSE(has(shared_server().get("/recherche?q=astronautique").body, "terme plus précis"));
  // A commune that no sheet names: its département.
  CHECK(page_notes("/recherche?q=Metz",
                   "«\u00a0Metz\u00a0» est une commune du département "
                   "<a href=\"/recherche?q=Moselle\">Moselle</a>."));
  // A département that no sheet names: its région; a postal code: its département.
  CHECK(page_notes("/recherche?q=Haute-Corse",
                   "«\u00a0Haute-Corse\u00a0» est un département de la région "
                   "<a href=\"/recherche?q=Corse\">Corse</a>."));
  CHECK(page_notes("/recherche?q=93200",
                   "«\u00a093200\u00a0» est un code postal du département "
                   "<a href=\"/recherche?q=Seine-Saint-Denis\">Seine-Saint-Denis</a>."));
}

TEST_CASE("a profession offers the diploma that trains for it", "[server][page]") {
  CHECK(page_notes("/recherche?q=EJE",
                   "«\u00a0EJE\u00a0»\u00a0: les pratiques utiles à sa formation sont celles du diplôme "
                   "<a href=\"/recherche?q=DEEJE\">DEEJE</a>."));
}

TEST_CASE("a query without a word says that every sheet is listed", "[server][page]") {
  const auto r = shared_server().get("/recherche?q=%21%21%21");
  REQUIRE(r.status == 200);
  CHECK(page_notes("/recherche?q=%21%21%21",
                   "«\u00a0!!!\u00a0» ne contient aucun mot à chercher\u00a0: voici toutes les pratiques."));
  CHECK_FALSE(has(r.body, "pratiques pour «"));
  CHECK(page_notes("/recherche?q=ma%2A",
                   "«\u00a0ma*\u00a0»\u00a0: l'astérisque demande au moins trois lettres avant "
                   "lui\u00a0; le mot est cherché tel quel."));
  CHECK(page_notes("/recherche?q=hab%2A+par%2A+jeu%2A+fam%2A+ass%2A",
                   "«\u00a0ass*\u00a0»\u00a0: une recherche tronque quatre mots au plus\u00a0; le mot est "
                   "cherché tel quel."));
  // A name typed before a colon that is no prefix: sought as a word, said so (it was not).
  CHECK(page_notes("/recherche?q=auteur%3AFreire",
                   "«\u00a0auteur:\u00a0» n'est pas un préfixe de recherche\u00a0: il est cherché comme un mot, "
                   "dans toute la fiche, avec ce qui le suit."));
  // Words typed with a "-": left out of every result, said so (a « - » pasted from a list before
  // « isolement » left out the sheets on isolation without a word).
  CHECK(page_notes("/recherche?q=-isolement+des+personnes+%C3%A2g%C3%A9es",
                   "Les pratiques qui contiennent «\u00a0isolement\u00a0» sont écartées\u00a0: le signe "
                   "«\u00a0-\u00a0» collé devant un mot l'exclut."));
  // Nothing found for several words: those that no sheet holds.
  CHECK(page_notes("/recherche?q=%C3%A9picerie+sociale", "Aucune pratique ne contient «\u00a0épicerie\u00a0»."));
  CHECK(page_notes("/recherche?q=zzzq+yyyq", "Aucune pratique ne contient «\u00a0zzzq\u00a0» ni «\u00a0yyyq\u00a0»."));
  CHECK(
      page_notes("/recherche?q=jeunes+-%22aller+vers%22+-freins%3Atransport",
                 "Les pratiques qui contiennent «\u00a0&quot;aller vers&quot;\u00a0» ou «\u00a0freins:transport\u00a0» "
                 "sont écartées\u00a0: le signe «\u00a0-\u00a0» collé devant un mot l'exclut."));
}

TEST_CASE("a question longer than a search reads is searched in part, kept in the box, and said so", "[server][page]") {
  // 91 words were refused with an error page, the text typed lost.
  std::string q;
  for (int i = 0; i < 70; ++i) q += "potager+";
  q += "merci+beaucoup+pour+votre+aide+pr%C3%A9cieuse+et+rapide";
  const auto r = shared_server().get("/recherche?q=" + q);
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "value=\"potager potager"));
  CHECK(has(r.body, "beaucoup pour votre aide précieuse et rapide\""));
  CHECK(page_notes("/recherche?q=" + q,
                   "Seuls les 64 premiers mots sont cherchés\u00a0; la suite est ignorée\u00a0: «\u00a0potager potager "
                   "potager potager potager potager\u00a0…\u00a0»."));
}

TEST_CASE("zero results: a helpful page", "[server][page]") {
  const auto r = shared_server().get("/recherche?q=astronautique&thematiques=aidants");
  REQUIRE(r.status == 200);
  const std::string& b = r.body;
  CHECK(has(b, "Aucune pratique pour «\u00a0astronautique\u00a0»"));
  CHECK(has(b, "Aucune pratique ne correspond à"));
  CHECK(has(b, "Chercher «&#160;astronautique&#160;» sans filtre"));
  CHECK(has(b, "href=\"/recherche?q=astronautique\""));  // remove the filter
  CHECK(has(b, "href=\"/thematiques/\""));               // browse links
  CHECK(has(b, "Thématiques les plus documentées"));
  CHECK(has(b, "href=\"/recherche?thematiques=vieillissement\""));
}

namespace {

// `s` serves the fixture corpus and the text page `id` of content/pages/, titled `title`.
void serve_with_page(testing::TestServer& s, const std::string& id, const std::string& title) {
  const testing::fs::path content = s.dir() / "content";
  testing::copy_tree(testing::fixtures() / "corpus", content);
  testing::fs::create_directories(content / "pages");
  std::ofstream(content / "pages" / (id + ".md"))
      << "---\ntitre: \"" << title << "\"\nresume: \"Une page.\"\n---\n\nDes mots.\n";
  pratiques::IndexOptions o;
  o.content = content.string();
  o.schemas = testing::schemas().string();
  o.out = s.index();
  REQUIRE(pratiques::build_index(o).published);
}

}  // namespace

TEST_CASE("the search form links to the page on the search's syntax when the content has one", "[server][page]") {
  // The fixture corpus has no text pages: no link to a page that would answer 404.
  CHECK_FALSE(has(shared_server().get("/recherche").body, "/aide-recherche/"));
  testing::TestServer s({}, false);
  serve_with_page(s, "aide-recherche", "Aide à la recherche");
  for (const std::string target : {"/recherche", "/recherche?q=astronautique"}) {
    INFO(target);
    const auto r = s.get(target);
    CHECK(has(r.body, "<a href=\"/aide-recherche/\">Aide à la recherche</a></p>"));
  }
  // Not above results (the help is shown before a search and when nothing is found).
  CHECK_FALSE(has(s.get("/recherche?q=potager").body, "/aide-recherche/\">"));
}

TEST_CASE("a search that found nothing invites whoever led such an action to write it up", "[server][page]") {
  const std::string invitation = "<a href=\"/contribuer/\">Décrivez-la dans une fiche</a>";
  // Not without the page on contributing (the fixture corpus has no text pages).
  CHECK_FALSE(has(shared_server().get("/recherche?q=astronautique").body, invitation));
  testing::TestServer s({}, false);
  serve_with_page(s, "contribuer", "Contribuer : rédiger une fiche");
  CHECK(has(s.get("/recherche?q=astronautique").body, "Vous avez mené une action sur ce sujet&#160;? " + invitation));
  CHECK(has(s.get("/recherche?q=astronautique&thematiques=aidants").body, invitation));
  // Not above results.
  CHECK_FALSE(has(s.get("/recherche?q=potager").body, invitation));
}

TEST_CASE("a result's title and extract mark their English terms with their language, as its page does",
          "[server][page][lang]") {
  testing::TestServer s({}, false);
  const testing::fs::path content = s.dir() / "content";
  testing::copy_tree(testing::fixtures() / "corpus", content);
  const testing::fs::path sheet = content / "fiches" / "ecole-ouverte-parents-fives.md";
  std::string text = testing::read_file(sheet);
  const std::string title = "titre: \"École ouverte aux parents";
  REQUIRE(text.find(title) != std::string::npos);
  text.replace(text.find(title), title.size(), "titre: \"Empowerment : école ouverte aux parents");
  const std::string garden = "cultivent un potager au fond";  // in the summary, the extract
  REQUIRE(text.find(garden) != std::string::npos);
  text.replace(text.find(garden), garden.size(), "cultivent un potager en community organizing au fond");
  std::ofstream(sheet) << text;
  pratiques::IndexOptions o;
  o.content = content.string();
  o.schemas = testing::schemas().string();
  o.out = s.index();
  REQUIRE(pratiques::build_index(o).published);
  const auto r = s.get("/recherche?q=potager");
  CHECK(has(r.body, "<span lang=\"en\">Empowerment</span>\u00a0: école ouverte aux parents du quartier de Fives</a>"));
  CHECK(has(r.body, "<mark>potager</mark> en <span lang=\"en\">community organizing</span> au fond"));
  CHECK(has(r.body, "<title>"));
  CHECK_FALSE(has(r.body, "Ajouter à un parcours<span class=\"vh\"> : <span"));  // never inside another label's text
}

TEST_CASE("hostile queries are escaped everywhere", "[server][page][security]") {
  auto& s = shared_server();
  const std::string evil = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E";
  // A filter value that no vocabulary has is refused (400), the value escaped in the message.
  for (const std::string& target :
       {"/recherche?q=" + evil + "&page=2&tri=" + evil, "/recherche?q=x&thematiques=" + evil + "&departement=" + evil,
        "/recherche?q=" + evil + "&publics=" + evil + "&page=2&tri=" + evil}) {
    INFO(target);
    const auto r = s.get(target);
    const bool refused =
        target.find("thematiques=") != std::string::npos || target.find("publics=") != std::string::npos;
    REQUIRE(r.status == (refused ? 400 : 200));
    CHECK_FALSE(has(r.body, "<script>alert"));
    CHECK_FALSE(has(r.body, "<img src=x"));
    CHECK_FALSE(has(r.body, "<img"));  // "onerror=alert" may appear, as escaped text
    CHECK(has(r.body, "&lt;script&gt;"));
    // At most one script element: the results page's own.
    CHECK(count_of(r.body, "<script") == (refused ? 0 : 1));
  }
  const auto api = s.get("/api/recherche?q=" + evil);
  CHECK(api.status == 200);
  CHECK(api.header("content-type") == "application/json; charset=utf-8");
  CHECK(testing::json_get(api.body, "requete") == "<script>alert(1)</script>\"><img src=x onerror=alert(2)>");
  const auto refused = s.get("/api/recherche?q=x&thematiques=" + evil);
  CHECK(refused.status == 400);
  CHECK(testing::json_get(refused.body, "erreur").find("valeur inconnue « <script>") == 0);
}

TEST_CASE("without a query, browsing by facet sorts by date", "[server][page]") {
  const auto r = shared_server().get("/recherche?departement=62");
  CHECK(has(r.body, "3 pratiques"));
  CHECK(has(r.body, "<strong aria-current=\"true\">date</strong>"));
  const auto empty = shared_server().get("/recherche");
  CHECK(empty.status == 200);
  CHECK(has(empty.body, "8 pratiques"));
}

TEST_CASE("a results page answered from the cache is the page the search made", "[server][page][cache]") {
  auto& s = shared_server();
  // Filters (selected values, facet labels), a correction, a suggestion, zero results, hostile text:
  // what the cached JSON does not carry is restored from the request and the facet space.
  for (const std::string target :
       {"/recherche?q=parents&departement=59&publics=parents&par_page=7", "/recherche?q=potagr&par_page=7",
        "/recherche?q=potagr&departement=24&par_page=7", "/recherche?q=scolaite&par_page=7",
        "/recherche?q=%3Cscript%3E&par_page=7", "/recherche?departement=62&par_page=7"}) {
    INFO(target);
    const auto searched = s.get(target);
    const auto cached = s.get(target);
    REQUIRE(searched.status == 200);
    CHECK(searched.header("server-timing").find("recherche;dur=") == 0);
    CHECK(cached.header("server-timing").find("cache;dur=") == 0);
    CHECK(cached.body == searched.body);
  }
  // The API's request cached the search; the page made from it has its filters selected.
  const auto api = s.get("/api/recherche?q=parents&publics=parents&par_page=6");
  REQUIRE(api.status == 200);
  const auto page = s.get("/recherche?q=parents&publics=parents&par_page=6");
  CHECK(page.header("server-timing").find("cache;dur=") == 0);
  CHECK(has(page.body, "Filtres actifs"));
  CHECK(has(page.body, "class=\"actif\" aria-current=\"true\""));
  CHECK(has(page.body, "id=\"facette-publics\""));
}

namespace {

// A valid course about parents in `content`, citing one sheet of the test site.
void write_course(const testing::fs::path& content, const std::string& id, const std::string& title,
                  const std::string& audience) {
  testing::write_file(
      content / "parcours" / (id + ".md"),
      "---\nid: " + id + "\ntitre: \"" + title + "\"\npublic_vise: \"" + audience +
          "\"\nobjectifs_pedagogiques:\n  - \"Analyser une action\"\n"
          "diplomes: [dees]\ndomaines_competences: [socle-dc3]\nduree: \"3 h\"\n"
          "evaluation_acquis:\n  modalites: \"Analyse écrite\"\n"
          "etapes:\n  - fiche: familles-cafe-des-parents-roubaix\n    consigne: \"Lisez.\"\n"
          "    domaines_competences: [socle-dc3]\n"
          "redacteurs:\n  - nom: \"Claire Formatrice\"\n    role: formateur\nlicence: cc-by-4-0\n---\n\n"
          "## Notes pour le formateur\n\nUn exemple.\n\n## Questions à poser\n\n- Qui décide ?\n\n"
          "## Activités\n\nAnalyse en groupes.\n");
}

// Indexes `content` into the server's index and waits until a search for parents shows `course`.
void publish(testing::TestServer& s, const testing::fs::path& content, const std::string& course) {
  pratiques::IndexOptions o;
  o.content = content.string();
  o.schemas = testing::schemas().string();
  o.out = s.index();
  const auto indexed = pratiques::build_index(o);
  INFO(testing::describe(indexed.diagnostics));
  REQUIRE(indexed.published);
  REQUIRE(testing::wait_until([&] { return has(s.get("/recherche?q=parents").body, course); }));
}

}  // namespace

TEST_CASE("more matching courses than the page lists: a link to them all, a search restricted to courses",
          "[server][page][courses]") {
  testing::TestServer s;
  const testing::fs::path content = s.dir() / "content";
  // Seven courses about parents (the page lists five above the sheets).
  for (int i = 1; i <= 7; ++i) {
    const std::string id = "parcours-parents-" + std::to_string(i);
    write_course(content, id, "Associer les parents, module " + std::to_string(i), "Étudiants DEES");
  }
  publish(s, content, "parcours-parents-1");

  const std::string page = s.get("/recherche?q=parents").body;
  CHECK(count_of(page, "href=\"/parcours/parcours-parents-") == 5);
  CHECK(has(page, "<a href=\"/recherche?q=parents&amp;type=parcours\">Voir les 7\u00a0parcours de formation</a>"));
  CHECK(has(page, "class=\"resultat\""));  // the sheets stay below
  // Headings (RGAA 9.1): the courses and the sheets each under their own <h2>, never under the facets'.
  CHECK(h2_before(page, page.find("href=\"/parcours/parcours-parents-1/\"")) == "Parcours de formation");
  CHECK(h2_before(page, page.find("<li class=\"resultat\">")) == "Fiches");

  const auto all = s.get("/recherche?q=parents&type=parcours");
  REQUIRE(all.status == 200);
  CHECK(count_of(all.body, "href=\"/parcours/parcours-parents-") == 7);
  CHECK(has(all.body, "7\u00a0parcours de formation pour «\u00a0parents\u00a0»"));
  CHECK_FALSE(has(all.body, "class=\"resultat\""));  // courses only
  CHECK_FALSE(has(all.body, "Voir les 7"));
  // The restriction is an active filter, removable as the others.
  CHECK(has(all.body,
            "<a href=\"/recherche?q=parents\" class=\"filtre-actif\" title=\"Retirer ce filtre\">"
            "<span class=\"vh\">Retirer le filtre </span>Type&#160;: Parcours de formation"));
  // A restriction that finds no course says so, with the way back to the sheets.
  const auto none = s.get("/recherche?q=astronautique&type=parcours");
  CHECK(none.status == 200);
  CHECK(has(none.body, "Aucun parcours de formation pour «\u00a0astronautique\u00a0»"));
  CHECK(has(none.body, "<p>Aucun parcours de formation ne contient tous ces mots."));
  // Without words, every course, or those of the diploma chosen: « type=parcours » said that none
  // held « tous ces mots », « diplomes=… » listed none.
  CHECK(count_of(s.get("/recherche?type=parcours").body, "href=\"/parcours/parcours-parents-") == 7);
  CHECK(count_of(s.get("/recherche?type=parcours&diplomes=dees").body, "href=\"/parcours/parcours-parents-") == 7);
  CHECK(count_of(s.get("/recherche?diplomes=dees").body, "href=\"/parcours/parcours-parents-") == 5);
  CHECK(count_of(s.get("/recherche?type=parcours&diplomes=deass").body, "href=\"/parcours/parcours-parents-") == 0);
  CHECK(has(s.get("/recherche?type=parcours&diplomes=deass").body, "<p>Aucun parcours de formation pour ces filtres."));
  // A filter on the sheets leaves out every course: said so, not « tous ces mots ».
  CHECK(has(s.get("/recherche?q=parents&type=parcours&publics=parents").body,
            "<p>Les parcours de formation ne se filtrent que par diplôme et par domaine de compétences"));
}

TEST_CASE("a results page's title says its page number and the filters chosen", "[server][page][a11y]") {
  auto& s = shared_server();
  auto title = [](const std::string& body) {
    const auto at = body.find("<title>");
    return at == std::string::npos ? std::string() : body.substr(at + 7, body.find("</title>") - at - 7);
  };
  // Browsing every sheet, page by page.
  const std::string browse1 = title(s.get("/recherche?q=&par_page=3").body);
  const std::string browse2 = title(s.get("/recherche?q=&par_page=3&page=2").body);
  CHECK(has(browse2, "page 2 sur 3"));
  CHECK(browse1 != browse2);
  CHECK(title(s.get("/recherche").body) == "Rechercher une pratique \u2013 Pratiques");
  // Filtered, page by page.
  const std::string filtered1 = title(s.get("/recherche?departement=59&par_page=1").body);
  const std::string filtered2 = title(s.get("/recherche?departement=59&par_page=1&page=2").body);
  CHECK(has(filtered2, "page 2 sur"));
  CHECK(filtered1 != filtered2);
  // The filters chosen, by their labels.
  const std::string plain = title(s.get("/recherche?q=parents").body);
  const std::string nord = title(s.get("/recherche?q=parents&departement=59").body);
  CHECK(has(nord, "«\u00a0parents\u00a0»"));
  CHECK(has(nord, "Nord"));
  CHECK(plain != nord);
  CHECK_FALSE(has(plain, "Nord"));
}

TEST_CASE("a course's long audience is shortened between words in the results, never clamped by the style sheet",
          "[server][page][courses][a11y]") {
  testing::TestServer s;
  const testing::fs::path content = s.dir() / "content";
  const std::string audience =
      "Étudiants DEES de deuxième année en alternance, travailleurs sociaux en formation continue, encadrants "
      "d'équipes de prévention spécialisée et bénévoles d'associations de parents qui animent des groupes";
  write_course(content, "parcours-parents-long", "Associer les parents", audience);
  publish(s, content, "parcours-parents-long");
  const std::string page = s.get("/recherche?q=parents").body;
  std::smatch m;
  REQUIRE(std::regex_search(page, m, std::regex("<span class=\"note\">([^<]*)</span>")));
  const std::string note = m[1];
  CHECK(note.size() < audience.size());
  CHECK(note.size() <= 130);
  CHECK(note.starts_with("Étudiants DEES de deuxième année en alternance"));
  CHECK(note.ends_with("\u2026"));
  CHECK_FALSE(note.ends_with(" \u2026"));
  // Nothing left for the style sheet to hide.
  CHECK_FALSE(has(s.get("/assets/recherche.css").body, "line-clamp"));
}

TEST_CASE("the results have their own heading, not the facets' « Affiner la recherche »", "[server][page][a11y]") {
  const std::string page = shared_server().get("/recherche?q=parents").body;
  REQUIRE(has(page, "<h2 id=\"titre-facettes\">Affiner la recherche</h2>"));
  const std::size_t first = page.find("<li class=\"resultat\">");
  REQUIRE(first != std::string::npos);
  CHECK(h2_before(page, first) == "Fiches");
  // Each result's title one level below it.
  CHECK(has(page.substr(first, 400), "<h3><a href=\"/fiches/"));
}
