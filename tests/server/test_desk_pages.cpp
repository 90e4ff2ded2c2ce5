// The curators' desk, /gestion/: documentalistes and administrateurs only (403 otherwise); the
// queue of submissions, counts per state, reviews due within 30 days or overdue, the searches of
// the last 30 days (the report of `pratiques rapport recherches`); accounts for administrateurs
// (invite with the activation link shown, change a role, disable), every POST with its CSRF token;
// the published sheets a submission probably duplicates (issue 11), on the desk, the contribution's
// page and in the API.
#include <catch2/catch.hpp>

#include <set>

#include "pratiques/index_writer.h"
#include "pratiques/write/clock.h"
#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

namespace {

// The text between `from` and the next `to` in `page` ("" when `from` is absent).
std::string between(const std::string& page, const std::string& from, const std::string& to) {
  const auto at = page.find(from);
  if (at == std::string::npos) return "";
  return page.substr(at, page.find(to, at) - at);
}

// The whole percentage after "similarité " (or after the link, "(" on the desk); -1 when absent.
int percent_after(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  if (at == std::string::npos) return -1;
  return std::stoi(text.substr(at + marker.size(), 3));
}

// Imports a sheet through the form and submits it; returns the contribution's page after submission.
Reply submit(Browser& author, const std::string& markdown, int n) {
  author.get("/contribuer/nouvelle");
  REQUIRE(
      author
          .post_form("/contribuer/nouvelle", {{"csrf", author.csrf()}, {"action", "importer"}, {"markdown", markdown}})
          .status == 303);
  const std::string page = "/contributions/" + std::to_string(n);
  author.get(page);
  REQUIRE(author.post_form(page, {{"csrf", author.csrf()}, {"action", "soumettre"}}).status == 303);
  return author.get(page + "?soumise=1");
}

}  // namespace

TEST_CASE("desk: curators only, queue, counts per state, reviews due, searches of the last 30 days",
          "[server][write][pages][desk]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("formation@exemple.fr", Role::Formateur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser anonymous(s.port());
  CHECK(anonymous.get("/gestion/").status == 303);
  CHECK(logged_in(s, "camille@exemple.fr").get("/gestion/").status == 403);
  CHECK(logged_in(s, "formation@exemple.fr").get("/gestion/").status == 403);

  Browser author = logged_in(s, "camille@exemple.fr");
  REQUIRE(submit(author, valid_sheet("potager-des-lilas", "Potager des Lilas"), 1).status == 200);
  // Searches: one that finds, one that finds nothing.
  for (int i = 0; i < 3; ++i) REQUIRE(get(s.port(), "/recherche?q=parents").status == 200);
  REQUIRE(get(s.port(), "/recherche?q=zzyzxquasar").status == 200);
  // One corrected automatically (one letter off, nothing found as typed), one that finds every sheet.
  for (int i = 0; i < 2; ++i) REQUIRE(get(s.port(), "/recherche?q=parentts").status == 200);
  REQUIRE(get(s.port(), "/recherche?q=social").status == 200);

  Browser doc = logged_in(s, "doc@exemple.fr");
  const Reply desk = doc.get("/gestion/");
  REQUIRE(desk.status == 200);
  CHECK(contains(desk.body, "<h1>Gestion</h1>"));
  CHECK(contains(desk.body, "<a href=\"/contributions/1\">Potager des Lilas</a>"));
  CHECK(contains(desk.body, "<tr><td>Soumise</td><td>1</td></tr>"));
  CHECK(contains(desk.body, "<a href=\"/recherche?q=parents\">parents</a></td><td>3</td>"));
  CHECK(contains(desk.body, "<a href=\"/recherche?q=zzyzxquasar\">zzyzxquasar</a></td><td>1</td><td>0</td>"));
  // Zero-result, corrected and "everything" queries each in their own list, with true counts.
  CHECK(contains(desk.body, "Sans résultat (1 recherches)"));
  CHECK(contains(desk.body, "Corrigées automatiquement (2 recherches)"));
  CHECK(contains(desk.body, "<a href=\"/recherche?q=parentts\">parentts</a></td><td>parents</td><td>2</td>"));
  CHECK(contains(desk.body, "Qui trouvent presque tout (1 recherches)"));
  CHECK(contains(desk.body, "<a href=\"/recherche?q=social\">social</a></td><td>1</td><td>8</td><td>8</td>"));
  CHECK(contains(desk.body, "Revues à faire d'ici le"));
  CHECK_FALSE(contains(desk.body, "Inviter une personne"));  // accounts: administrateurs only
  // A documentaliste may not administer accounts.
  CHECK(doc.post_form(
               "/gestion/",
               {{"csrf", doc.csrf()}, {"action", "inviter"}, {"courriel", "x@exemple.fr"}, {"role", "contributeur"}})
            .status == 403);
}

