// Atomic publication of index generations (generations.cpp).
#include <catch2/catch.hpp>

#include "pratiques/generations.h"
#include "support.h"

using namespace pratiques;
namespace fs = std::filesystem;

TEST_CASE("a generation is published through a symbolic link", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  Generations g(out);
  CHECK_FALSE(g.current());
  const std::string work = g.begin(false);
  CHECK(work.size() > 4);
  CHECK(work.substr(work.size() - 4) == ".tmp");
  testing::write_file(fs::path(work) / "donnees", "v1");
  const std::string published = g.publish(work);
  CHECK(fs::is_symlink(out));
  REQUIRE(g.current());
  CHECK(*g.current() == fs::canonical(published).string());
  CHECK(resolve_index(out) == fs::canonical(published).string());
  CHECK(testing::read_file(fs::path(out) / "donnees") == "v1");
  CHECK_FALSE(fs::exists(work));
  // The next generation starts as a copy of the current one.
  const std::string work2 = g.begin(true);
  CHECK(testing::read_file(fs::path(work2) / "donnees") == "v1");
  testing::write_file(fs::path(work2) / "donnees", "v2");
  g.publish(work2);
  CHECK(testing::read_file(fs::path(out) / "donnees") == "v2");
}

TEST_CASE("only the current and the previous generations are kept", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  Generations g(out);
  for (int i = 0; i < 5; ++i) g.publish(g.begin(true));
  std::size_t kept = 0;
  for (const auto& e : fs::directory_iterator(out + ".d"))
    if (e.is_directory()) ++kept;
  CHECK(kept == 2);
}

TEST_CASE("two writers cannot hold the same index", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  Generations first(out);
  CHECK_THROWS_AS(Generations(out), std::runtime_error);
}

TEST_CASE("leftovers of an interrupted run are removed, never published", "[generations]") {
  testing::TempDir dir;
  const std::string out = (dir / "index").string();
  {
    Generations g(out);
    g.publish(g.begin(false));
    g.begin(true);  // abandoned: as if the process had been killed
  }
  bool leftover = false;
  for (const auto& e : fs::directory_iterator(out + ".d")) leftover = leftover || e.path().extension() == ".tmp";
  CHECK(leftover);
  Generations again(out);
  for (const auto& e : fs::directory_iterator(out + ".d")) CHECK(e.path().extension() != ".tmp");
  CHECK(again.current());
}

TEST_CASE("an existing directory that is not an index is not overwritten", "[generations]") {
  testing::TempDir dir;
  fs::create_directories(dir / "index");
  CHECK_THROWS_AS(Generations((dir / "index").string()), std::runtime_error);
  CHECK(resolve_index((dir / "absent").string()) == (dir / "absent").string());
}
