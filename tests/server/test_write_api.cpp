// The write side's JSON API over HTTP: authentication (bearer token, session cookie with its CSRF
// token), the whole workflow to a published, searchable sheet, and what it refuses: 401, 403, 409,
// 412, 413, 415, 422, 428, non-UTF-8 — never a 500 for anything a client sends.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "pratiques/index_writer.h"
#include "pratiques/write/clock.h"
#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

namespace {

struct Api {
  int port;
  std::string token;
  Reply call(const std::string& method, const std::string& target, const std::string& body = "",
             Headers extra = {}) const {
    Headers h{{"Authorization", "Bearer " + token}};
    if (method == "POST" && target == "/api/contributions")
      h.emplace_back("Content-Type", "text/markdown; charset=utf-8");
    if (method == "PUT") h.emplace_back("Content-Type", "text/markdown");
    if (method == "POST" && target != "/api/contributions") h.emplace_back("Content-Type", "application/json");
    for (auto& e : extra) h.push_back(e);
    return send(port, method, target, h, body);
  }
  Reply action(long long id, const std::string& name, const std::string& comment = "") const {
    return call("POST", "/api/contributions/" + std::to_string(id) + "/" + name,
                comment.empty() ? "" : "{\"commentaire\": \"" + comment + "\"}");
  }
};

long long id_of(const Reply& r) { return std::stoll(json_get(r.body, "id")); }

// A new sheet `id` sent, submitted, taken in review and published by `curator`: its contribution.
long long publish_new(const Api& curator, const std::string& id, const std::string& title) {
  const long long n = id_of(curator.call("POST", "/api/contributions", valid_sheet(id, title)));
  REQUIRE(curator.action(n, "soumettre").status == 200);
  REQUIRE(curator.action(n, "prendre").status == 200);
  REQUIRE(curator.action(n, "publier").status == 200);
  return n;
}

// A test server and the accounts of its data directory.
struct ApiServer : TestServer {
  using TestServer::TestServer;
  Accounts accounts{dir() / "var"};
  // The API as a new activated account sees it (`name`: its display name).
  Api as(const std::string& email, Role role, const std::string& name = "") {
    accounts.add(email, role, "une phrase de passe", name);
    return Api{port(), accounts.token(email)};
  }
};

}  // namespace

TEST_CASE("API: the whole path from a contribution to a sheet searchable and online", "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste, "Service documentation");

  const Reply created = author.call("POST", "/api/contributions",
                                    valid_sheet("potager-partage-tilleuls", "Potager partagé des Tilleuls"));
  REQUIRE(created.status == 201);
  const long long id = id_of(created);
  CHECK(created.header("location") == "/api/contributions/" + std::to_string(id));
  CHECK(json_get(created.body, "fiche") == "potager-partage-tilleuls");
  CHECK(json_get(created.body, "etat") == "brouillon");
  CHECK(json_get(created.body, "version") == "1");
  CHECK(json_get(created.body, "diagnostics") == "[]");
  const std::string url = "/api/contributions/" + std::to_string(id);

  CHECK(author.action(id, "soumettre").status == 200);
  CHECK(curator.action(id, "prendre").status == 200);
  CHECK(curator.action(id, "demander-modifications").status == 400);  // a comment is mandatory
  const Reply asked = curator.action(id, "demander-modifications", "Préciser le budget");
  CHECK(json_get(asked.body, "etat") == "modifications-demandees");
  std::string edited = valid_sheet("potager-partage-tilleuls", "Potager partagé des Tilleuls");
  edited.replace(edited.find("3 000 euros par an"), 18, "3 500 euros par an, dont 500 de graines");
  const Reply saved = author.call("PUT", url, edited, {{"If-Match", "1"}});
  REQUIRE(saved.status == 200);
  CHECK(json_get(saved.body, "version") == "2");
  CHECK(saved.header("etag") == "\"2\"");
  CHECK(author.action(id, "soumettre").status == 200);
  CHECK(curator.action(id, "prendre").status == 200);
  const Reply published = curator.action(id, "publier", "Relue, merci");
  REQUIRE(published.status == 200);
  CHECK(json_get(published.body, "etat") == "publiee");
  CHECK(json_get(published.body, "page") == "/fiches/potager-partage-tilleuls/");
  CHECK(json_get(published.body, "publication.avertissements") == "[]");
  // No path of the server's disk in the answer: the file as content/ names it, no index directory.
  CHECK(json_get(published.body, "publication.fichier") == "fiches/potager-partage-tilleuls.md");
  CHECK_FALSE(contains(published.body, s.dir().string()));
  CHECK_FALSE(contains(published.body, "\"generation\""));
  // Searchable and online right after the answer.
  const Reply found = send(s.port(), "GET", "/api/recherche?q=potager+Tilleuls");
  CHECK(contains(found.body, "\"id\":\"potager-partage-tilleuls\""));
  const Reply page = send(s.port(), "GET", "/fiches/potager-partage-tilleuls/");
  CHECK(page.status == 200);
  CHECK(contains(page.body, "Potager partagé des Tilleuls"));
  // The journal comes with the contribution: who, when, from, to, comment.
  const Reply got = author.call("GET", url);
  CHECK(json_get(got.body, "journal.3.action") == "demander-modifications");
  CHECK(json_get(got.body, "journal.3.auteur.nom") == "Service documentation");
  CHECK(json_get(got.body, "journal.3.de") == "en-relecture");
  CHECK(json_get(got.body, "journal.3.vers") == "modifications-demandees");
  CHECK(json_get(got.body, "journal.3.commentaire") == "Préciser le budget");
  CHECK(json_get(got.body, "journal.6.commentaire") == "Relue, merci");
  CHECK(contains(json_get(got.body, "markdown"), "3 500 euros par an"));
  // Versions and their comparison.
  CHECK(contains(author.call("GET", url + "/versions/1").body, "3 000 euros par an"));
  const Reply cmp = author.call("GET", url + "/comparaison?de=1&a=2");
  CHECK(cmp.status == 200);
  CHECK(contains(cmp.body, "\"champs\":[{\"cle\":\"financement\""));
  // Lists: what each may see.
  CHECK(json_get(author.call("GET", "/api/contributions").body, "total") == "1");
  CHECK(json_get(curator.call("GET", "/api/contributions?etat=publiee").body, "total") == "1");
  CHECK(json_get(curator.call("GET", "/api/contributions?etat=soumise").body, "total") == "0");
  CHECK(json_get(curator.call("GET", "/api/contributions?etat=revue-a-faire").body, "total") == "0");
  CHECK(curator.call("GET", "/api/contributions?etat=validee").status == 400);
  // The published file corrected by hand: the contribution says so, publication is refused (409)
  // until it takes the file back, which the page offers too.
  const fs::path file = s.dir() / "content" / "fiches" / "potager-partage-tilleuls.md";
  std::string by_hand = read_file(file);
  by_hand.replace(by_hand.find("3 500 euros par an"), 18, "3 600 euros par an");
  write_file(file, by_hand);
  CHECK(json_get(curator.call("GET", url).body, "fichier_modifie") == "true");
  CHECK(curator.call("PUT", url, edited + "\n", {{"If-Match", "3"}}).status == 200);
  const Reply refused = curator.action(id, "publier");
  CHECK(refused.status == 409);
  CHECK(contains(refused.body, "a changé depuis que cette contribution"));
  const Reply taken = curator.action(id, "reprendre-fichier");
  REQUIRE(taken.status == 200);
  CHECK(json_get(taken.body, "fichier_modifie") == "false");
  CHECK(contains(json_get(taken.body, "markdown"), "3 600 euros par an"));
  CHECK(curator.action(id, "publier").status == 200);
  CHECK(contains(read_file(file), "3 600 euros par an"));
}

