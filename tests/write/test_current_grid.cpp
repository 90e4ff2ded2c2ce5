// The write side's grid follows schemas/ (CurrentGrid): a vocabulary value added while the server
// runs is accepted without a restart; schemas that no longer load leave the last grid in use.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "pratiques/write/current_grid.h"
#include "support.h"

using pratiques::write::CurrentGrid;

TEST_CASE("the write side's grid follows a vocabulary change without a restart", "[write][grid]") {
  testing::TempDir dir;
  testing::copy_tree(testing::schemas(), dir / "schemas");
  CurrentGrid current((dir / "schemas").string(), std::chrono::milliseconds(0));  // looked at every time
  const auto before = current.get();
  CHECK_FALSE(before->vocabularies.at("thematiques").find("sport-loisirs"));
  {
    std::ofstream add(dir / "schemas" / "vocabulaires" / "thematiques.yaml", std::ios::app);
    add << "  - slug: sport-loisirs\n    libelle: \"Sport et loisirs\"\n    ajout: true\n";
  }
  const auto after = current.get();
  CHECK(after->vocabularies.at("thematiques").find("sport-loisirs"));
  CHECK(before->vocabularies.at("thematiques").find("sport-loisirs") == nullptr);  // still whole for its users
  // Half edited, the schemas do not load: the last grid stays in use.
  {
    std::ofstream broken(dir / "schemas" / "vocabulaires" / "thematiques.yaml", std::ios::app);
    broken << "  - slug: [\n";
  }
  // …and the server says so, once: the operator saw the forms refuse the new value, and no reason.
  std::ostringstream said;
  auto* const cerr = std::cerr.rdbuf(said.rdbuf());
  const auto kept = current.get();
  const auto again = current.get();
  std::cerr.rdbuf(cerr);
  CHECK(kept == after);
  CHECK(again == after);
  const std::string log = said.str();
  CHECK(log.find("schémas illisibles, la grille précédente reste en service") != std::string::npos);
  CHECK(log.find("thematiques.yaml") != std::string::npos);
  CHECK(log.find("schémas illisibles", log.find("schémas illisibles") + 1) == std::string::npos);  // once
}
