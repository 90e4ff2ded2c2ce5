// Optional `correspondances` of a vocabulary value (SKOS mappings to an external thesaurus):
// read by the grid loader, bad ones refused with the file and line.
#include <catch2/catch.hpp>

#include "pratiques/grid.h"
#include "support.h"

namespace {

// A copy of schemas/ whose first thématique gets `lines` (YAML, indented for a value).
testing::fs::path schemas_with(const testing::TempDir& dir, const std::string& lines) {
  testing::copy_tree(testing::schemas(), dir / "schemas");
  const auto file = dir / "schemas" / "vocabulaires" / "thematiques.yaml";
  std::string yaml = testing::read_file(file);
  const std::string anchor = "  - slug: acces-aux-droits\n";
  yaml.replace(yaml.find(anchor), anchor.size(), anchor + lines);
  testing::write_file(file, yaml);
  return dir / "schemas";
}

}  // namespace

TEST_CASE("vocabulary correspondances are loaded as SKOS mappings", "[grid][skos]") {
  testing::TempDir dir;
  const auto schemas = schemas_with(
      dir,
      "    correspondances:\n      - type: closeMatch\n        uri: \"https://elsst.cessda.eu/id/5/acces\"\n"
      "      - type: exactMatch\n        uri: \"http://example.org/t#droits\"\n");
  const pratiques::Grid grid = pratiques::load_grid(schemas.string());
  const auto* entry = grid.vocabularies.at("thematiques").find("acces-aux-droits");
  REQUIRE(entry);
  CHECK(entry->matches ==
        std::vector<std::pair<std::string, std::string>>{{"closeMatch", "https://elsst.cessda.eu/id/5/acces"},
                                                         {"exactMatch", "http://example.org/t#droits"}});
}

TEST_CASE("a bad correspondance names the file and line", "[grid][skos]") {
  testing::TempDir dir;
  const auto schemas =
      schemas_with(dir, "    correspondances:\n      - type: sameAs\n        uri: \"https://x.example/a\"\n");
  try {
    pratiques::load_grid(schemas.string());
    FAIL("grid loaded");
  } catch (const pratiques::GridError& e) {
    CHECK(std::string(e.what()).find("thematiques.yaml:11:") != std::string::npos);
    CHECK(std::string(e.what()).find("exactMatch, closeMatch") != std::string::npos);
  }
  testing::TempDir other;
  const auto no_uri =
      schemas_with(other, "    correspondances:\n      - type: closeMatch\n        uri: \"javascript:alert(1)\"\n");
  CHECK_THROWS_AS(pratiques::load_grid(no_uri.string()), pratiques::GridError);
}