TEST_CASE("API: 401, 403, 409, 412, 422, 428 with French messages", "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            other = s.as("autre@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste);

  const Reply anonymous = send(s.port(), "GET", "/api/contributions");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.header("www-authenticate") == "Bearer realm=\"pratiques\"");
  CHECK(contains(json_get(anonymous.body, "erreur"), "Connexion nécessaire"));
  CHECK(Api{s.port(), "jeton-invente"}.call("GET", "/api/contributions").status == 401);

  const long long id = id_of(author.call("POST", "/api/contributions", valid_sheet("fiche-a", "Fiche A")));
  const std::string url = "/api/contributions/" + std::to_string(id);
  const Reply forbidden = other.call("GET", url);
  CHECK(forbidden.status == 403);  // not 404: it exists, it is someone else's
  CHECK(contains(json_get(forbidden.body, "erreur"), "autre personne"));
  CHECK(curator.call("GET", url).status == 403);  // a draft is private
  CHECK(author.action(id, "publier").status == 403);
  CHECK(author.call("GET", "/api/contributions/999").status == 404);
  CHECK(author.call("POST", "/api/contributions/" + std::to_string(id) + "/supprimer").status == 404);

  CHECK(author.action(id, "soumettre").status == 200);
  const Reply conflict = author.action(id, "soumettre");
  CHECK(conflict.status == 409);
  CHECK(contains(json_get(conflict.body, "erreur"), "« Soumise »"));
  CHECK(curator.action(id, "publier").status == 409);
  CHECK(curator.action(id, "prendre").status == 200);

  const std::string v1 = json_get(curator.call("GET", url).body, "markdown");
  CHECK(curator.call("PUT", url, v1).status == 428);
  CHECK(curator.call("PUT", url, v1 + "\nAjout.\n", {{"If-Match", "\"1\""}}).status == 200);
  const Reply stale = curator.call("PUT", url, v1 + "\nAutre ajout.\n", {{"If-Match", "1"}});
  CHECK(stale.status == 412);
  CHECK(json_get(stale.body, "contribution.version") == "2");
  CHECK(contains(json_get(stale.body, "contribution.markdown"), "Ajout."));
  CHECK(contains(json_get(stale.body, "erreur"), "Votre texte est conservé"));

  // A sheet with errors: 422 with the diagnostics of `pratiques check`.
  std::string bad = v1;
  bad.replace(bad.find("thematiques: [alimentation"), 26, "thematiques: [alimentaton");
  CHECK(curator.call("PUT", url, bad, {{"If-Match", "2"}}).status == 200);
  const Reply invalid = curator.action(id, "publier");
  CHECK(invalid.status == 422);
  CHECK(json_get(invalid.body, "diagnostics.0.regle") == "vocabulaire");
  CHECK(json_get(invalid.body, "diagnostics.0.fichier") == "fiches/fiche-a.md");
  CHECK(contains(json_get(invalid.body, "diagnostics.0.message"), "alimentation"));
  CHECK_FALSE(fs::exists(s.dir() / "content" / "fiches" / "fiche-a.md"));
}

