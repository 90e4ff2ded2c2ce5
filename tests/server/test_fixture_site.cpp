// Not a test of the server: the site that its tests serve, built once per ctest run (hidden, run by
// the fixture "server: the fixture site that the server tests copy", tests/server/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "server_fixture.h"

namespace fs = std::filesystem;

TEST_CASE("the fixture corpus indexed and built as a site, for the server tests to copy", "[.fixture-site]") {
  const char* out = std::getenv("PRATIQUES_TEST_SITE");
  REQUIRE(out != nullptr);
  // Built beside, then renamed: a run interrupted here leaves no half-built site to copy.
  const fs::path site(out), building = site.string() + ".construction";
  fs::remove_all(building);
  fs::remove_all(site);
  testing::build_fixture_site(building);
  fs::rename(building, site);
  REQUIRE(fs::exists(site / "public" / "index.html"));
}
