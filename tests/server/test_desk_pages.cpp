// The curators' desk, /gestion/: documentalistes and administrateurs only (403 otherwise); the
// queue of submissions, counts per state, reviews due within 30 days or overdue, the searches of
// the last 30 days (the report of `pratiques rapport recherches`); accounts for administrateurs
// (invite with the activation link shown, change a role, disable), every POST with its CSRF token.
#include <catch2/catch.hpp>

#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

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
  author.get("/contribuer/nouvelle");
  REQUIRE(author
              .post_form("/contribuer/nouvelle", {{"csrf", author.csrf()},
                                                  {"action", "importer"},
                                                  {"markdown", valid_sheet("potager-des-lilas", "Potager des Lilas")}})
              .status == 303);
  author.get("/contributions/1");
  REQUIRE(author.post_form("/contributions/1", {{"csrf", author.csrf()}, {"action", "soumettre"}}).status == 303);
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
