// Building blocks of the server without a socket: percent-decoding, query strings, content
// negotiation, parameter bounds, completion keys, the server database's migrations.
#include <catch2/catch.hpp>

#include <atomic>
#include <cctype>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

#include "pratiques/catalog.h"
#include "pratiques/server/admission.h"
#include "pratiques/server/http.h"
#include "pratiques/server/lru_cache.h"
#include "pratiques/server/params.h"
#include "pratiques/server/search_log.h"
#include "pratiques/server/static_files.h"
#include "pratiques/server/suggest.h"
#include "server_fixture.h"
#include "support.h"

using namespace pratiques;
using namespace pratiques::server;

TEST_CASE("percent-decoding is strict", "[server][http]") {
  CHECK(percent_decode("a%20b+c", true) == "a b c");
  CHECK(percent_decode("a+b", false) == "a+b");
  CHECK(percent_decode("%C3%A9cole", true) ==
        "\xC3\xA9"
        "cole");
  CHECK(percent_decode("%c3%a9", true) == "\xC3\xA9");
  for (const char* bad : {"%", "%2", "%zz", "a%G0", "%00", "x%2"}) {
    INFO(bad);
    CHECK_THROWS_AS(percent_decode(bad, true), ClientError);
    try {
      percent_decode(bad, true);
    } catch (const ClientError& e) {
      CHECK(e.status == 400);
    }
  }
}

TEST_CASE("query strings keep order and repeated names", "[server][http]") {
  const Params p = parse_query_string("q=jardin+partag%C3%A9&thematiques=a&thematiques=b&vide&&x=");
  REQUIRE(p.size() == 5);
  CHECK(p[0] == std::pair<std::string, std::string>{"q", "jardin partagé"});
  CHECK(p[2].second == "b");
  CHECK(p[3] == std::pair<std::string, std::string>{"vide", ""});
  CHECK(build_query_string({{"q", "a b&c=d"}, {"t", "é"}}) == "q=a%20b%26c%3Dd&t=%C3%A9");
  std::string many;
  for (int i = 0; i < 300; ++i) many += "a=" + std::to_string(i) + "&";
  CHECK_THROWS_AS(parse_query_string(many), ClientError);
  // A form's body is refused in the words of a form, not of an address.
  CHECK_THROWS_WITH(parse_query_string(many, 256, Encoded::Form), "Trop de champs dans le formulaire (au plus 256).");
  CHECK_THROWS_WITH(parse_query_string("titre=abc%00", 256, Encoded::Form),
                    "Formulaire mal formé : caractère nul (%00) refusé.");
  CHECK_THROWS_WITH(parse_query_string("q=abc%00"), "Adresse mal formée : caractère nul (%00) refusé.");
}

TEST_CASE("request targets", "[server][http]") {
  CHECK(split_target("/recherche?q=a#frag").path == "/recherche");
  CHECK(split_target("/recherche?q=a#frag").query == "q=a");
  CHECK(split_target("/a%20b/").path == "/a b/");
  CHECK(split_target("http://example.org/x?y=1").path == "/x");
  CHECK(split_target("http://example.org/x?y=1").query == "y=1");
  CHECK_THROWS_AS(split_target("*"), ClientError);
  CHECK_THROWS_AS(split_target("/%zz"), ClientError);
}

