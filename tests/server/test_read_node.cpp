// A read node (docs/repliques.md, `pratiques serve --primaire URL`): every route of the write side
// answers 503 and sends to the primary; nothing is written, not even a login. The node found from
// its index (followed by `pratiques replique`) is tested end to end in test_replica.cpp.
#include <catch2/catch.hpp>

#include <regex>

#include "pratiques/server/write_routes.h"
#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

TEST_CASE("a read node answers 503 to logins, forms and the write API, links to the primary, and publishes nothing",
          "[server][replica][write]") {
  pratiques::server::ServerOptions o;
  o.primary_url = "https://primaire.example.org";
  TestServer s(o);
  Accounts acc(s.dir() / "var");
  acc.add("admin@exemple.fr", Role::Administrateur);
  const std::string generation = s.get("/api/etat").header("x-pratiques-generation");
  const std::string sheets = json_get(s.get("/api/etat").body, "fiches");
  const std::string node_says =
      "Ce serveur est un nœud de lecture : contribuer, se connecter et publier se font sur "
      "le serveur principal";

  // The API: a valid administrator's token, a valid sheet; 503 in JSON, with the primary's address.
  const Reply created = send(
      s.port(), "POST", "/api/contributions",
      {{"Authorization", "Bearer " + acc.token("admin@exemple.fr")}, {"Content-Type", "text/markdown; charset=utf-8"}},
      valid_sheet("potager-du-noeud", "Potager du nœud"));
  CHECK(created.status == 503);
  CHECK(contains(json_get(created.body, "erreur"), node_says));
  CHECK(json_get(created.body, "primaire") == "https://primaire.example.org/api/contributions");
  CHECK(send(s.port(), "POST", "/api/contributions/1/publier", {{"Authorization", "Bearer x"}}).status == 503);
  CHECK(s.get("/api/compte").status == 503);

  // The pages: the login form and every form of the write side, read or sent.
  for (const std::string path :
       {"/connexion", "/activation", "/deconnexion", "/compte", "/compte/mot-de-passe", "/gestion",
        "/contribuer/nouvelle", "/parcours/nouveau", "/parcours/ajouter", "/fiches/potager-partage/parcours",
        "/contributions", "/contributions/1", "/contributions/1/modifier"}) {
    INFO(path);
    const Reply r = s.get(path);
    CHECK(r.status == 503);
    CHECK(contains(r.body, node_says));
    CHECK(contains(r.body, "href=\"https://primaire.example.org" + path + "\""));
  }
  // Valid credentials are not called wrong: the login is refused as a whole.
  Browser b(s.port());
  const Reply login =
      b.post_form("/connexion", {{"courriel", "admin@exemple.fr"}, {"mot_de_passe", "une phrase de passe"}});
  CHECK(login.status == 503);
  CHECK_FALSE(contains(login.body, "incorrect"));
  CHECK(set_cookie_value(login).empty());

  // Nothing was published, nothing written in the content; reading still works.
  CHECK(s.get("/api/etat").header("x-pratiques-generation") == generation);
  CHECK(json_get(s.get("/api/etat").body, "fiches") == sheets);
  CHECK_FALSE(fs::exists(s.dir() / "content" / "fiches" / "potager-du-noeud.md"));
  CHECK(s.get("/api/recherche?q=potager").status == 200);
}

TEST_CASE("the nginx configuration of docs/repliques.md sends every write route to the primary, and only those",
          "[server][replica][docs]") {
  // The regex of its « location ~ » (PCRE for nginx; written so that ECMAScript reads it the same).
  const std::string doc = read_file(source_dir() / "docs" / "repliques.md");
  const std::string marker = "location ~ ";
  const std::size_t at = doc.find(marker);
  REQUIRE(at != std::string::npos);
  const std::size_t from = at + marker.size();
  const std::string pattern = doc.substr(from, doc.find(" {", from) - from);
  INFO("regex: " << pattern);
  const std::regex to_primary(pattern);
  // Every route of the router's table, its holes filled.
  const std::vector<std::pair<std::string, std::string>> holes = {
      {"{id}", "potager-partage"}, {"{n}", "12"}, {"{…}", "12/publier"}};
  for (const std::string_view route : pratiques::server::write_route_patterns()) {
    std::string path(route);
    for (const auto& [hole, value] : holes)
      if (const auto h = path.find(hole); h != std::string::npos) path.replace(h, hole.size(), value);
    INFO(path);
    REQUIRE(pratiques::server::matches_route(route, path));
    CHECK(std::regex_search(path, to_primary));
  }
  // Reading stays on the nodes: the regex is anchored at both ends.
  for (const std::string path : {"/", "/recherche", "/api/recherche", "/api/etat", "/fiches/potager-partage/",
                                 "/comptes-rendus/", "/contributions-locales/", "/gestionnaires/", "/parcours/",
                                 "/parcours/atelier-cuisine/", "/contribuer/", "/fiches/parcours-emploi/"}) {
    INFO(path);
    CHECK_FALSE(std::regex_search(path, to_primary));
  }
}