TEST_CASE("API: a control character in a sheet is reported at creation and refuses its publication",
          "[server][write][api]") {
  // U+0001 in a title made feed.xml invalid XML once published: `pratiques check`'s rule stops it here.
  ApiServer s;
  const Api curator = s.as("doc@exemple.fr", Role::Documentaliste);
  const std::string expected = "«\u202ftitre\u202f» contient un caractère de contrôle invisible (U+0001)";
  const Reply created =
      curator.call("POST", "/api/contributions", valid_sheet("titre-invisible", "Un titre\x01 avec un caractère"));
  REQUIRE(created.status == 201);
  CHECK(json_get(created.body, "diagnostics.0.regle") == "caractere-controle");
  CHECK(json_get(created.body, "diagnostics.0.ligne") == "3");
  CHECK(contains(json_get(created.body, "diagnostics.0.message"), expected));
  const long long id = id_of(created);
  CHECK(curator.action(id, "soumettre").status == 422);  // not submitted either

  // A valid sheet, in review, whose title gets one: its publication is refused, nothing written.
  const long long valid = id_of(curator.call("POST", "/api/contributions", valid_sheet("fiche-c", "Fiche C")));
  REQUIRE(curator.action(valid, "soumettre").status == 200);
  REQUIRE(curator.action(valid, "prendre").status == 200);
  const std::string url = "/api/contributions/" + std::to_string(valid);
  REQUIRE(curator.call("PUT", url, valid_sheet("fiche-c", "Fiche\x01 C"), {{"If-Match", "1"}}).status == 200);
  const Reply refused = curator.action(valid, "publier", "Relue");
  CHECK(refused.status == 422);
  CHECK(json_get(refused.body, "diagnostics.0.regle") == "caractere-controle");
  CHECK(json_get(refused.body, "diagnostics.0.fichier") == "fiches/fiche-c.md");
  CHECK(contains(json_get(refused.body, "diagnostics.0.message"), expected));
  CHECK_FALSE(fs::exists(s.dir() / "content" / "fiches" / "fiche-c.md"));
}

TEST_CASE("API: a publication the disk refuses answers 503, says nothing was saved, and publishes nothing",
          "[server][write][api]") {
  // A read-only content/ answered 500 « réessayez dans un instant », and the log did not say why.
  // Here the file's temporary name is taken by a directory: the write fails as on a read-only disk.
  ApiServer s;
  const Api curator = s.as("doc@exemple.fr", Role::Documentaliste, "Service documentation");
  const Reply created = curator.call("POST", "/api/contributions", valid_sheet("jardin-refuse", "Jardin refusé"));
  REQUIRE(created.status == 201);
  const long long id = id_of(created);
  REQUIRE(curator.action(id, "soumettre").status == 200);
  REQUIRE(curator.action(id, "prendre").status == 200);
  fs::create_directories(s.dir() / "content" / "fiches" / ".jardin-refuse.md.tmp");
  const Reply refused = curator.action(id, "publier");
  CHECK(refused.status == 503);
  CHECK(contains(refused.body, "rien n’a été enregistré"));
  CHECK_FALSE(contains(refused.body, "réessayez"));
  CHECK_FALSE(fs::exists(s.dir() / "content" / "fiches" / "jardin-refuse.md"));
  CHECK(json_get(curator.call("GET", "/api/contributions/" + std::to_string(id)).body, "etat") == "en-relecture");
  fs::remove(s.dir() / "content" / "fiches" / ".jardin-refuse.md.tmp");
  CHECK(curator.action(id, "publier").status == 200);  // the cause gone, it publishes
}

TEST_CASE("API: bodies are bounded, typed and UTF-8", "[server][write][api]") {
  ApiServer s;
  const Api a = s.as("a@exemple.fr", Role::Contributeur);
  const std::string big(pratiques::write::kMaxSheetBytes + 1, 'a');
  CHECK(a.call("POST", "/api/contributions", big).status == 413);
  const Reply latin1 = a.call("POST", "/api/contributions", "---\nid: x\ntitre: \"caf\xe9\"\n---\n");
  CHECK(latin1.status == 400);
  CHECK(contains(json_get(latin1.body, "erreur"), "UTF-8"));
  CHECK(send(s.port(), "POST", "/api/contributions",
             {{"Authorization", "Bearer " + a.token}, {"Content-Type", "application/json"}}, "{}")
            .status == 415);
  CHECK(send(s.port(), "POST", "/api/contributions",
             {{"Authorization", "Bearer " + a.token}, {"Content-Type", "text/markdown; charset=latin1"}}, "---\n---\n")
            .status == 415);
  const long long id = id_of(a.call("POST", "/api/contributions", valid_sheet("fiche-b", "Fiche B")));
  CHECK(a.call("POST", "/api/contributions/" + std::to_string(id) + "/soumettre", "pas du JSON").status == 400);
  CHECK(a.call("POST", "/api/contributions/" + std::to_string(id) + "/soumettre", "{\"commentaire\": 3}").status ==
        400);
  CHECK(send(s.port(), "DELETE", "/api/contributions/" + std::to_string(id), {{"Authorization", "Bearer " + a.token}})
            .status == 405);
}

