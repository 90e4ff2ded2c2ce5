// Courses found by a search, from an index generation's catalogue (CourseFinder::load): the course
// of tests/site/fixtures/content is found by the words of its title and audience.
#include <catch2/catch.hpp>

#include "pratiques/catalog.h"
#include "pratiques/course_search.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_writer.h"
#include "support.h"

using namespace pratiques;
using namespace testing;

namespace {

const CourseFinder& finder() {
  static TempDir dir;
  static const CourseFinder f = [] {
    IndexOptions o;
    o.content = (source_dir() / "tests/site/fixtures/content").string();
    o.schemas = schemas().string();
    o.out = (dir.path() / "index").string();
    const IndexReport r = build_index(o);
    if (!r.published) throw std::runtime_error("site fixture not indexed:\n" + describe(r.diagnostics));
    Catalog cat((fs::path(resolve_index(o.out)) / kCatalogFile).string(), false);
    return CourseFinder::load(cat);
  }();
  return f;
}

std::vector<std::string> found(const std::string& q, std::vector<std::pair<std::string, std::string>> filters = {}) {
  SearchRequest r;
  r.query = q;
  r.filters = std::move(filters);
  std::vector<std::string> out;
  for (const auto& h : finder().find(r)) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("the courses of a catalogue are found by their title, audience and diploma", "[courses][catalogue]") {
  CHECK(finder().size() == 1);
  CHECK(found("groupe quartier") == std::vector<std::string>{"parcours-test"});
  CHECK(found("quartiers") == std::vector<std::string>{"parcours-test"});        // same stem
  CHECK(found("étudiants DEASS") == std::vector<std::string>{"parcours-test"});  // audience
  CHECK(found("groupe", {{"diplomes", "deass"}}) == std::vector<std::string>{"parcours-test"});
  CHECK(found("groupe", {{"diplomes", "dees"}}).empty());
  CHECK(found("groupe", {{"departement", "79"}}).empty());
  CHECK(found("astronautique").empty());
}

TEST_CASE("the courses of a catalogue are found by the words of their text", "[courses][catalogue]") {
  CHECK(found("binômes") == std::vector<std::string>{"parcours-test"});                // a section, « Activités »
  CHECK(found("crédiscussion échange") == std::vector<std::string>{"parcours-test"});  // notes for the trainer
  CHECK(found("binômes astronautique").empty());                                       // every word still required
}
