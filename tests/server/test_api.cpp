// The JSON API: /api/recherche (the library's object), /api/fiches/<id>, /similaires,
// /api/suggestions (fast), /opensearch.xml, /api/etat.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "pratiques/search.h"
#include "pratiques/sheet_history.h"
#include "server_fixture.h"

using testing::json_get;
using testing::shared_server;

namespace {

std::vector<std::string> keys_of(const std::string& json, const std::string& path = "") {
  Poco::JSON::Parser p(new Poco::JSON::ParseHandler(true));
  Poco::Dynamic::Var v = p.parse(path.empty() ? json : json_get(json, path));
  std::vector<std::string> out;
  v.extract<Poco::JSON::Object::Ptr>()->getNames(out);
  return out;
}

}  // namespace

TEST_CASE("/api/recherche returns the search library's JSON, same keys as `pratiques search --json`", "[server][api]") {
  auto& s = shared_server();
  const auto r = s.get("/api/recherche?q=parents&departement=59&tri=titre&par_page=2&page=2&inconnu=1");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  CHECK(r.header("access-control-allow-origin") == "*");
  pratiques::Searcher searcher(s.index());
  pratiques::SearchRequest req;
  req.query = "parents";
  req.filters = {{"departement", "59"}};
  req.sort = pratiques::Sort::Title;
  req.per_page = 2;
  req.page = 2;
  CHECK(r.body == pratiques::to_json(searcher.search(req)));
  // And the command line prints the same object.
  const auto cli = testing::run({testing::cli(), "search", "--index", s.index(), "--json", "--filtre", "departement=59",
                                 "--tri", "titre", "--par-page", "2", "--page", "2", "parents"});
  REQUIRE(cli.status == 0);
  CHECK(keys_of(cli.out) == keys_of(r.body));
  CHECK(cli.out == r.body + "\n");
}

TEST_CASE("/api/fiches/<id>: metadata and sections in Markdown", "[server][api]") {
  auto& s = shared_server();
  const auto r = s.get("/api/fiches/sejour-repit-aidants-msa");
  REQUIRE(r.status == 200);
  CHECK(json_get(r.body, "id") == "sejour-repit-aidants-msa");
  CHECK(json_get(r.body, "titre") == "Séjour de répit pour les aidants familiaux organisé par la MSA");
  CHECK(json_get(r.body, "url") == "/fiches/sejour-repit-aidants-msa/");
  CHECK(json_get(r.body, "metadonnees.porteur.nom") == "Association des aidants du Périgord");
  CHECK(json_get(r.body, "metadonnees.territoire.departement") == "24");
  const std::string themes = json_get(r.body, "facettes.thematiques");
  CHECK(themes.find("\"valeur\":\"aidants\"") != std::string::npos);
  CHECK(themes.find("\"libelle\":\"Vieillissement et personnes âgées\"") != std::string::npos);
  CHECK(json_get(r.body, "sections.0.titre") == "Genèse et contexte");
  CHECK(json_get(r.body, "sections.0.cle") == "genese_contexte");
  CHECK(json_get(r.body, "sections.0.markdown").find("épuisement des aidants") != std::string::npos);
  CHECK(json_get(r.body, "sections.3.non_documentee") == "true");
  CHECK(json_get(r.body, "similaires") == "/api/fiches/sejour-repit-aidants-msa/similaires");
  const auto missing = s.get("/api/fiches/nexiste-pas");
  CHECK(missing.status == 404);
  CHECK(json_get(missing.body, "erreur") == "Aucune fiche « nexiste-pas ».");
  CHECK(s.get("/api/fiches/%3Cscript%3E").status == 404);
  CHECK(s.get("/api/fiches/../../etc/passwd").status == 404);
}

TEST_CASE("/api/fiches/<id>/similaires: related practices with the keys of the results", "[server][api]") {
  auto& s = shared_server();
  const auto r = s.get("/api/fiches/dependance-vieillissement-voisinage-rural/similaires?nombre=3");
  REQUIRE(r.status == 200);
  CHECK(json_get(r.body, "id") == "dependance-vieillissement-voisinage-rural");
  const std::string first = json_get(r.body, "similaires.0");
  REQUIRE(first != "null");
  const auto search = s.get("/api/recherche?q=aidants");
  CHECK(keys_of(first) == keys_of(search.body, "resultats.0"));
  CHECK(json_get(r.body, "similaires.0.id") != "dependance-vieillissement-voisinage-rural");
  CHECK(json_get(r.body, "similaires.3") == "null");  // at most 3
  CHECK(s.get("/api/fiches/nexiste-pas/similaires").status == 404);
}

