// Generations of an index (generations.cpp) and its writer lock (index_store.cpp).
#include <catch2/catch.hpp>

#include "pratiques/generations.h"
#include "pratiques/index_store.h"
#include "support.h"

using namespace pratiques;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a generation is published through a symbolic link", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  const IndexLock lock(out, std::chrono::milliseconds(0));
  Generations g(out);
  CHECK_FALSE(g.current());
  const std::string work = g.begin();
  CHECK(fs::path(work).extension() == ".tmp");
  testing::write_file(fs::path(work) / "donnees", "v1");
  const std::string published = g.publish(work);
  CHECK(fs::is_symlink(out));
  REQUIRE(g.current());
  CHECK(*g.current() == fs::canonical(published).string());
  CHECK(resolve_index(out) == fs::canonical(published).string());
  CHECK(testing::read_file(fs::path(out) / "donnees") == "v1");
  CHECK_FALSE(fs::exists(work));
  // The next generation starts empty: a published generation is never written again.
  const std::string work2 = g.begin();
  CHECK(fs::is_empty(work2));
  testing::write_file(fs::path(work2) / "donnees", "v2");
  g.publish(work2);
  CHECK(testing::read_file(fs::path(out) / "donnees") == "v2");
}

TEST_CASE("the current and the previous generations are kept, older ones removed", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  Generations g(out);
  for (int i = 0; i < 5; ++i) g.publish(g.begin());
  CHECK(entries(out + ".d") == std::vector<std::string>{"000004", "000005"});
  CHECK(fs::path(*g.current()).filename() == "000005");
}

TEST_CASE("a second writer is refused by the lock, then admitted once it is released", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  {
    const IndexLock first(out, std::chrono::milliseconds(0));
    CHECK_THROWS_AS(IndexLock(out, std::chrono::milliseconds(0)), IndexBusy);
    CHECK_FALSE(IndexLock::try_acquire(out));
  }
  CHECK(IndexLock::try_acquire(out));
}

TEST_CASE("what interrupted runs left is removed, never published, the last published generation stays",
          "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  std::string published;
  {
    Generations g(out);
    g.publish(g.begin());
    published = g.publish(g.begin());  // 000002, with 000001 kept for readers
    g.begin();                         // 000003.tmp, abandoned: as if the run had been killed
  }
  // A run killed between the rename and the link switch left a generation that was never linked.
  fs::create_directories(fs::path(out + ".d") / "000004");
  Generations again(out);
  CHECK(entries(out + ".d") == std::vector<std::string>{"000001", "000002"});
  REQUIRE(again.current());
  CHECK(fs::path(*again.current()).filename() == "000002");
  // The next generation does not take the current one's place.
  const std::string next = again.publish(again.begin());
  CHECK(fs::path(next).filename() == "000003");
  CHECK(entries(out + ".d") == std::vector<std::string>{"000002", "000003"});
}

TEST_CASE("an abandoned working directory is removed", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  Generations g(out);
  const std::string work = g.begin();
  testing::write_file(fs::path(work) / "gros", std::string(1000, 'x'));
  g.abandon(work);
  CHECK_FALSE(fs::exists(work));
}

TEST_CASE("an existing directory that is not an index is not overwritten", "[generations]") {
  testing::TempDir dir;
  fs::create_directories(dir / "index");
  CHECK_THROWS_AS(Generations((dir / "index").string()), IndexError);
  CHECK(resolve_index((dir / "absent").string()) == (dir / "absent").string());
}