TEST_CASE("desk: an administrateur invites (the activation link shown), changes a role, disables, CSRF required",
          "[server][write][pages][desk][csrf]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("admin@exemple.fr", Role::Administrateur);
  const auto camille = acc.add("camille@exemple.fr", Role::Contributeur);
  Browser admin = logged_in(s, "admin@exemple.fr");
  REQUIRE(admin.get("/gestion/").status == 200);
  CHECK(contains(admin.last().body, "Inviter une personne"));
  CHECK(admin
            .post_form("/gestion/",
                       {{"action", "inviter"}, {"courriel", "sans-jeton@exemple.fr"}, {"role", "contributeur"}})
            .status == 403);
  admin.get("/gestion/");
  const Reply invited = admin.post_form("/gestion/", {{"csrf", admin.csrf()},
                                                      {"action", "inviter"},
                                                      {"courriel", "lou@exemple.fr"},
                                                      {"nom", "Lou <Essai>"},
                                                      {"role", "formateur"}});
  REQUIRE(invited.status == 200);
  CHECK(contains(invited.body, "Compte créé pour lou@exemple.fr (Formateur)"));
  CHECK(contains(invited.body, "/activation?jeton="));
  CHECK(contains(invited.body, "Lou &lt;Essai&gt;"));
  // The link works.
  const auto at = invited.body.find("/activation?jeton=");
  const std::string link = invited.body.substr(at, invited.body.find('<', at) - at);
  CHECK(get(s.port(), link).status == 200);
  // Change a role, disable: the account can no longer log in.
  const std::string id = std::to_string(camille.id);
  REQUIRE(admin
              .post_form("/gestion/",
                         {{"csrf", admin.csrf()}, {"action", "role"}, {"compte", id}, {"role", "documentaliste"}})
              .status == 200);
  CHECK(contains(admin.last().body, "Rôle de camille@exemple.fr : Documentaliste."));
  CHECK(logged_in(s, "camille@exemple.fr").get("/gestion/").status == 200);
  REQUIRE(admin.post_form("/gestion/", {{"csrf", admin.csrf()}, {"action", "desactiver"}, {"compte", id}}).status ==
          200);
  CHECK(contains(admin.last().body, "Compte camille@exemple.fr désactivé"));
  Browser b(s.port());
  b.get("/connexion");
  CHECK(b.post_form("/connexion",
                    {{"csrf", b.csrf()}, {"courriel", "camille@exemple.fr"}, {"mot_de_passe", "une phrase de passe"}})
            .status != 303);
  // Not oneself.
  const auto me = acc.accounts.find_by_email("admin@exemple.fr");
  CHECK(admin
            .post_form("/gestion/",
                       {{"csrf", admin.csrf()}, {"action", "desactiver"}, {"compte", std::to_string(me->id)}})
            .status == 409);
}