TEST_CASE("API with the session cookie: same site and the CSRF token on every write", "[server][write][api][csrf]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("a@exemple.fr", Role::Contributeur);
  Browser b(s.port());
  b.get("/connexion");
  REQUIRE(b.post_form("/connexion",
                      {{"csrf", b.csrf()}, {"courriel", "a@exemple.fr"}, {"mot_de_passe", "une phrase de passe"}})
              .status == 303);
  const Reply me = send(s.port(), "GET", "/api/compte", {{"Cookie", b.cookie()}});
  REQUIRE(me.status == 200);
  CHECK(json_get(me.body, "courriel") == "a@exemple.fr");
  const std::string csrf = json_get(me.body, "csrf");
  const Headers base{{"Cookie", b.cookie()}, {"Content-Type", "text/markdown"}};
  auto post = [&](Headers extra) {
    Headers h = base;
    for (auto& e : extra) h.push_back(e);
    return send(s.port(), "POST", "/api/contributions", h, valid_sheet("fiche-c", "Fiche C"));
  };
  // Refused in the API's words, not a form's ("Le formulaire a expiré").
  const Reply without = post({});
  CHECK(without.status == 403);
  CHECK(without.body.find("X-CSRF-Token absent") != std::string::npos);
  CHECK(without.body.find("formulaire") == std::string::npos);
  const Reply wrong = post({{"X-CSRF-Token", "faux"}});
  CHECK(wrong.status == 403);
  CHECK(wrong.body.find("X-CSRF-Token invalide") != std::string::npos);
  CHECK(post({{"X-CSRF-Token", csrf}, {"Origin", "https://attaquant.example"}}).status == 403);
  CHECK(post({{"X-CSRF-Token", csrf}, {"Sec-Fetch-Site", "cross-site"}}).status == 403);
  CHECK(post({{"X-CSRF-Token", csrf},
              {"Origin", "http://127.0.0.1:" + std::to_string(s.port())},
              {"Sec-Fetch-Site", "same-origin"}})
            .status == 201);
}

TEST_CASE("API: nothing a client sends gets a 500", "[server][write][api][robustness]") {
  ApiServer s;
  const Api a = s.as("doc@exemple.fr", Role::Documentaliste);
  const long long id = id_of(a.call("POST", "/api/contributions", valid_sheet("fiche-d", "Fiche D")));
  std::mt19937 rng(20260921);
  const std::vector<std::string> methods{"GET", "POST", "PUT", "HEAD", "OPTIONS", "PATCH"};
  const std::vector<std::string> paths{"/api/contributions",
                                       "/api/contributions/" + std::to_string(id),
                                       "/api/contributions/0",
                                       "/api/contributions/" + std::to_string(id) + "/publier",
                                       "/api/contributions/-1/prendre",
                                       "/api/contributions/" + std::to_string(id) + "/versions/99999999999",
                                       "/api/contributions/" + std::to_string(id) + "/comparaison?de=1&a=x",
                                       "/api/contributions//",
                                       "/api/compte",
                                       "/connexion",
                                       "/activation?jeton=%00",
                                       "/compte/mot-de-passe"};
  const std::vector<std::string> bodies{"",
                                        "{}",
                                        "{\"commentaire\": null}",
                                        "{\"commentaire\": [1]}",
                                        "---\n",
                                        "---\nid: [\n---\n",
                                        "\xff\xfe\x00\x01",
                                        std::string(3000, '{'),
                                        "---\nid: fiche-d\n---\n## Objectifs\n"};
  const std::vector<std::string> types{"text/markdown", "application/json", "application/x-www-form-urlencoded", "",
                                       "text/markdown; charset=utf-16"};
  for (int i = 0; i < 300; ++i) {
    const std::string m = methods[rng() % methods.size()], p = paths[rng() % paths.size()],
                      body = bodies[rng() % bodies.size()];
    Headers h{{"Authorization", "Bearer " + a.token}, {"If-Match", std::to_string(rng() % 4)}};
    if (const std::string t = types[rng() % types.size()]; !t.empty()) h.emplace_back("Content-Type", t);
    const Reply r = send(s.port(), m, p, h, body);
    INFO(m << " " << p << " [" << body.substr(0, 30) << "]");
    CHECK(r.status >= 200);
    CHECK(r.status < 500);
  }
}