TEST_CASE("content negotiation and validators", "[server][http]") {
  CHECK(accepts_gzip("gzip, deflate, br"));
  CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK(accepts_gzip("*"));
  CHECK_FALSE(accepts_gzip("*, gzip;q=0"));
  CHECK(etag_matches("\"a\", W/\"b\"", "\"b\""));
  CHECK(etag_matches("*", "\"x\""));
  CHECK_FALSE(etag_matches("\"a\"", "\"b\""));
  CHECK(http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
  CHECK(parse_http_date("hier") == -1);
  CHECK(content_type_of("index.html") == "text/html; charset=utf-8");
  CHECK(content_type_of("a/recherche.JS") == "text/javascript; charset=utf-8");
  CHECK(content_type_of("carte.svg") == "image/svg+xml; charset=utf-8");
  CHECK(content_type_of("feed.xml") == "application/atom+xml; charset=utf-8");
  CHECK(content_type_of("x.bin") == "application/octet-stream");
  // Open data and SKOS, as their pages declare them, and compressed.
  CHECK(content_type_of("donnees/fiches.jsonl") == "application/jsonl; charset=utf-8");
  CHECK(content_type_of("vocabulaires/publics.ttl") == "text/turtle; charset=utf-8");
  CHECK(content_type_of("vocabulaires/publics.rdf") == "application/rdf+xml; charset=utf-8");
  for (const char* f : {"a.jsonl", "a.ttl", "a.rdf"}) CHECK(compressible(content_type_of(f)));
  const std::string text(5000, 'x');
  for (int level : {kGzipStatic, kGzipDynamic}) CHECK(testing::gunzip(gzip(text, level)) == text);
}

TEST_CASE("percent-encoding leaves only unreserved characters as they are", "[server][http]") {
  const std::string hex = "0123456789ABCDEF";
  for (int c = 0; c < 256; ++c) {
    const std::string one(1, static_cast<char>(c));
    const bool unreserved = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
    const std::string expected = unreserved ? one : std::string{'%', hex[c >> 4], hex[c & 15]};
    INFO(c);
    CHECK(percent_encode(one) == expected);
    if (c == 0)
      CHECK_THROWS_AS(percent_decode(percent_encode(one), true), ClientError);  // %00 is refused
    else
      CHECK(percent_decode(percent_encode(one), true) == one);
  }
  CHECK(percent_encode("jardin partagé & co=1/2?#+") == "jardin%20partag%C3%A9%20%26%20co%3D1%2F2%3F%23%2B");
}

TEST_CASE("HTTP dates round trip, and the obsolete forms are read", "[server][http]") {
  for (std::time_t t : {std::time_t{0}, std::time_t{784111777}, std::time_t{951782400}, std::time_t{1700000000},
                        std::time_t{4102444799}}) {
    INFO(t);
    const std::string text = http_date(t);
    CHECK(text.size() == 29);  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    CHECK(text.ends_with(" GMT"));
    CHECK(parse_http_date(text) == t);
  }
  CHECK(http_date(951782400) == "Tue, 29 Feb 2000 00:00:00 GMT");
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == 784111777);  // RFC 850
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == 784111777);        // asctime
  for (const char* bad : {"", "hier", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "12"}) {
    INFO(bad);
    CHECK(parse_http_date(bad) == -1);
  }
}

TEST_CASE("the LRU cache keeps the most recently used entries within its bytes", "[server][cache]") {
  LruCache<std::string> cache(400);
  auto value = [](const char* s) { return std::make_shared<const std::string>(s); };
  cache.put("a", value("A"), 100);
  cache.put("b", value("B"), 100);
  cache.put("c", value("C"), 100);
  REQUIRE(cache.find("a"));  // "a" is now the most recently used, "b" the least
  cache.put("d", value("D"), 100);
  cache.put("e", value("E"), 100);  // 500 bytes: the least recently used goes
  CHECK_FALSE(cache.find("b"));
  CHECK(*cache.find("a") == "A");
  CHECK(cache.find("c"));
  CHECK(cache.find("e"));
  CHECK(cache.stats().bytes == 400);
  cache.put("huge", value("H"), 101);  // more than a quarter of the budget: never kept
  CHECK_FALSE(cache.find("huge"));
  cache.put("a", value("other"), 100);  // a key kept already keeps its value
  CHECK(*cache.find("a") == "A");
  const auto stats = cache.stats();
  CHECK(stats.hits == 5);
  CHECK(stats.misses == 2);
  cache.clear();
  CHECK_FALSE(cache.find("a"));
  CHECK(cache.stats().bytes == 0);
}