TEST_CASE("/api/suggestions: titles, vocabulary labels, acronyms, accent-insensitive", "[server][api][suggest]") {
  auto& s = shared_server();
  auto labels = [&](const std::string& q) {
    const auto r = s.get("/api/suggestions?q=" + q);
    REQUIRE(r.status == 200);
    std::vector<std::string> out;
    for (int i = 0;; ++i) {
      const std::string l = json_get(r.body, "suggestions." + std::to_string(i) + ".libelle");
      if (l.empty() || l == "null") break;
      out.push_back(l);
    }
    return out;
  };
  auto contains = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  CHECK(contains(labels("ecole"), "École ouverte aux parents du quartier de Fives"));  // title, without accent
  CHECK(labels("%C3%89COLE") == labels("ecole"));                                      // "ÉCOLE"
  CHECK(contains(labels("vieill"), "Vieillissement et personnes âgées"));              // vocabulary label
  CHECK(contains(labels("sejour"), "Séjour de répit pour les aidants familiaux organisé par la MSA"));
  CHECK(contains(labels("rep"), "Séjour de répit pour les aidants familiaux organisé par la MSA"));  // a word inside
  CHECK(contains(labels("ms"), "MSA"));                                                              // acronym
  CHECK(labels("").empty());
  // A leading elision is left out, with ' or ’ (« l'école », « d’aid »): the lists were empty.
  CHECK(labels("l%27%C3%A9co") == labels("eco"));
  CHECK_FALSE(labels("d%E2%80%99aid").empty());
  CHECK(labels("d%E2%80%99aid") == labels("aid"));
  const auto r = s.get("/api/suggestions?q=aid");
  CHECK(json_get(r.body, "suggestions.0.type") != "");
  CHECK(json_get(r.body, "suggestions.0.url").rfind("/", 0) == 0);
  const auto os = s.get("/api/suggestions?format=opensearch&q=vieil");
  CHECK(os.header("content-type") == "application/x-suggestions+json; charset=utf-8");
  CHECK(os.body.rfind("[\"vieil\",[", 0) == 0);
  CHECK(s.get("/api/suggestions?q=" + std::string(1001, 'a')).status == 400);

  // The server reports its own time (Server-Timing); how fast completion is belongs to bench/http.
  CHECK(r.header("server-timing").rfind("suggestions;dur=", 0) == 0);
}

TEST_CASE("/api/suggestions: a synonym typed leads to its vocabulary value, acronym or ring",
          "[server][api][suggest]") {
  // « seni », « solit » and « capacity » offered nothing related (nor « ado » in content/, but a
  // sheet « adossé »): completion knew the labels, not the synonyms that search expands.
  auto& s = shared_server();
  auto found = [&](const std::string& q) {
    const auto r = s.get("/api/suggestions?q=" + q);
    REQUIRE(r.status == 200);
    std::vector<std::string> out;  // "label | kind | detail"
    for (int i = 0;; ++i) {
      const std::string at = "suggestions." + std::to_string(i) + ".";
      const std::string l = json_get(r.body, at + "libelle");
      if (l.empty() || l == "null") break;
      out.push_back(l + " | " + json_get(r.body, at + "type") + " | " + json_get(r.body, at + "detail"));
    }
    return out;
  };
  CHECK(found("seni").at(0) == "personnes âgées | recherche | « seniors »");
  CHECK(found("personnes%20%C3%A2g").at(0) != "personnes âgées | recherche | « seniors »");  // its own name
  CHECK(found("solit").at(0) == "Isolement et lien social | thematiques | « solitude »");
  CHECK(found("capacity").at(0) == "pouvoir d'agir | recherche | « capacity building »");
  CHECK(found("casew").at(0) == "case work | recherche | « casework »");
  CHECK(found("mutualit%C3%A9%20soc").at(0) == "MSA | sigle | Mutualité sociale agricole");
  // One line for a value, however many of its synonyms begin so: « personnes » names many.
  const auto persons = found("personnes%20isol");
  CHECK(std::count_if(persons.begin(), persons.end(),
                      [](const std::string& x) { return x.starts_with("Personnes isolées | publics"); }) == 1);
  // An acronym or a ring that no sheet mentions led to « Aucune pratique » (49 of the 183 acronyms
  // of content/: EHPAD, CPOM, TISF…).
  for (const char* q : {"EHPAD", "CPOM", "TISF"}) {
    INFO(q);
    CHECK(s.get(std::string("/api/recherche?q=") + q).body.find("\"total\":0") != std::string::npos);
    CHECK(found(q).empty());
  }
  // The search that a ring's suggestion leads to finds what the synonym typed finds.
  CHECK(json_get(s.get("/api/recherche?q=personnes%20%C3%A2g%C3%A9es").body, "total") ==
        json_get(s.get("/api/recherche?q=seniors").body, "total"));
}

