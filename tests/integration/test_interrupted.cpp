// An interrupted `pratiques index`: the real CLI is killed (SIGKILL) at several moments while it
// indexes a larger corpus; readers must always find the previous index complete, and a later run
// must succeed.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "corpus.h"
#include "pratiques/generations.h"

using namespace pratiques;
namespace fs = std::filesystem;

namespace {

constexpr int kCopies = 1500;  // enough for the indexer to run for seconds

// Starts the CLI; stdout and stderr go to /dev/null.
pid_t start(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

SearchResponse search(const std::string& index, const std::string& q) {
  SearchRequest r;
  r.query = q;
  return Searcher(index).search(r);
}

}  // namespace

TEST_CASE("killing pratiques index at any moment leaves the previous index complete", "[index][slow]") {
  testing::TempDir dir;
  const fs::path content = dir / "content";
  testing::copy_tree(testing::fixtures() / "corpus", content);
  const std::string out = (dir / "index").string();
  const std::vector<std::string> argv = {testing::cli(), "index", "--content", content.string(), "--schemas",
                                         testing::schemas().string(), "--out", out};

  // The previous index: the 8 sheets of the fixture corpus.
  const testing::RunResult first = testing::run(argv);
  INFO(first.err);
  REQUIRE(first.status == 0);
  const std::string generation = resolve_index(out);
  REQUIRE(search(out, "").total == 8);
  REQUIRE(search(out, "potager").total == 2);

  // A larger corpus: copies of the valid fixture sheet under other ids.
  const std::string sheet = testing::read_file(testing::fixtures() / "valide" / "fiche-valide.md");
  for (int i = 0; i < kCopies; ++i) {
    const std::string id = "copie-" + std::to_string(i);
    std::string text = sheet;
    text.replace(text.find("id: fiche-valide"), 16, "id: " + id);
    testing::write_file(content / "fiches" / (id + ".md"), text);
  }

  for (const int delay_ms : {20, 100, 300, 600}) {
    INFO("SIGKILL après " << delay_ms << " ms");
    const pid_t pid = start(argv);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));  // killed while working, not finished
    // The link still designates the previous generation, which is complete.
    CHECK(resolve_index(out) == generation);
    const SearchResponse all = search(out, "");
    CHECK(all.total == 8);
    const SearchResponse potager = search(out, "potager");
    CHECK(potager.total == 2);
    CHECK(testing::contains(testing::ids(potager.hits), "ecole-ouverte-parents-fives"));
    CHECK(search(out, "glycines").total == 0);
  }

  // A later run succeeds, cleans the leftovers, and publishes everything.
  const testing::RunResult last = testing::run(argv);
  INFO(last.err);
  REQUIRE(last.status == 0);
  CHECK(resolve_index(out) != generation);
  CHECK(search(out, "").total == 8 + kCopies);
  CHECK(search(out, "glycines").total == static_cast<unsigned>(kCopies));
  CHECK(search(out, "potager").total == 2);
  for (const auto& e : fs::directory_iterator(out + ".d")) CHECK(e.path().extension() != ".tmp");
}