TEST_CASE(
    "near-duplicates: a submission that is a near copy of a published sheet names it on the desk, its page "
    "and in the API (escaped), a distinct sheet on the same theme does not",
    "[server][write][pages][desk][near-duplicates]") {
  const std::string original = "/fiches/sejour-repit-aidants-msa/";
  const std::string title = "Séjour de répit pour les aidants familiaux organisé par la MSA";
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser author = logged_in(s, "camille@exemple.fr");

  // 1: every tenth word of a published sheet changed; 2: another practice for family carers (same
  // thématique, « aidants »), from content/.
  const Reply copy = submit(
      author, near_copy(read_file(fixtures() / "corpus/fiches/sejour-repit-aidants-msa.md"), "repit-aidants-copie"), 1);
  REQUIRE(copy.status == 200);
  CHECK(contains(copy.body,
                 "Contribution soumise : un documentaliste va la relire. Elle ressemble beaucoup à une "
                 "fiche déjà publiée (ci-dessous)"));  // a warning: the submission went through
  CHECK(contains(copy.body, ">Soumise</strong>"));
  CHECK(contains(copy.body, "<h2 id=\"doublons\">Doublon probable ?</h2>"));
  CHECK(contains(copy.body, "<a href=\"" + original + "\">" + title + "</a> — similarité "));
  CHECK(contains(copy.body, "Ce n'est pas un refus"));  // the contributor's wording
  // Its link to a sheet of content/ that this server does not publish is left out: submission
  // refuses a link to no sheet, as publication does.
  const Reply distinct = submit(
      author,
      testing::replaced(read_file(source_dir() / "content/fiches/groupes-parole-aidants-familiaux.md"),
                        "fiches_liees:\n  - {id: crediscussion-groupe-surendettement-caf, relation: voir-aussi}\n", ""),
      2);
  REQUIRE(distinct.status == 200);
  CHECK(contains(distinct.body, ">Soumise</strong>"));
  CHECK_FALSE(contains(distinct.body, "Doublon probable"));
  CHECK_FALSE(contains(distinct.body, "ressemble beaucoup"));

  // The desk: under the copy's title, the published sheet with the similarity; nothing under the other.
  Browser doc = logged_in(s, "doc@exemple.fr");
  const Reply desk = doc.get("/gestion/");
  REQUIRE(desk.status == 200);
  const std::string copy_row = between(desk.body, "<a href=\"/contributions/1\">", "</tr>");
  const std::string distinct_row = between(desk.body, "<a href=\"/contributions/2\">", "</tr>");
  REQUIRE_FALSE(copy_row.empty());
  REQUIRE_FALSE(distinct_row.empty());
  CHECK(contains(copy_row, "Doublon probable ? <a href=\"" + original + "\">" + title + "</a> ("));
  const int on_desk = percent_after(copy_row, title + "</a> (");
  CHECK(on_desk >= 35);
  CHECK(on_desk < 100);
  CHECK_FALSE(contains(distinct_row, "Doublon"));
  CHECK(contains(desk.body, "<table class=\"contributions\" aria-labelledby=\"file\">"));
  CHECK(desk.body.find("aria-labelledby=\"file\"") == desk.body.rfind("aria-labelledby=\"file\""));  // one table

  // The contribution's page, for the documentaliste: the same sheet, the same percentage.
  const Reply page = doc.get("/contributions/1");
  CHECK(contains(page.body, "<h2 id=\"doublons\">Doublon probable ?</h2>"));
  CHECK(contains(page.body, "Comparez-les avant de publier"));
  CHECK(percent_after(page.body, title + "</a> — similarité ") == on_desk);
  CHECK_FALSE(contains(doc.get("/contributions/2").body, "Doublon probable"));

  // The API: the list, and the [doublon-probable] warning among the diagnostics (as `pratiques check`).
  const Headers bearer{{"Authorization", "Bearer " + acc.token("doc@exemple.fr")}};
  const Reply api = send(s.port(), "GET", "/api/contributions/1", bearer);
  REQUIRE(api.status == 200);
  CHECK(json_get(api.body, "doublons_probables.0.fiche") == "sejour-repit-aidants-msa");
  CHECK(json_get(api.body, "doublons_probables.0.titre") == title);
  CHECK(json_get(api.body, "doublons_probables.0.page") == original);
  CHECK(json_get(api.body, "doublons_probables.0.similarite") == std::to_string(on_desk));
  CHECK(contains(json_get(api.body, "diagnostics"), "doublon-probable"));
  CHECK(json_get(send(s.port(), "GET", "/api/contributions/2", bearer).body, "doublons_probables") == "[]");

  // The published sheet's title is escaped on the desk and on the contribution's page: a
  // documentaliste publishes a sheet whose title holds markup, through the API (contribution 3).
  const std::string published = valid_sheet("cuisine-glycines", "Cuisine <em>partagée</em> & \\\"voisins\\\"");
  Headers md = bearer;
  md.emplace_back("Content-Type", "text/markdown; charset=utf-8");
  const Reply created = send(s.port(), "POST", "/api/contributions", md, published);
  REQUIRE(created.status == 201);
  const std::string url = "/api/contributions/" + json_get(created.body, "id");
  Headers js = bearer;
  js.emplace_back("Content-Type", "application/json");
  for (const char* action : {"soumettre", "prendre", "publier"})
    REQUIRE(send(s.port(), "POST", url + "/" + action, js, "{\"commentaire\": \"ok\"}").status == 200);

  REQUIRE(submit(author, near_copy(published, "cuisine-glycines-bis"), 4).status == 200);
  const std::string escaped = "Cuisine &lt;em&gt;partagée&lt;/em&gt; &amp; &quot;voisins&quot;";
  const Reply desk_after = doc.get("/gestion/");
  CHECK(contains(desk_after.body, "<a href=\"/fiches/cuisine-glycines/\">" + escaped + "</a> ("));
  CHECK_FALSE(contains(desk_after.body, "<em>partagée</em>"));
  const Reply copy_page = doc.get("/contributions/4");
  CHECK(contains(copy_page.body, "<a href=\"/fiches/cuisine-glycines/\">" + escaped + "</a> — similarité "));
  CHECK_FALSE(contains(copy_page.body, "<em>partagée</em>"));
  // The published contribution is not its own duplicate (its sheet id is left out).
  CHECK(json_get(send(s.port(), "GET", url, bearer).body, "doublons_probables") == "[]");
}

