// Hot reload: `pratiques index` publishes a new generation while clients search; the server
// switches without a restart and without one failed request.
#include <catch2/catch.hpp>

#include <atomic>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "pratiques/catalog.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/index_writer.h"
#include "server_fixture.h"

TEST_CASE("the index is reloaded during concurrent requests, with no failed request", "[server][reload]") {
  testing::TestServer s({}, false);
  // A copy of the corpus that the test changes.
  const testing::fs::path content = s.dir() / "content";
  testing::copy_tree(testing::fixtures() / "corpus", content);
  auto reindex = [&] {
    pratiques::IndexOptions o;
    o.content = content.string();
    o.schemas = testing::schemas().string();
    o.out = s.index();
    const auto r = pratiques::build_index(o);
    REQUIRE(r.published);
  };
  reindex();  // generation 2: same sheets, indexed from the copy

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::string> failures;
  std::mutex m;
  std::vector<std::thread> clients;
  struct StopClients {  // also when a REQUIRE below fails
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~StopClients() {
      stop = true;
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } stop_clients{stop, clients};
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&, t] {
      const char* targets[] = {"/api/recherche?q=potager", "/recherche?q=aidants&departement=24",
                               "/api/suggestions?q=sej", "/api/fiches/sejour-repit-aidants-msa",
                               "/api/recherche?q=cerfs-volants"};
      int i = t;
      while (!stop) {
        const std::string target = targets[i++ % 5];
        const auto r = s.get(target);
        if (r.status == 200) {
          ++ok;
        } else {
          ++failed;
          std::lock_guard lock(m);
          failures.push_back(target + " → " + std::to_string(r.status));
        }
      }
    });

  const std::string sheet = testing::read_file(content / "fiches" / "sejour-repit-aidants-msa.md");
  // Each publication happens while the clients are busy: a few more answers before each, and after
  // the last one.
  auto clients_answer = [&] {
    const int target = ok + failed + 16;
    REQUIRE(testing::wait_until([&] { return ok + failed >= target; }));
  };
  for (int round = 0; round < 3; ++round) {
    clients_answer();
    // A new sheet about kites appears in round 1 and stays.
    std::string added = sheet;
    added.replace(added.find("id: sejour-repit-aidants-msa"), 28, "id: atelier-cerfs-volants-" + std::to_string(round));
    added.replace(added.find("titre: \""), 8, "titre: \"Atelier de cerfs-volants " + std::to_string(round) + " : ");
    testing::write_file(content / "fiches" / ("atelier-cerfs-volants-" + std::to_string(round) + ".md"), added);
    reindex();
  }
  clients_answer();
  stop = true;
  for (auto& c : clients) c.join();
  INFO((failures.empty() ? "" : failures.front()));
  CHECK(failed == 0);
  CHECK(ok >= 64);

  // The last generation is served: its new sheets are found, by search and by completion. A
  // publication in place is noticed within a few milliseconds (one PRAGMA data_version per 5 ms,
  // not per request): the test waits for it rather than counting on that delay having passed.
  REQUIRE(testing::wait_until([&] {
    return s.get("/api/recherche?q=cerfs-volants").header("x-pratiques-generation") == "000001.5";
  }));  // generation 1, its fifth publication
  const auto r = s.get("/api/recherche?q=cerfs-volants");
  CHECK(r.header("x-pratiques-generation") == "000001.5");
  CHECK(testing::json_get(r.body, "total") == "3");
  // Completion keys are built after the state they belong to, off the request path.
  CHECK(testing::wait_until([&] {
    return s.get("/api/suggestions?q=atelier%20de%20cerf").body.find("Atelier de cerfs-volants") != std::string::npos;
  }));
  CHECK(s.get("/api/fiches/atelier-cerfs-volants-2").status == 200);
  CHECK(testing::json_get(s.get("/api/etat").body, "rechargements") != "0");
}