TEST_CASE("compressed static files are cached, the least recently used evicted", "[server][static][cache]") {
  testing::TempDir dir;
  const std::string body(4000, 'p');  // a file of the site, compressed to a few dozen bytes
  const std::size_t one = gzip(body, kGzipStatic).size() + std::string("/a.html\n\"1\"").size();
  StaticFiles files(dir.path().string(), 4 * one);  // room for four
  const auto a = files.gzipped("/a.html", "\"1\"", body);
  CHECK(testing::gunzip(*a) == body);
  CHECK(files.gzipped("/a.html", "\"1\"", body) == a);  // the same buffer: not compressed again
  CHECK(files.gzipped("/a.html", "\"2\"", body) != a);  // another version of the file
  for (const char* p : {"/b.html", "/c.html", "/d.html", "/e.html"}) files.gzipped(p, "\"1\"", body);
  CHECK(files.gzipped("/a.html", "\"1\"", body) != a);  // evicted: compressed again
  CHECK(files.gzipped("/e.html", "\"1\"", body) == files.gzipped("/e.html", "\"1\"", body));
}

TEST_CASE("search parameters: unknown ignored, bounds enforced, pages clamped", "[server][params]") {
  const std::set<std::string> keys{"thematiques", "publics", "departement"};
  SECTION("known and unknown parameters") {
    const auto p = parse_search_params({{"q", "  jardin   partagé "},
                                        {"utm_source", "x"},
                                        {"thematiques", "a"},
                                        {"thematiques", "a"},
                                        {"publics", ""},
                                        {"tri", "date"},
                                        {"page", "3"},
                                        {"inconnu", "y"}},
                                       keys);
    CHECK(p.request.query == "jardin partagé");
    REQUIRE(p.request.filters.size() == 1);  // duplicate and empty values dropped
    CHECK(p.request.sort == Sort::Date);
    CHECK(p.request.page == 3);
    CHECK(build_query_string(p.base()) == "q=jardin%20partag%C3%A9&thematiques=a&tri=date");
  }
  SECTION("page numbers") {
    CHECK(parse_search_params({{"page", "abc"}}, keys).request.page == 1);
    CHECK(parse_search_params({{"page", "-4"}}, keys).request.page == 1);
    CHECK(parse_search_params({{"page", "0"}}, keys).request.page == 1);
    CHECK(parse_search_params({{"page", "99999999999999999999"}}, keys).request.page == Limits{}.max_page);
    CHECK(parse_search_params({{"par_page", "5000"}}, keys).request.per_page == kMaxPerPage);
    CHECK(parse_search_params({{"tri", "n'importe"}}, keys).request.sort == Sort::Relevance);
  }
  SECTION("refused") {
    CHECK_THROWS_AS(parse_search_params({{"q", std::string(1001, 'a')}}, keys), ClientError);
    CHECK_NOTHROW(parse_search_params({{"q", std::string(1000, 'a')}}, keys));
    CHECK_THROWS_AS(parse_search_params({{"q", "\xC3\x28"}}, keys), ClientError);
    CHECK_THROWS_AS(parse_search_params({{"thematiques", std::string(201, 'a')}}, keys), ClientError);
    Params many;
    for (int i = 0; i < 51; ++i) many.emplace_back("thematiques", "v" + std::to_string(i));
    CHECK_THROWS_WITH(parse_search_params(many, keys), Catch::Contains("Trop de filtres"));
    many.pop_back();
    CHECK_NOTHROW(parse_search_params(many, keys));
  }
}