TEST_CASE("desk: the reviews due list every published sheet due within 30 days or overdue, hand-written ones too",
          "[server][write][pages][desk]") {
  // The list read the server's sheets, which it never loads (the static site's build does): it
  // was always empty. The fixture's sheets are due in 2027; one is set overdue, one due soon.
  TestServer s;
  set_next_review(s, "ecole-ouverte-parents-fives", "2020-01-15");
  set_next_review(s, "familles-cafe-des-parents-roubaix", pratiques::write::iso_date(std::time(nullptr) + 10 * 86400));
  pratiques::IndexOptions o;
  o.content = (s.dir() / "content").string();
  o.schemas = schemas().string();
  o.out = s.index();
  REQUIRE(pratiques::build_index(o).published);
  Accounts acc(s.dir() / "var");
  acc.add("doc@exemple.fr", Role::Documentaliste);
  const Reply desk = logged_in(s, "doc@exemple.fr").get("/gestion/");
  REQUIRE(desk.status == 200);
  const std::string due = between(desk.body, "Revues à faire", "</ul>");
  CHECK(contains(due, "<a href=\"/fiches/ecole-ouverte-parents-fives/\">"));
  CHECK(contains(due, "revue prévue le 2020-01-15 <strong>(en retard)</strong>"));
  CHECK(contains(due, "<a href=\"/fiches/familles-cafe-des-parents-roubaix/\">"));
  CHECK(due.find("ecole-ouverte") < due.find("familles-cafe"));  // the earliest first
  CHECK_FALSE(contains(due, "sejour-repit-aidants-msa"));        // due in 2027
}