TEST_CASE("API: an archived sheet leaves the search, and its address answers 410 with its replacement",
          "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste);
  const long long id = id_of(author.call("POST", "/api/contributions",
                                         valid_sheet("potager-partage-tilleuls", "Potager partagé des Tilleuls")));
  REQUIRE(author.action(id, "soumettre").status == 200);
  REQUIRE(curator.action(id, "prendre").status == 200);
  REQUIRE(curator.action(id, "publier", "Relue").status == 200);
  REQUIRE(
      contains(send(s.port(), "GET", "/api/recherche?q=potager+Tilleuls").body, "\"id\":\"potager-partage-tilleuls\""));

  const Reply archived =
      curator.call("POST", "/api/contributions/" + std::to_string(id) + "/archiver",
                   R"({"commentaire": "Action arrêtée", "remplacee_par": "familles-cafe-des-parents-roubaix"})");
  REQUIRE(archived.status == 200);
  CHECK(json_get(archived.body, "etat") == "archivee");
  CHECK_FALSE(
      contains(send(s.port(), "GET", "/api/recherche?q=potager+Tilleuls").body, "\"id\":\"potager-partage-tilleuls\""));
  const Reply gone = send(s.port(), "GET", "/fiches/potager-partage-tilleuls/");
  CHECK(gone.status == 410);
  CHECK(contains(gone.body, "href=\"/fiches/familles-cafe-des-parents-roubaix/\""));
  // The JSON API says the same: 410, with the replacement (its id and its page), not 404.
  const Reply api = send(s.port(), "GET", "/api/fiches/potager-partage-tilleuls");
  CHECK(api.status == 410);
  CHECK(contains(api.header("content-type"), "application/json"));
  CHECK(json_get(api.body, "statut") == "410");
  CHECK(json_get(api.body, "id") == "potager-partage-tilleuls");
  CHECK(json_get(api.body, "etat") == "archivee");
  CHECK(json_get(api.body, "remplacee_par") == "familles-cafe-des-parents-roubaix");
  CHECK(json_get(api.body, "remplacee_par_url") == "/fiches/familles-cafe-des-parents-roubaix/");
  CHECK(contains(json_get(api.body, "erreur"), "archivée"));
  CHECK(send(s.port(), "GET", "/api/fiches/potager-partage-tilleuls/similaires").status == 410);
  CHECK(send(s.port(), "GET", "/api/fiches/nexiste-pas").status == 404);
  // Harvesters learn it too: OAI-PMH's GetRecord answers the sheet's header as deleted, with no metadata.
  const Reply record = send(
      s.port(), "GET", "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:potager-partage-tilleuls");
  CHECK(record.status == 200);
  CHECK(contains(record.body, "<header status=\"deleted\">"));
  CHECK(contains(record.body, "<identifier>oai:localhost:potager-partage-tilleuls</identifier>"));
  CHECK_FALSE(contains(record.body, "<metadata>"));
}

// What a contributor's form hides, she could still set by sending a whole sheet to the API (as an
// import could): the curation fields, a documentaliste's to fill.
TEST_CASE("API: a contributor's sheet never sets the curation fields, the answer lists those not taken",
          "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste, "Service documentation");
  // valid_sheet names a curator (« Service documentation de test ») and a status.
  const Reply created = author.call("POST", "/api/contributions", valid_sheet("verger-des-tilleuls", "Verger"));
  REQUIRE(created.status == 201);
  CHECK(contains(created.body, "\"champs_ignores\":[\"Statut\","));
  CHECK(contains(created.body, "\"Curateur\""));
  CHECK_FALSE(contains(json_get(created.body, "markdown"), "Service documentation de test"));
  const std::string url = "/api/contributions/" + std::to_string(id_of(created));
  // A new version: the fields stay the version's, whatever the text says.
  const Reply saved = author.call("PUT", url, valid_sheet("verger-des-tilleuls", "Verger"), {{"If-Match", "1"}});
  REQUIRE(saved.status == 200);
  CHECK(contains(saved.body, "\"Curateur\""));
  CHECK_FALSE(contains(json_get(saved.body, "markdown"), "Service documentation de test"));
  // A documentaliste's sheet keeps them, and nothing is said.
  const Reply by_doc = curator.call("POST", "/api/contributions", valid_sheet("cerisier-des-tilleuls", "Cerisier"));
  REQUIRE(by_doc.status == 201);
  CHECK_FALSE(contains(by_doc.body, "champs_ignores"));
  CHECK(contains(json_get(by_doc.body, "markdown"), "Service documentation de test"));
}

// A client whose connection drops after a POST cannot know whether its sheet was created: with an
// Idempotency-Key, sending it again creates nothing and answers the contribution the first created.
TEST_CASE("API: a POST sent again with its Idempotency-Key creates one contribution", "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            other = s.as("autre@exemple.fr", Role::Contributeur);
  // valid_sheet sets curation fields a contributor's sheet does not keep: the retry is recognised all the same.
  const std::string sheet = valid_sheet("verger-des-tilleuls", "Verger");
  const Reply first = author.call("POST", "/api/contributions", sheet, {{"Idempotency-Key", "\"6f1c-4e2a_b\""}});
  REQUIRE(first.status == 201);
  CHECK(first.header("idempotent-replayed").empty());
  const Reply again = author.call("POST", "/api/contributions", sheet, {{"Idempotency-Key", "6f1c-4e2a_b"}});
  CHECK(again.status == 200);
  CHECK(again.header("idempotent-replayed") == "true");
  CHECK(id_of(again) == id_of(first));
  CHECK(again.header("location") == "/api/contributions/" + std::to_string(id_of(first)));
  CHECK(json_get(author.call("GET", "/api/contributions").body, "total") == "1");
  // The same key with another text is a client's mistake, said as such; nothing is created or changed.
  const Reply changed = author.call("POST", "/api/contributions", valid_sheet("verger-des-tilleuls", "Verger fleuri"),
                                    {{"Idempotency-Key", "6f1c-4e2a_b"}});
  CHECK(changed.status == 422);
  CHECK(contains(json_get(changed.body, "erreur"), "déjà créé la contribution " + std::to_string(id_of(first))));
  CHECK(json_get(author.call("GET", "/api/contributions").body, "total") == "1");
  CHECK(json_get(author.call("GET", "/api/contributions/" + std::to_string(id_of(first))).body, "version") == "1");
  // Keys are each account's own: another contributor's same key creates her own sheet.
  const Reply others = other.call("POST", "/api/contributions", valid_sheet("poirier-des-tilleuls", "Poirier"),
                                  {{"Idempotency-Key", "6f1c-4e2a_b"}});
  CHECK(others.status == 201);
  CHECK(id_of(others) != id_of(first));
  // A malformed key is refused before anything is created.
  const Reply bad = author.call("POST", "/api/contributions", valid_sheet("pommier-des-tilleuls", "Pommier"),
                                {{"Idempotency-Key", "deux mots"}});
  CHECK(bad.status == 400);
  CHECK(contains(json_get(bad.body, "erreur"), "Idempotency-Key"));
  CHECK(json_get(author.call("GET", "/api/contributions").body, "total") == "1");
}