TEST_CASE("/opensearch.xml describes the search for browsers", "[server][api]") {
  auto& s = shared_server();
  const auto r = s.get("/opensearch.xml");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/opensearchdescription+xml; charset=utf-8");
  CHECK(r.body.find("<ShortName>Pratiques</ShortName>") != std::string::npos);
  const std::string local = "http://localhost:" + std::to_string(s.port());
  CHECK(r.body.find("template=\"" + local + "/recherche?q={searchTerms}\"") != std::string::npos);
  CHECK(r.body.find("application/x-suggestions+json") != std::string::npos);
}

TEST_CASE("the Host header is never reflected into links: --url gives the public origin", "[server][api][bounds]") {
  auto& s = shared_server();
  const std::string local = "http://localhost:" + std::to_string(s.port());
  for (const char* host : {"pratiques.example.org", "evil.example:80", "a\"><script>"}) {
    INFO(host);
    const auto os = s.get("/opensearch.xml", {{"Host", host}});
    CHECK(os.body.find(host) == std::string::npos);
    CHECK(os.body.find(local + "/recherche") != std::string::npos);
    const auto page = s.get("/recherche?q=parentalite", {{"Host", host}});
    CHECK(page.body.find(host) == std::string::npos);
  }
  pratiques::server::ServerOptions o;
  o.public_url = "https://pratiques.example.org";
  testing::TestServer proxied(o, false);
  const auto os = proxied.get("/opensearch.xml", {{"Host", "evil.example"}});
  CHECK(os.body.find("template=\"https://pratiques.example.org/recherche?q={searchTerms}\"") != std::string::npos);
  CHECK(os.body.find("evil.example") == std::string::npos);
}

TEST_CASE("/api/etat tells which generation is served", "[server][api]") {
  const auto r = shared_server().get("/api/etat");
  REQUIRE(r.status == 200);
  CHECK(json_get(r.body, "fiches") == "8");
  CHECK(json_get(r.body, "generation") == "000001.1");
  CHECK(r.header("x-pratiques-generation") == "000001.1");
  CHECK(json_get(r.body, "role") == "primaire");  // a read node says "replique" (test_replica.cpp)
  // When the index was published and loaded here, in UTC; a read node's delay (test_replica.cpp).
  const std::string published = json_get(r.body, "publiee_le"), loaded = json_get(r.body, "chargee_le");
  CHECK(pratiques::parse_utc_datestamp(published).has_value());
  CHECK(pratiques::parse_utc_datestamp(loaded).has_value());
  CHECK(loaded >= published);
  CHECK(std::stoll(json_get(r.body, "delai_chargement_s")) >= 0);
}

TEST_CASE("repeated searches are answered from the cache, per index generation", "[server][api][cache]") {
  auto& s = shared_server();
  const std::string target = "/api/recherche?q=tricot&tri=date&cache-test=1";
  const auto first = s.get(target);
  const auto second = s.get(target);
  REQUIRE(first.status == 200);
  CHECK(second.body == first.body);
  CHECK(second.header("server-timing").find("cache;dur=") == 0);
  // The page and the API share the search.
  CHECK(s.get("/recherche?q=tricot&tri=date").header("server-timing").find("cache;dur=") == 0);
  // Another page of the same query is another search.
  CHECK(s.get("/api/recherche?q=tricot&tri=date&page=2").header("server-timing").find("recherche;dur=") == 0);
  CHECK(testing::json_get(s.get("/api/etat").body, "cache_succes") != "0");
}