// Fault injection on the server's side: the index link now designates a generation that cannot be
// read (a catalogue that is not a database, then Xapian files that are not Xapian's, then an index
// of another format, as an older or newer `pratiques index` writes it: docs/repliques.md). Every
// request is still answered from the last good generation, the server says so on its error
// output, and a readable generation published afterwards is served at once.
TEST_CASE("an unreadable new generation: the last good one stays in service, and the server says so",
          "[server][reload][faults]") {
  testing::TestServer s({}, false);
  const testing::fs::path link = s.index();
  const testing::fs::path good = testing::fs::canonical(link);
  const std::string good_name = good.filename().string();
  REQUIRE(s.get("/api/recherche?q=potager").header("x-pratiques-generation").starts_with(good_name + "."));
  auto point_link_at = [&](const testing::fs::path& target) {
    const testing::fs::path tmp = link.string() + ".nouveau";
    testing::fs::create_directory_symlink(target, tmp);
    testing::fs::rename(tmp, link);  // as `pratiques index` publishes: one atomic rename
  };
  std::ostringstream errors;
  struct Capture {  // the server writes its errors to std::cerr
    std::streambuf* old;
    explicit Capture(std::ostream& to) : old(std::cerr.rdbuf(to.rdbuf())) {}
    ~Capture() { std::cerr.rdbuf(old); }
  };
  const std::map<std::string, std::string> generation_of{
      {"catalogue", "900001"}, {"xapian", "900002"}, {"format", "900004"}};
  for (const auto& [broken, name] : generation_of) {
    INFO(broken);
    const testing::fs::path bad = good.parent_path() / name;
    testing::fs::copy(good, bad, testing::fs::copy_options::recursive);
    if (broken == "catalogue") {
      testing::write_file(bad / pratiques::kCatalogFile, std::string(8192, 'x'));
    } else if (broken == "xapian") {
      for (const auto& f : testing::fs::directory_iterator(bad / pratiques::kXapianDir))
        testing::write_file(f.path(), std::string(static_cast<std::size_t>(testing::fs::file_size(f.path())) + 1, 'x'));
    } else {
      pratiques::Catalog cat((bad / pratiques::kCatalogFile).string(), true);
      cat.set_meta("index_format", "9");
    }
    {
      Capture capture(errors);
      point_link_at(bad);
      for (int i = 0; i < 3; ++i) {
        const auto r = s.get("/api/recherche?q=potager");
        CHECK(r.status == 200);
        CHECK(r.header("x-pratiques-generation").starts_with(good_name + "."));
        CHECK(testing::json_get(r.body, "total") != "0");
        CHECK(s.get("/recherche?q=aidants").status == 200);
      }
    }
    const std::string said = errors.str();
    CHECK(said.find("nouvelle génération d'index « " + bad.string() + " » illisible") != std::string::npos);
    CHECK(said.find("la génération " + good_name + ".") != std::string::npos);
    CHECK(said.find("reste en service") != std::string::npos);
    if (broken == "format") CHECK(said.find("index au format « 9 »") != std::string::npos);
  }
  CHECK(testing::json_get(s.get("/api/etat").body, "erreurs_serveur") == "0");
  // A readable generation published next is served at its first request.
  const testing::fs::path next = good.parent_path() / "900003";
  testing::fs::copy(good, next, testing::fs::copy_options::recursive);
  {
    // Named as a generation names itself (the header gives the name its catalogue and database keep).
    pratiques::Catalog((next / pratiques::kCatalogFile).string(), true).set_meta(pratiques::kGenerationKey, "900003");
    Xapian::WritableDatabase db((next / pratiques::kXapianDir).string());
    db.set_metadata(pratiques::kGenerationKey, "900003");
    db.commit();
  }
  point_link_at(next);
  CHECK(s.get("/api/recherche?q=potager").header("x-pratiques-generation").starts_with("900003."));
}

TEST_CASE("an unreadable new generation is not served: the last good one stays until a good one comes",
          "[server][reload]") {
  testing::TestServer s({}, false);
  const auto before = s.get("/api/recherche?q=potager");
  REQUIRE(before.status == 200);
  const std::string served = before.header("x-pratiques-generation");
  // A generation whose files are garbage, linked as if a broken copy had been published.
  const testing::fs::path broken = testing::fs::path(s.index() + ".d") / "000009";
  testing::write_file(broken / pratiques::kCatalogFile, "ceci n'est pas une base SQLite");
  testing::write_file(broken / pratiques::kXapianDir / "iamglass", "ni une base Xapian");
  const testing::fs::path link = s.index(), tmp = s.index() + ".tmp";
  testing::fs::create_symlink(testing::fs::path(s.index()).filename().string() + ".d/000009", tmp);
  testing::fs::rename(tmp, link);
  for (int i = 0; i < 20; ++i) {
    const auto r = s.get("/api/recherche?q=potager");
    CHECK(r.status == 200);
    CHECK(r.header("x-pratiques-generation") == served);
    CHECK(testing::json_get(r.body, "total") == "2");
  }
  // A good generation is published: the server moves to it.
  pratiques::IndexOptions o;
  o.content = (testing::fixtures() / "corpus").string();
  o.schemas = testing::schemas().string();
  o.out = s.index();
  o.full = true;
  REQUIRE(pratiques::build_index(o).published);
  const auto after = s.get("/api/recherche?q=potager");
  CHECK(after.status == 200);
  CHECK(after.header("x-pratiques-generation") != served);
}