// « Authorization: bearer <jeton> » answered « Jeton d'accès invalide ou révoqué » with a valid token,
// and so did a header of another scheme or with no token: people regenerated tokens that worked.
TEST_CASE("API: the Authorization scheme is case-insensitive, a malformed header says what is wrong",
          "[server][write][api]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("auteur@exemple.fr", Role::Contributeur);
  const std::string token = acc.token("auteur@exemple.fr");
  auto with = [&](const std::string& value) {
    return send(s.port(), "GET", "/api/contributions", {{"Authorization", value}});
  };
  for (const std::string scheme : {"Bearer ", "bearer ", "BEARER ", "bEaReR  ", "Bearer\t"}) {
    INFO(scheme);
    CHECK(with(scheme + token).status == 200);
  }
  const Reply basic = with("Basic dXNlcjpwYXNz");
  CHECK(basic.status == 401);
  CHECK(contains(json_get(basic.body, "erreur"), "schéma « Basic » non accepté"));
  CHECK_FALSE(contains(json_get(basic.body, "erreur"), "révoqué"));
  const Reply bare = with(token);  // the token alone, no scheme
  CHECK(bare.status == 401);
  CHECK(contains(json_get(bare.body, "erreur"), "mal formé"));
  const Reply empty = with("Bearer");
  CHECK(empty.status == 401);
  CHECK(contains(json_get(empty.body, "erreur"), "aucun jeton après « Bearer »"));
  const Reply quoted = with("Bearer \"" + token + "\"");
  CHECK(quoted.status == 401);
  CHECK(contains(json_get(quoted.body, "erreur"), "le jeton contient"));
  const Reply unknown = with("bearer jeton-invente");
  CHECK(unknown.status == 401);
  CHECK(contains(json_get(unknown.body, "erreur"), "invalide ou révoqué"));
  CHECK(unknown.header("www-authenticate") == "Bearer realm=\"pratiques\"");
}

// The 412 said « …la version actuelle est la 2, 6 décembre 2026 à 16 h 26). Votre texte est conservé
// (copie n° 2) » — a parenthesis never opened, the number of a row of the whole database (the first
// copy of that contribution) — and no route gave the kept text back.
TEST_CASE("API: a stale save's 412 names the copy kept, numbered per contribution, and GET copies returns it",
          "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            other = s.as("autre@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste, "Service documentation");
  // A first conflict on another contribution: the copies' numbers are each contribution's own.
  const long long first = id_of(curator.call("POST", "/api/contributions", valid_sheet("fiche-premiere", "Première")));
  const std::string first_url = "/api/contributions/" + std::to_string(first);
  const std::string v1 = valid_sheet("fiche-premiere", "Première");
  REQUIRE(curator.call("PUT", first_url, v1 + "\nA.\n", {{"If-Match", "1"}}).status == 200);
  REQUIRE(curator.call("PUT", first_url, v1 + "\nB.\n", {{"If-Match", "1"}}).status == 412);

  const long long id = id_of(author.call("POST", "/api/contributions", valid_sheet("fiche-conflit", "Conflit")));
  const std::string url = "/api/contributions/" + std::to_string(id);
  REQUIRE(author.action(id, "soumettre").status == 200);
  REQUIRE(curator.action(id, "prendre").status == 200);
  const std::string text = json_get(curator.call("GET", url).body, "markdown");
  CHECK(json_get(curator.call("GET", url).body, "copies_conservees") == "0");
  REQUIRE(curator.call("PUT", url, text + "\nAjout.\n", {{"If-Match", "1"}}).status == 200);
  const std::string refused_text = text + "\nAutre ajout.\n";
  const Reply stale = curator.call("PUT", url, refused_text, {{"If-Match", "1"}});
  REQUIRE(stale.status == 412);
  const std::string message = json_get(stale.body, "erreur");
  INFO(message);
  CHECK(std::count(message.begin(), message.end(), '(') == std::count(message.begin(), message.end(), ')'));
  CHECK(contains(message, "la version actuelle est la 2 ("));
  CHECK(contains(message, "copie n° 1 de cette contribution"));
  CHECK(json_get(stale.body, "copie.numero") == "1");
  CHECK(json_get(stale.body, "copie.url") == url + "/copies/1");
  CHECK(json_get(stale.body, "contribution.copies_conservees") == "1");

  // The kept copies: who, when, on which version, the text; to whoever may see the contribution.
  const Reply copies = curator.call("GET", url + "/copies");
  REQUIRE(copies.status == 200);
  CHECK(json_get(copies.body, "total") == "1");
  CHECK(json_get(copies.body, "copies.0.numero") == "1");
  CHECK(json_get(copies.body, "copies.0.auteur.nom") == "Service documentation");
  CHECK(json_get(copies.body, "copies.0.version_de_base") == "1");
  CHECK_FALSE(json_get(copies.body, "copies.0.date").empty());
  CHECK(json_get(copies.body, "copies.0.markdown") == refused_text);
  const Reply one = author.call("GET", url + "/copies/1");  // the author sees her contribution's copies
  CHECK(one.status == 200);
  CHECK(json_get(one.body, "markdown") == refused_text);
  CHECK(author.call("GET", url + "/copies/2").status == 404);
  CHECK(other.call("GET", url + "/copies").status == 403);
  CHECK(json_get(curator.call("GET", first_url + "/copies").body, "copies.0.numero") == "1");
}

