// Fault injection: `pratiques index` killed (SIGKILL) at every named point of a run (failpoint.h),
// a full build and a publication in place alike, and a replica's follower too. After each kill the
// index is searchable and consistent (every sheet found is in the catalogue, and the other way
// round): the previous state before the commit point, the new one after it. The next run completes.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include "corpus.h"
#include "pratiques/catalog.h"
#include "pratiques/failpoint.h"
#include "pratiques/index_store.h"
#include "pratiques/replica.h"

using namespace pratiques;
namespace fs = std::filesystem;

namespace {

constexpr int kCopies = 40;  // with the 8 fixture sheets, three ranges on two threads: three shards to merge

// What a state looks like through the search library: sheets, and the words that tell v1 from v2.
struct State {
  unsigned sheets = 0, verger = 0, potager = 0, cerfs = 0;
  bool operator==(const State&) const = default;
};
const State kV1{8 + kCopies, 0, 2, 0};
const State kV2{8 + kCopies, 1, 1, 1};  // one sheet edited, one copy removed, one sheet added

std::ostream& operator<<(std::ostream& os, const State& s) {
  return os << "{fiches " << s.sheets << ", verger " << s.verger << ", potager " << s.potager << ", cerfs-volants "
            << s.cerfs << "}";
}

unsigned total(const Searcher& s, const std::string& q) {
  SearchRequest r;
  r.query = q;
  return s.search(r).total;
}

// The state of an index, checked consistent: the catalogue holds exactly the sheets Xapian finds.
State observe(const std::string& out) {
  const Searcher s(out);
  SearchRequest all;
  all.per_page = kMaxPerPage;
  const SearchResponse every = s.search(all);
  std::set<std::string> found;
  for (int page = 1; (page - 1) * all.per_page < static_cast<int>(every.total); ++page) {
    all.page = page;
    for (const auto& h : s.search(all).hits) found.insert(h.id);
  }
  std::set<std::string> catalogued;
  auto rows = s.catalog().prepare("SELECT id FROM sheets");
  while (rows.step()) catalogued.insert(rows.text(0));
  CHECK(found == catalogued);
  return {every.total, total(s, "verger"), total(s, "potager"), total(s, "cerfs-volants")};
}

void make_v1(const fs::path& content) {
  testing::copy_tree(testing::fixtures() / "corpus", content);
  const std::string sheet = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
  for (int i = 0; i < kCopies; ++i) {
    std::string text = sheet;
    text.replace(text.find("id: fiche-valide"), 16, "id: copie-" + std::to_string(i));
    testing::write_file(content / "fiches" / ("copie-" + std::to_string(i) + ".md"), text);
  }
}

void make_v2(const fs::path& content) {
  const fs::path ecole = content / "fiches" / "ecole-ouverte-parents-fives.md";
  std::string text = testing::read_file(ecole);
  for (std::size_t p; (p = text.find("potager")) != std::string::npos;) text.replace(p, 7, "verger");
  testing::write_file(ecole, text);
  fs::remove(content / "fiches" / "copie-0.md");
  std::string added = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
  added.replace(added.find("id: fiche-valide"), 16, "id: atelier-cerfs-volants");
  added.replace(added.find("titre: \""), 8, "titre: \"Atelier de cerfs-volants : ");
  testing::write_file(content / "fiches" / "atelier-cerfs-volants.md", added);
}

// A copy of a prepared workspace (content and index; the index link stays relative).
void copy_workspace(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

std::vector<std::string> index_command(const fs::path& dir, bool full, const std::string& failpoint = "") {
  std::vector<std::string> argv = {"/usr/bin/env"};
  if (!failpoint.empty()) argv.push_back("PRATIQUES_FAILPOINT=" + failpoint);
  for (const std::string& a :
       {testing::cli(), std::string("index"), std::string("--contenu"), (dir / "content").string(),
        std::string("--schemas"), testing::schemas().string(), std::string("--sortie"), (dir / "index").string(),
        std::string("--taches"), std::string("2")})
    argv.push_back(a);
  if (full) argv.push_back("--complet");
  return argv;
}

constexpr int kKilled = 128 + SIGKILL;

// The points of each kind of run, in order; the last test checks that together they are all.
const std::vector<std::string> kFullBuildPoints = {
    "lock", "scan", "shard-write", "merge", "catalogue", "generation-ready", "renamed", "link", "cleanup"};
const std::vector<std::string> kInPlacePoints = {"lock", "scan", "before-xapian-commit", "after-xapian-commit",
                                                 "after-catalogue-commit"};
const std::vector<std::string> kOtherPoints = {"recovered", "replica-base", "replica-changes"};

// Runs `pratiques index` until it kills itself at `point`; checks the state it leaves.
void kill_at(const fs::path& dir, bool full, const std::string& point, const State& expected) {
  INFO("pratiques index" << (full ? " --complet" : "") << " tué au point « " << point << " »");
  const testing::RunResult killed = testing::run(index_command(dir, full, point));
  INFO(killed.err);
  REQUIRE(killed.status == kKilled);  // it reached the point, and died there
  CHECK(observe((dir / "index").string()) == expected);
}

// The next run completes, and leaves nothing behind.
void run_to_the_end(const fs::path& dir, bool full) {
  const testing::RunResult next = testing::run(index_command(dir, full));
  INFO(next.err);
  REQUIRE(next.status == 0);
  CHECK(observe((dir / "index").string()) == kV2);
  std::size_t generations = 0;
  for (const auto& e : fs::directory_iterator(dir / "index.d")) {
    CHECK(e.path().extension() != ".tmp");
    generations += e.is_directory();
  }
  CHECK(generations <= 2);
}

// A workspace with v1 indexed and the content changed to v2, built once per process.
const fs::path& template_workspace() {
  static testing::TempDir dir;
  static const bool built = [] {
    make_v1(dir / "content");
    const testing::RunResult first = testing::run(index_command(dir.path(), true));
    if (first.status != 0) throw std::runtime_error("index v1 : " + first.err);
    make_v2(dir / "content");
    return true;
  }();
  (void)built;
  return dir.path();
}

// Calls follow_replica() in a child process armed with `point`; true when it died there.
bool follow_killed_at(const ReplicaOptions& options, const std::string& point) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setenv("PRATIQUES_FAILPOINT", point.c_str(), 1);
    try {
      follow_replica(options);
    } catch (...) {
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("a full build killed at any point leaves the previous index whole, or the new one", "[index][kill][no-sanitizers]") {
  for (const std::string& point : kFullBuildPoints) {
    testing::TempDir dir;
    copy_workspace(template_workspace(), dir / "w");
    const bool linked = point == "link" || point == "cleanup";  // the link switch is the commit point
    kill_at(dir / "w", true, point, linked ? kV2 : kV1);
    run_to_the_end(dir / "w", true);
  }
}

TEST_CASE("a publication in place killed at any point leaves the previous state whole, or the new one",
          "[index][kill][no-sanitizers]") {
  for (const std::string& point : kInPlacePoints) {
    testing::TempDir dir;
    copy_workspace(template_workspace(), dir / "w");
    const bool committed = point.rfind("after-", 0) == 0;  // the Xapian commit is the commit point
    // After the Xapian commit and before the catalogue's, the first reader brings the catalogue
    // forward (recover()), as SQLite rolls back a hot journal: it finds the new state, whole.
    kill_at(dir / "w", false, point, committed ? kV2 : kV1);
    run_to_the_end(dir / "w", false);
  }
}

TEST_CASE("a publication whose catalogue cannot be written past the commit point says that it is made",
          "[index][kill]") {
  // On a full disk, the run said « l'index précédent reste en service » while the server already
  // served the change: the Xapian commit had been made, the catalogue's failed after it.
  testing::TempDir dir;
  copy_workspace(template_workspace(), dir / "w");
  const testing::RunResult failed = testing::run(index_command(dir / "w", false, "echec:after-xapian-commit"));
  CHECK(failed.status == 4);
  CHECK(failed.err.find("faite (l'index est à jour") != std::string::npos);
  CHECK(failed.err.find("reste en service") == std::string::npos);
  CHECK(observe((dir / "w" / "index").string()) == kV2);  // as the message says
  run_to_the_end(dir / "w", false);
}

TEST_CASE("a full build that fails on a full disk says why in French, and whether a previous index stays",
          "[index][kill][no-sanitizers]") {
  // Xapian's English text was the message (« Modifications failed (… No space left on device) »), and
  // a first build said « l'index précédent reste en service » of an index that did not exist.
  testing::TempDir dir;
  make_v1(dir / "content");
  const testing::RunResult first = testing::run(index_command(dir.path(), true, "echec:merge"));
  INFO(first.err);
  CHECK(first.status == 4);
  CHECK(first.err.find("pratiques index : écriture de l'index impossible : disque plein (Xapian, DatabaseError : "
                       "Modifications failed") != std::string::npos);
  CHECK(first.err.find("aucun index n'est publié dans") != std::string::npos);
  CHECK(first.err.find("reste en service") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "index"));  // as the message says

  REQUIRE(testing::run(index_command(dir.path(), true)).status == 0);
  const testing::RunResult again = testing::run(index_command(dir.path(), true, "echec:merge"));
  INFO(again.err);
  CHECK(again.status == 4);
  CHECK(again.err.find("écriture de l'index impossible : disque plein (Xapian, DatabaseError : ") != std::string::npos);
  CHECK(again.err.find("l'index précédent de « " + (dir / "index").string() + " » reste en service") !=
        std::string::npos);
  CHECK(observe((dir / "index").string()) == kV1);  // as the message says
}

TEST_CASE("a run killed right after bringing a catalogue forward leaves the new state", "[index][kill][no-sanitizers]") {
  testing::TempDir dir;
  copy_workspace(template_workspace(), dir / "w");
  // Killed between its two commits, and nobody reads the index before the next run…
  REQUIRE(testing::run(index_command(dir / "w", false, "after-xapian-commit")).status == kKilled);
  // …which brings the catalogue forward first, and is killed right after.
  kill_at(dir / "w", false, "recovered", kV2);
  run_to_the_end(dir / "w", false);
}

TEST_CASE("a replica's follower killed at any point leaves a whole replica, and the next step completes",
          "[index][kill][no-sanitizers][replica]") {
  testing::TempDir dir;
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);  // the primary keeps the catalogue for replicas
  make_v1(dir / "content");
  REQUIRE(testing::run(index_command(dir.path(), true)).status == 0);
  const ReplicaOptions replica{(fs::path(resolve_index((dir / "index").string())) / kXapianDir).string(),
                               (dir / "replica" / "index").string()};
  REQUIRE(follow_killed_at(replica, "replica-base"));
  CHECK_FALSE(fs::exists(replica.out));  // nothing published on the node
  CHECK(follow_replica(replica));
  CHECK(observe(replica.out) == kV1);

  make_v2(dir / "content");
  REQUIRE(testing::run(index_command(dir.path(), false)).status == 0);
  REQUIRE(follow_killed_at(replica, "replica-changes"));
  CHECK(observe(replica.out) == kV2);  // its reader brought the catalogue forward
  follow_replica(replica);
  CHECK(observe(replica.out) == kV2);
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
}

TEST_CASE("a replica's follower on a full disk says why in French, and the node keeps its last state",
          "[index][kill][no-sanitizers][replica]") {
  // The node's log said « écriture de « …/catalogue.sqlite » impossible », without the cause.
  testing::TempDir dir;
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  make_v1(dir / "content");
  REQUIRE(testing::run(index_command(dir.path(), true)).status == 0);
  const ReplicaOptions replica{(fs::path(resolve_index((dir / "index").string())) / kXapianDir).string(),
                               (dir / "replica" / "index").string()};
  // The message of a step whose catalogue write fails as on a full disk.
  auto refusal = [](const ReplicaOptions& options) {
    ::setenv("PRATIQUES_FAILPOINT", "echec:replica-base", 1);
    std::string message;
    try {
      follow_replica(options);
    } catch (const IndexError& e) {
      message = e.what();
    }
    ::unsetenv("PRATIQUES_FAILPOINT");
    return message;
  };
  const std::string first = refusal(replica);
  CHECK(first.find("écriture de l'index impossible : disque plein (") != std::string::npos);
  CHECK(first.find("catalogue.sqlite") != std::string::npos);
  CHECK(first.find("aucun index n'est publié dans « " + replica.out + " »") != std::string::npos);
  CHECK_FALSE(fs::exists(replica.out));
  CHECK(follow_replica(replica));  // space is back
  CHECK(observe(replica.out) == kV1);

  make_v2(dir / "content");
  REQUIRE(testing::run(index_command(dir.path(), true)).status == 0);  // a new generation: a new base
  const ReplicaOptions next{(fs::path(resolve_index((dir / "index").string())) / kXapianDir).string(), replica.out};
  const std::string second = refusal(next);
  CHECK(second.find("disque plein") != std::string::npos);
  CHECK(second.find("l'index précédent de « " + replica.out + " » reste en service") != std::string::npos);
  CHECK(observe(replica.out) == kV1);
  for (const auto& entry : fs::directory_iterator(dir / "replica" / "index.d"))
    CHECK(entry.path().extension() != ".tmp");  // the refused copy is not left behind
  CHECK(follow_replica(next));
  CHECK(observe(replica.out) == kV2);
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
}

TEST_CASE("every failure point is exercised by these tests", "[index][kill]") {
  std::set<std::string> tested(kFullBuildPoints.begin(), kFullBuildPoints.end());
  tested.insert(kInPlacePoints.begin(), kInPlacePoints.end());
  tested.insert(kOtherPoints.begin(), kOtherPoints.end());
  CHECK(tested == std::set<std::string>(failpoint::kPoints.begin(), failpoint::kPoints.end()));
}