TEST_CASE("completion keys fold case, accents and punctuation", "[server][suggest]") {
  CHECK(Suggester::key("  École OUVERTE, aux parents ") == "ecole ouverte aux parent");
  CHECK(Suggester::key("Jeux cafés bus") == "jeu cafe bus");
  CHECK(Suggester::key("Pouvoir d’agir") == "pouvoir d agir");
  CHECK(Suggester::key("Œuvre") == "oeuvre");
  Suggester s;
  s.add({"École ouverte aux parents", "fiche", "Fiche", "ecole", "/fiches/ecole/", "", 0});
  s.add({"Scolarité et réussite éducative", "thematiques", "Thématiques", "scolarite",
         "/recherche?thematiques=scolarite", "", 3});
  s.add({"ESAT", "sigle", "Sigle", "ESAT", "/recherche?q=ESAT", "Établissement", 0});
  s.add({"Éducation populaire", "modes_intervention", "Modes", "education-populaire", "/x", "", 1});
  s.finish();
  auto labels = [&](const char* q) {
    std::vector<std::string> out;
    for (const auto* x : s.complete(q)) out.push_back(x->label);
    return out;
  };
  CHECK(labels("eco") == std::vector<std::string>{"École ouverte aux parents"});
  CHECK(labels("ÉCO") == labels("eco"));
  CHECK(labels("parents") == std::vector<std::string>{"École ouverte aux parents"});  // a word inside
  CHECK(labels("e").front() == "Éducation populaire");  // facet values before acronyms before sheets
  CHECK(labels("es") == std::vector<std::string>{"ESAT"});
  // A plural typed finds the singular written, and the other way round: « écoles » found nothing.
  CHECK(labels("écoles") == std::vector<std::string>{"École ouverte aux parents"});
  CHECK(labels("ecole ouverte aux parent") == labels("ecole ouverte aux parents"));
  CHECK(labels("").empty());
  CHECK(labels("zzz").empty());
}

TEST_CASE("completion finds a label by a synonym, once however many synonyms match", "[server][suggest]") {
  Suggester s;
  const Suggestion youth{"adolescents", "recherche", "Recherche", "adolescents", "/recherche?q=adolescents", "", 0};
  s.add(youth);
  for (const char* w : {"ado", "ados"}) {
    Suggestion x = youth;
    x.detail = std::string("« ") + w + " »";
    s.add(x, w);
  }
  s.add({"Adossé à six conférences", "fiche", "Fiche", "adosse", "/fiches/adosse/", "", 0});
  s.finish();
  std::vector<std::string> found;
  for (const auto* x : s.complete("ado")) found.push_back(x->label + " " + x->detail);
  // The shortest synonym that begins so (« ados » is « ado » once its plural is off), the first
  // added, says why; the label is not repeated.
  CHECK(found == std::vector<std::string>{"adolescents « ado »", "Adossé à six conférences "});
  CHECK(s.complete("adol").at(0)->detail.empty());
  CHECK(s.complete("dos").empty());  // a synonym's word is no label's word
}

TEST_CASE("completion leaves out a leading elided article, with either apostrophe", "[server][suggest]") {
  // « l'hab », « l’isolement », « d'acc » gave nothing while « habitat » gave « Logement et habitat ».
  Suggester s;
  s.add({"Logement et habitat", "thematiques", "Thématiques", "logement", "/recherche?thematiques=logement", "", 4});
  s.add({"Isolement et lien social", "thematiques", "Thématiques", "isolement", "/x", "", 3});
  s.add({"Accès aux droits", "thematiques", "Thématiques", "acces-droits", "/y", "", 2});
  s.add({"L'habitat inclusif à Rennes", "fiche", "Fiche", "habitat-inclusif", "/fiches/habitat-inclusif/", "", 0});
  s.add({"Aujourd'hui au quartier", "fiche", "Fiche", "aujourd-hui", "/fiches/aujourd-hui/", "", 0});
  s.finish();
  auto labels = [&](const char* q) {
    std::vector<std::string> out;
    for (const auto* x : s.complete(q)) out.push_back(x->label);
    return out;
  };
  const std::vector<std::string> habitat{"Logement et habitat", "L'habitat inclusif à Rennes"};
  CHECK(labels("hab") == habitat);
  CHECK(labels("l'hab") == habitat);
  CHECK(labels("L\xE2\x80\x99hab") == habitat);  // L’hab
  CHECK(labels("  l'HAB") == habitat);
  CHECK(labels("l\xE2\x80\x99isolement") == std::vector<std::string>{"Isolement et lien social"});
  CHECK(labels("d'acc") == std::vector<std::string>{"Accès aux droits"});
  CHECK(labels("jusqu'aux") == std::vector<std::string>{"Accès aux droits"});
  CHECK(labels("qu'iso") == labels("iso"));
  CHECK(labels("l'").empty());  // every label in L
  CHECK(labels("d\xE2\x80\x99").empty());
  // Only an elision of the analyser's list: « aujourd'hui » is a word.
  CHECK(labels("aujourd'h") == std::vector<std::string>{"Aujourd'hui au quartier"});
  CHECK(labels("l'habitat incl") == std::vector<std::string>{"L'habitat inclusif à Rennes"});
  // As the reader sees it, as search reads it: fullwidth letters, a zero-width space.
  CHECK(labels("ｈａｂ") == habitat);
  CHECK(labels("ha\u200Bb") == habitat);
}

