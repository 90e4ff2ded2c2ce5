// The search log (server database, no IP, no cookie) and `pratiques rapport recherches`.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pratiques/catalog.h"
#include "pratiques/server/search_log.h"
#include "server_fixture.h"

using namespace pratiques;

TEST_CASE("a query that few sheets hold whole is not one that finds everything", "[server][log]") {
  testing::TestServer s({}, false);
  // "social" is in every sheet of the fixture, "potager" in two: the two come first, the six others
  // follow holding "social" alone (8 results, 2 complete).
  REQUIRE(s.get("/recherche?q=social+potager").status == 200);
  REQUIRE(s.get("/recherche?q=social").status == 200);
  s.server().stop();  // writes the queue
  Catalog db((s.dir() / "var" / "pratiques.sqlite").string(), false, server::server_schema());
  const server::Report r = server::search_report(db, server::ReportOptions{});
  REQUIRE(r.everything_queries.size() == 1);
  CHECK(r.everything_queries[0].query == "social");
  CHECK(r.everything == 1);
}

TEST_CASE("every search is logged without anything identifying, and the report reads it", "[server][log]") {
  testing::TestServer s({}, false);
  REQUIRE(s.get("/recherche?q=Potager").status == 200);
  REQUIRE(s.get("/recherche?q=potager&page=2").status == 200);  // the same search, further: not counted again
  REQUIRE(s.get("/api/recherche?q=potager", {{"X-Forwarded-For", "203.0.113.9"}, {"Cookie", "id=42"}}).status == 200);
  REQUIRE(s.get("/api/recherche?q=astronautique&departement=59").status == 200);
  REQUIRE(s.get("/api/recherche?q=astronautique").status == 200);
  // Corrected (nothing found as typed, one letter away), and a query that finds everything.
  REQUIRE(s.get("/recherche?q=potagr").status == 200);
  REQUIRE(s.get("/recherche?q=les").status == 200);
  REQUIRE(s.get("/recherche?q=les&departement=59").status == 200);
  REQUIRE(s.get("/recherche").status == 200);                 // a visit, not a search
  REQUIRE(s.get("/recherche?departement=24").status == 200);  // browsing by facet is a search
  // Instant results while typing: "pot", "pota" are superseded by "potager" a moment later.
  for (const char* typed : {"pot", "pota", "potager"})
    REQUIRE(s.get(std::string("/recherche?q=") + typed, {{"X-Pratiques-Saisie", "1"}}).status == 200);
  s.server().stop();  // writes the queue

  Catalog db((s.dir() / "var" / "pratiques.sqlite").string(), false, server::server_schema());
  auto rows = db.prepare("SELECT at, query, filters, results, origin FROM search_log ORDER BY rowid");
  std::vector<std::vector<std::string>> all;
  while (rows.step())
    all.push_back({rows.text(0), rows.text(1), rows.text(2), std::to_string(rows.integer(3)), rows.text(4)});
  REQUIRE(all.size() == 11);
  CHECK(all[0][1] == "Potager");
  CHECK(all[0][3] == "2");
  CHECK(all[0][4] == "page");
  CHECK(all[1][4] == "api");
  CHECK(all[2][1] == "astronautique");
  CHECK(all[2][2] == "departement=59");
  CHECK(all[2][3] == "0");
  CHECK(all[7][1] == "");
  CHECK(all[7][2] == "departement=24");
  CHECK(all[8][4] == "saisie");
  CHECK(all[0][0].size() == 19);  // "YYYY-MM-DD HH:MM:SS", UTC, to the second
  // Nothing about the client anywhere in the database.
  const std::string bytes = testing::read_file(s.dir() / "var" / "pratiques.sqlite");
  CHECK(bytes.find("203.0.113.9") == std::string::npos);
  CHECK(bytes.find("127.0.0.1") == std::string::npos);
  CHECK(bytes.find("id=42") == std::string::npos);

  server::ReportOptions o;
  const server::Report r = server::search_report(db, o);
  CHECK(r.searches == 9);  // 11 rows, minus "pot" and "pota"
  REQUIRE(r.frequent.size() >= 2);
  CHECK(r.frequent[0].query ==
        "potager");  // "Potager", "potager" ×2 (page, api, typing): grouped, most frequent spelling
  CHECK(r.frequent[0].count == 3);
  CHECK(r.frequent[0].results == 2);  // a true count: that of a search, never an average
  // "les": 8 results without filter, 1 with departement=59; the row gives the search without filter.
  const auto les =
      std::find_if(r.frequent.begin(), r.frequent.end(), [](const auto& row) { return row.query == "les"; });
  REQUIRE(les != r.frequent.end());
  CHECK(les->count == 2);
  CHECK(les->results == 8);
  CHECK(les->filters.empty());
  REQUIRE(r.zero_results.size() == 1);
  CHECK(r.zero_results[0].query == "astronautique");
  CHECK(r.zero_results[0].count == 2);
  CHECK(r.zero_results[0].filters.empty());
  // Corrected and "everything" queries, each in its own list.
  REQUIRE(r.corrected_queries.size() == 1);
  CHECK(r.corrected_queries[0].query == "potagr");
  CHECK(r.corrected_queries[0].suggestion == "potager");
  CHECK(r.corrected_queries[0].results == 2);
  CHECK(r.corrected == 1);
  REQUIRE(r.everything_queries.size() == 1);
  CHECK(r.everything_queries[0].query == "les");
  CHECK(r.everything_queries[0].count == 1);  // the filtered search found one sheet of eight
  CHECK(r.everything_queries[0].results == 8);
  CHECK(r.everything_queries[0].collection == 8);
  CHECK(r.everything == 1);
  const std::string text = server::report_text(r);
  CHECK(text.find("Requêtes sans résultat") != std::string::npos);
  CHECK(text.find("astronautique") != std::string::npos);
  CHECK(text.find("Requêtes corrigées") != std::string::npos);
  CHECK(text.find("potagr → potager") != std::string::npos);
  CHECK(text.find("Requêtes qui trouvent presque tout") != std::string::npos);
  CHECK(text.find("8/8  les") != std::string::npos);

  // The command.
  const auto cli = testing::run({testing::cli(), "rapport", "recherches", "--donnees", (s.dir() / "var").string()});
  CHECK(cli.status == 0);
  CHECK(cli.out.find("Requêtes les plus fréquentes") != std::string::npos);
  CHECK(cli.out.find("astronautique") != std::string::npos);
  const auto future = testing::run(
      {testing::cli(), "rapport", "recherches", "--depuis", "2999-01-01", "--donnees", (s.dir() / "var").string()});
  CHECK(future.status == 0);
  CHECK(future.out.find("aucune recherche") != std::string::npos);
  const auto json = testing::run(
      {testing::cli(), "rapport", "recherches", "--format", "json", "--donnees", (s.dir() / "var").string()});
  CHECK(testing::json_get(json.out, "sans_resultat_requetes.0.requete") == "astronautique");
  CHECK(testing::json_get(json.out, "corrigees_requetes.0.suggestion") == "potager");
  CHECK(testing::json_get(json.out, "presque_tout_requetes.0.fiches") == "8");
  CHECK(testing::run({testing::cli(), "rapport", "recherches", "--depuis", "hier"}).status == 2);
  CHECK(
      testing::run({testing::cli(), "rapport", "recherches", "--donnees", (s.dir() / "nulle-part").string()}).status ==
      1);
}