TEST_CASE("the desk, « Mes contributions » and the API list contributions a page at a time",
          "[server][write][pages][desk][api]") {
  // A whole country's documentation service has thousands of contributions: every one on one page
  // (the desk searched each one's near-duplicates) took 8.8 s for 1,600 of them, the API 1.1 MB for 2,578.
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  const Headers author{{"Authorization", "Bearer " + acc.token("camille@exemple.fr")}};
  const Headers curator{{"Authorization", "Bearer " + acc.token("doc@exemple.fr")}};
  Headers markdown = author;
  markdown.emplace_back("Content-Type", "text/markdown; charset=utf-8");
  Headers json = author;
  json.emplace_back("Content-Type", "application/json");
  constexpr int kCount = 60;
  for (int i = 1; i <= kCount; ++i) {
    const std::string id = "fiche-en-nombre-" + std::to_string(i);
    REQUIRE(
        send(s.port(), "POST", "/api/contributions", markdown, valid_sheet(id, "Fiche en nombre " + std::to_string(i)))
            .status == 201);
    REQUIRE(send(s.port(), "POST", "/api/contributions/" + std::to_string(i) + "/soumettre", json, "{}").status == 200);
  }

  // The API: ?par_page, ?page, `suivante` until null; every contribution once.
  const Reply first = send(s.port(), "GET", "/api/contributions?etat=soumise&par_page=25", curator);
  REQUIRE(first.status == 200);
  CHECK(json_get(first.body, "total") == "60");
  CHECK(json_get(first.body, "page") == "1");
  CHECK(json_get(first.body, "par_page") == "25");
  CHECK(json_get(first.body, "suivante") == "/api/contributions?etat=soumise&par_page=25&page=2");
  std::set<std::string> seen;
  std::string next = "/api/contributions?etat=soumise&par_page=25";
  int pages = 0;
  while (!next.empty() && next != "null" && pages < 10) {
    const Reply r = send(s.port(), "GET", next, curator);
    REQUIRE(r.status == 200);
    for (std::size_t at = r.body.find("{\"id\":"); at != std::string::npos; at = r.body.find("{\"id\":", at + 1))
      seen.insert(r.body.substr(at + 6, r.body.find(',', at) - at - 6));
    next = json_get(r.body, "suivante");
    ++pages;
  }
  CHECK(pages == 3);
  CHECK(seen.size() == kCount);
  // 100 a page unless asked; a page number or size that is not one is refused.
  CHECK(json_get(send(s.port(), "GET", "/api/contributions", curator).body, "par_page") == "100");
  CHECK(json_get(send(s.port(), "GET", "/api/contributions", curator).body, "suivante") == "null");
  for (const char* bad : {"?page=0", "?par_page=0", "?par_page=1001", "?page=deux"}) {
    INFO(bad);
    const Reply r = send(s.port(), "GET", std::string("/api/contributions") + bad, curator);
    CHECK(r.status == 400);
    CHECK(contains(r.body, "attend un nombre entier"));
  }
  const Reply reviews = send(s.port(), "GET", "/api/revues-a-faire?par_page=1", curator);
  CHECK(reviews.status == 200);
  CHECK(json_get(reviews.body, "par_page") == "1");

  // The desk: the queue's count, 50 rows a page, links to the other page.
  Browser doc = logged_in(s, "doc@exemple.fr");
  const Reply desk = doc.get("/gestion/");
  REQUIRE(desk.status == 200);
  CHECK(contains(desk.body, "<h2 id=\"file\">Contributions à relire (60)</h2>"));
  CHECK(contains(desk.body, "<tr><td>Soumise</td><td>60</td></tr>"));
  const auto rows = [](const std::string& page) {
    std::size_t n = 0;
    for (auto at = page.find("<tr><td><a href=\"/contributions/"); at != std::string::npos;
         at = page.find("<tr><td><a href=\"/contributions/", at + 1))
      ++n;
    return n;
  };
  CHECK(rows(desk.body) == 50);
  CHECK(contains(desk.body, "<nav class=\"pages\" aria-label=\"Pages des contributions à relire\">"));
  CHECK(contains(desk.body, "Page 1 sur 2 · <a href=\"/gestion/?page=2#file\" rel=\"next\">Page suivante</a>"));
  const Reply desk2 = doc.get("/gestion/?page=2");
  CHECK(rows(desk2.body) == 10);
  CHECK(contains(desk2.body, "Page 2 sur 2 · <a href=\"/gestion/?page=1#file\" rel=\"prev\">Page précédente</a>"));

  // « Mes contributions »: the author's own, 50 a page.
  Browser camille = logged_in(s, "camille@exemple.fr");
  const Reply mine = camille.get("/contributions/");
  REQUIRE(mine.status == 200);
  CHECK(contains(mine.body, "Vos contributions et leur état (60)"));
  CHECK(rows(mine.body) == 50);
  CHECK(contains(mine.body, "<a href=\"/contributions/?page=2#mine\" rel=\"next\">Page suivante</a>"));
  CHECK(rows(camille.get("/contributions/?page=2").body) == 10);
  // The curator sees them among the others' contributions, paged the same way.
  const Reply others = doc.get("/contributions/?autres=2");
  CHECK(contains(others.body, "Contributions des autres personnes (60)"));
  CHECK(rows(others.body) == 10);
}