TEST_CASE("the server database migrates the moved search log", "[server][log]") {
  testing::TempDir dir;
  const std::string path = (dir / "pratiques.sqlite").string();
  {
    // A database at version 1: the search log as it was in the catalogue.
    const Schema v1{"test", {server_schema().migrations[0]}, "WAL"};
    Catalog db(path, true, v1);
    db.exec("INSERT INTO search_log(at, query, filters, results) VALUES('2026-01-01 10:00:00', 'Logement', '', 3)");
    CHECK(db.schema_version() == 1);
  }
  Catalog db(path, true, server_schema());
  CHECK(db.schema_version() == server_schema().version());
  auto s = db.prepare("SELECT query, query_key, origin, corrected FROM search_log");
  REQUIRE(s.step());
  CHECK(s.text(1) == "logement");
  CHECK(s.text(2) == "page");
  // No column could identify a person.
  auto cols = db.prepare("SELECT name FROM pragma_table_info('search_log') ORDER BY cid");
  std::vector<std::string> names;
  while (cols.step()) names.push_back(cols.text(0));
  CHECK(names == std::vector<std::string>{"at", "query", "filters", "results", "query_key", "corrected", "origin",
                                          "suggestion", "complete", "collection"});
  // The catalogue itself no longer carries it.
  Catalog cat((dir / "catalogue.sqlite").string(), true);
  auto t = cat.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_log'");
  REQUIRE(t.step());
  CHECK(t.integer(0) == 0);
}

TEST_CASE("requests are admitted to compute in their order of arrival", "[server][admission]") {
  Admission admission(1);
  Admission::Ticket first = admission.enter();
  std::mutex m;
  std::vector<int> order;
  std::vector<std::thread> waiting;
  for (int i = 1; i <= 5; ++i) {
    waiting.emplace_back([&, i] {
      Admission::Ticket t = admission.enter();
      std::lock_guard lock(m);
      order.push_back(i);
    });
    // The next one arrives only once this one waits.
    while (admission.waiting() < static_cast<std::size_t>(i)) std::this_thread::yield();
  }
  CHECK(order.empty());  // all wait for the slot held by the first
  first.release();
  first.release();  // twice: still one slot
  for (auto& t : waiting) t.join();
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5});

  // Two slots: two requests compute at once, the third waits for one of them.
  Admission two(2);
  Admission::Ticket a = two.enter(), b = two.enter();
  std::atomic<bool> third{false};
  std::thread t([&] {
    Admission::Ticket c = two.enter();
    third = true;
  });
  while (two.waiting() < 1) std::this_thread::yield();
  CHECK_FALSE(third);
  Admission::Ticket moved = std::move(a);
  a.release();  // moved from: releases nothing
  CHECK(two.waiting() == 1);
  moved.release();
  t.join();
  CHECK(third);
  CHECK(two.waiting() == 0);
}

TEST_CASE("pagination lists the pages near the current one and never hides a single page", "[server][params]") {
  CHECK(page_window(1, 1) == std::vector<int>{1});
  CHECK(page_window(1, 5) == std::vector<int>{1, 2, 3, 4, 5});  // was "1 2 3 … 5"
  CHECK(page_window(5, 5) == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(page_window(1, 6) == std::vector<int>{1, 2, 3, 0, 6});
  CHECK(page_window(5, 9) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(page_window(6, 20) == std::vector<int>{1, 0, 4, 5, 6, 7, 8, 0, 20});
  CHECK(page_window(17, 20) == std::vector<int>{1, 0, 15, 16, 17, 18, 19, 20});
}