TEST_CASE("every query counted is in a list of the report, and queries of other meanings are apart", "[server][log]") {
  testing::TempDir dir;
  const std::string path = (dir / "pratiques.sqlite").string();
  {
    server::SearchLog log(path);
    // "*" lists every sheet; a phrase finds fewer sheets than its words anywhere.
    log.record({"*", "", 8, false, "page", "", 8, 8});
    log.record({"\"garantie jeunes\"", "", 1, false, "page", "", 1, 8});
    log.record({"garantie jeunes", "", 5, false, "page", "", 5, 8});
    log.record({"Garantie jeunes", "", 5, false, "page", "", 5, 8});
    log.record({"garantie jeunes", "", 5, false, "page", "", 5, 8});
    log.record({"-jeunes", "", 6, false, "page", "", 6, 8});
  }
  Catalog db(path, false, server::server_schema());
  const server::Report r = server::search_report(db, server::ReportOptions{});
  CHECK(r.searches == 6);
  CHECK(r.distinct == 4);
  std::map<std::string, std::size_t> frequent;
  for (const auto& row : r.frequent) frequent[row.query] = row.count;
  CHECK(frequent == std::map<std::string, std::size_t>{
                        {"*", 1}, {"\"garantie jeunes\"", 1}, {"garantie jeunes", 3}, {"-jeunes", 1}});
  REQUIRE(r.everything_queries.size() == 1);
  CHECK(r.everything_queries[0].query == "*");
  CHECK(r.everything == 1);
  const std::string text = server::report_text(r);
  CHECK(text.find("\"garantie jeunes\"") != std::string::npos);
}