// A contributor PUT her published sheet unchanged: version 3, « brouillon ». The documentaliste then
// got 403 « le brouillon d'une autre personne » on it, 409 « Modifiez-la plutôt » on a new
// contribution, and could not archive the sheet still online.
TEST_CASE(
    "API: an unchanged save changes nothing, a revision draft of a published sheet stays the curators' to see "
    "and archive",
    "[server][write][api]") {
  ApiServer s;
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            other = s.as("autre@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste);
  const long long id =
      id_of(author.call("POST", "/api/contributions", valid_sheet("verger-partage", "Verger partagé")));
  const std::string url = "/api/contributions/" + std::to_string(id);
  REQUIRE(author.action(id, "soumettre").status == 200);
  REQUIRE(curator.action(id, "prendre").status == 200);
  const Reply published = curator.action(id, "publier");
  REQUIRE(published.status == 200);
  const std::string version = json_get(published.body, "version");
  const std::string journal = json_get(published.body, "journal");

  // (a) The same text again: 200, nothing saved, nothing changed.
  const Reply got = author.call("GET", url);
  const Reply same = author.call("PUT", url, json_get(got.body, "markdown"), {{"If-Match", version}});
  REQUIRE(same.status == 200);
  CHECK(json_get(same.body, "inchangee") == "true");
  CHECK(json_get(same.body, "etat") == "publiee");
  CHECK(json_get(same.body, "version") == version);
  CHECK(json_get(same.body, "journal") == journal);

  // (b) A real revision by its author: a draft, which the curators still see and may archive.
  const std::string revised = replaced(json_get(got.body, "markdown"), "3 000 euros par an", "3 100 euros par an");
  const Reply revision = author.call("PUT", url, revised, {{"If-Match", version}});
  REQUIRE(revision.status == 200);
  CHECK(json_get(revision.body, "inchangee") == "false");
  CHECK(json_get(revision.body, "etat") == "brouillon");
  const std::string draft_version = json_get(revision.body, "version");
  const Reply seen = curator.call("GET", url);
  CHECK(seen.status == 200);
  CHECK(json_get(seen.body, "page") == "/fiches/verger-partage/");  // still online
  CHECK(json_get(curator.call("GET", "/api/contributions").body, "contributions.0.id") == std::to_string(id));
  CHECK(curator.call("GET", url + "/versions/1").status == 200);
  CHECK(other.call("GET", url).status == 403);  // another contributor: never
  // Not hers to edit while its author writes it (409, saying why); nor to duplicate.
  const Reply edit = curator.call("PUT", url, revised + "\nAjout.\n", {{"If-Match", draft_version}});
  CHECK(edit.status == 409);
  CHECK(contains(json_get(edit.body, "erreur"), "son auteur rédige une révision"));
  const Reply duplicate = curator.call("POST", "/api/contributions", revised);
  CHECK(duplicate.status == 409);
  CHECK(contains(json_get(duplicate.body, "erreur"), "Son auteur en rédige une révision"));
  CHECK_FALSE(contains(json_get(duplicate.body, "erreur"), "Modifiez-la plutôt"));
  // Archiving archives the published version; the revision stays in the versions.
  const Reply archived = curator.call("POST", url + "/archiver", R"({"commentaire": "Action arrêtée"})");
  REQUIRE(archived.status == 200);
  CHECK(json_get(archived.body, "etat") == "archivee");
  const std::string file = read_file(s.dir() / "content" / "fiches" / "verger-partage.md");
  CHECK(contains(file, "  statut: archivee\n"));
  CHECK(contains(file, "3 000 euros par an"));
  CHECK(contains(curator.call("GET", url + "/versions/" + draft_version).body, "3 100 euros par an"));
  CHECK(send(s.port(), "GET", "/fiches/verger-partage/").status == 410);
}

// Republishing a sheet unchanged is its review: a save of the same text no longer opens one, the
// curator takes it in review (prendre) instead.
TEST_CASE("API: a curator takes a published sheet in review unchanged and republishes it", "[server][write][api]") {
  ApiServer s;
  const Api curator = s.as("doc@exemple.fr", Role::Documentaliste);
  const long long id = publish_new(curator, "verger-revu", "Verger revu");
  const Reply taken = curator.action(id, "prendre");
  REQUIRE(taken.status == 200);
  CHECK(json_get(taken.body, "etat") == "en-relecture");
  CHECK(json_get(curator.action(id, "publier").body, "etat") == "publiee");
}

// ?etat=revue-a-faire lists contributions only: the sheets written by hand in content/ (the whole
// initial collection), which the desk's « Revues à faire » lists, no API client could get.
TEST_CASE("API: GET /api/revues-a-faire is the desk's list, hand-written sheets included, due today too",
          "[server][write][api]") {
  ApiServer s;
  const std::time_t now = std::time(nullptr);
  const std::string today = pratiques::write::iso_date(now);
  set_next_review(s, "ecole-ouverte-parents-fives", "2020-01-15");
  set_next_review(s, "familles-cafe-des-parents-roubaix", today);
  set_next_review(s, "sejour-repit-aidants-msa", pratiques::write::iso_date(now + 10 * 86400));
  pratiques::IndexOptions o;
  o.content = (s.dir() / "content").string();
  o.schemas = schemas().string();
  o.out = s.index();
  REQUIRE(pratiques::build_index(o).published);
  const Api author = s.as("auteur@exemple.fr", Role::Contributeur),
            curator = s.as("doc@exemple.fr", Role::Documentaliste);
  // A contribution for one of them: the list names it.
  const std::string sheet = read_file(s.dir() / "content" / "fiches" / "familles-cafe-des-parents-roubaix.md");
  const long long id = id_of(curator.call("POST", "/api/contributions", sheet));

  const Reply due = curator.call("GET", "/api/revues-a-faire");
  REQUIRE(due.status == 200);
  CHECK(json_get(due.body, "jusqu_au") == pratiques::write::iso_date(now + 30 * 86400));
  CHECK(json_get(due.body, "total") == "3");
  CHECK(json_get(due.body, "fiches.0.fiche") == "ecole-ouverte-parents-fives");  // the earliest first
  CHECK(json_get(due.body, "fiches.0.prochaine_revue") == "2020-01-15");
  CHECK(json_get(due.body, "fiches.0.revue_a_faire") == "true");
  CHECK(json_get(due.body, "fiches.0.en_retard") == "true");
  CHECK(json_get(due.body, "fiches.0.page") == "/fiches/ecole-ouverte-parents-fives/");
  CHECK(json_get(due.body, "fiches.0.contribution") == "null");  // written by hand
  CHECK(json_get(due.body, "fiches.1.fiche") == "familles-cafe-des-parents-roubaix");
  CHECK(json_get(due.body, "fiches.1.revue_a_faire") == "true");  // due today
  CHECK(json_get(due.body, "fiches.1.en_retard") == "false");
  CHECK(json_get(due.body, "fiches.1.contribution") == "/api/contributions/" + std::to_string(id));
  CHECK(json_get(due.body, "fiches.2.fiche") == "sejour-repit-aidants-msa");
  CHECK(json_get(due.body, "fiches.2.revue_a_faire") == "false");  // within 30 days, not yet
  // The desk shows the same sheets.
  Browser b(s.port());
  b.get("/connexion");
  REQUIRE(b.post_form("/connexion",
                      {{"csrf", b.csrf()}, {"courriel", "doc@exemple.fr"}, {"mot_de_passe", "une phrase de passe"}})
              .status == 303);
  const std::string desk = b.get("/gestion/").body;
  for (const std::string sheet_id :
       {"ecole-ouverte-parents-fives", "familles-cafe-des-parents-roubaix", "sejour-repit-aidants-msa"}) {
    INFO(sheet_id);
    CHECK(contains(desk, "<a href=\"/fiches/" + sheet_id + "/\">"));
  }
  // Curators only; read only.
  const Reply refused = author.call("GET", "/api/revues-a-faire");
  CHECK(refused.status == 403);
  CHECK(contains(json_get(refused.body, "erreur"), "réservées aux documentalistes"));
  CHECK(curator.call("POST", "/api/revues-a-faire").status == 405);
}

// `serve --proches N`: the pages a publication writes list N related practices, as `build
// --proches N` does; they listed 5 whatever the site had been built with.
TEST_CASE("API: the page a publication writes lists as many related practices as serve --proches says",
          "[server][write][api]") {
  for (const int similar : {5, 0}) {
    INFO("--proches " << similar);
    pratiques::server::ServerOptions o;
    o.pages.similar = similar;
    ApiServer s(o);
    publish_new(s.as("doc@exemple.fr", Role::Documentaliste), "verger-proche", "Verger proche");
    const std::string page = read_file(s.dir() / "public" / "fiches" / "verger-proche" / "index.html");
    CHECK(contains(page, "<h2 id=\"pratiques-proches\">") == (similar > 0));
  }
}

// `serve --fiches-par-page N`: the list pages a publication rewrites in the background have N
// sheets a page, as `build --fiches-par-page N` wrote them.
TEST_CASE("API: the list pages a publication rewrites have as many sheets a page as serve --fiches-par-page says",
          "[server][write][api]") {
  for (const std::size_t per_page : {std::size_t{100}, std::size_t{1}}) {
    INFO("--fiches-par-page " << per_page);
    pratiques::server::ServerOptions o;
    o.pages.list_page_sheets = per_page;
    ApiServer s(o);
    const Api curator = s.as("doc@exemple.fr", Role::Documentaliste);
    publish_new(curator, "verger-liste-a", "Verger en liste A");
    publish_new(curator, "verger-liste-b", "Verger en liste B");
    // Both sheets are of the theme « alimentation »: its list, on one page or on several.
    const auto list = s.dir() / "public" / "thematiques" / "alimentation";
    const auto listed = [&](const std::string& id) {
      for (std::size_t n = 1; n <= 3; ++n) {
        const auto page = n == 1 ? list / "index.html" : list / ("page-" + std::to_string(n)) / "index.html";
        if (std::filesystem::exists(page) && contains(read_file(page), "/fiches/" + id + "/")) return true;
      }
      return false;
    };
    REQUIRE(wait_until([&] { return listed("verger-liste-a") && listed("verger-liste-b"); }));
    CHECK(std::filesystem::exists(list / "page-2" / "index.html") == (per_page == 1));
  }
}
