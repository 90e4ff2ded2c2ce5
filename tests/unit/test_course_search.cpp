// Courses found by a search (CourseFinder): every word of the query in the course, by its written
// form or its stem; stop words, excluded words and field prefixes aside; diploma filters honoured.
#include <catch2/catch.hpp>

#include "pratiques/course_search.h"

using namespace pratiques;

namespace {

CourseFinder finder() {
  CourseFinder f;
  f.set_stopwords({"des", "de", "la", "et"});
  f.add({"habitants", "La participation des habitants", "Étudiants DEASS"},
        {"Étudiants DEASS", "Analyser les niveaux de participation", "DE d'assistant de service social (DEASS)"},
        {{"diplomes", "deass"}});
  f.add({"quartier", "Agir dans un quartier", "Éducateurs"},
        {"Éducateurs en formation", "Comprendre comment les habitants s'organisent"}, {{"diplomes", "dees"}});
  return f;
}

std::vector<std::string> ids(const std::vector<CourseHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

std::vector<std::string> found(const std::string& q, std::vector<std::pair<std::string, std::string>> filters = {}) {
  SearchRequest r;
  r.query = q;
  r.filters = std::move(filters);
  return ids(finder().find(r));
}

}  // namespace

TEST_CASE("a course matches when it holds every word of the query", "[courses]") {
  CHECK(found("participation des habitants") == std::vector<std::string>{"habitants"});
  // Same stem ("organisent" / "participation" do not share one; "habitant" / "habitants" do).
  CHECK(found("habitant") == std::vector<std::string>{"habitants", "quartier"});
  CHECK(found("PARTICIPATION habitants").size() == 1);
  CHECK(found("participation jardin").empty());
  CHECK(found("DEASS") == std::vector<std::string>{"habitants"});
  // As the reader sees it: fullwidth letters, a zero-width space inside a word.
  CHECK(found("ＤＥＡＳＳ") == std::vector<std::string>{"habitants"});
  CHECK(found("habi\u200Btants participation") == std::vector<std::string>{"habitants"});
}

TEST_CASE("courses with the words in their title come first", "[courses]") {
  // Both hold "habitants"; only the first has it in its title; then the title order.
  CHECK(found("habitants") == std::vector<std::string>{"habitants", "quartier"});
  CHECK(found("quartier habitants") == std::vector<std::string>{"quartier"});
}

TEST_CASE("stop words, excluded words and field prefixes are not required", "[courses]") {
  CHECK(found("des").empty());  // nothing left to match
  CHECK(found("habitants -jardin").size() == 2);
  CHECK(found("participation:habitants").size() == 2);
}

TEST_CASE("diploma filters must hold and filters on sheet facets hide courses", "[courses]") {
  CHECK(found("habitants", {{"diplomes", "dees"}}) == std::vector<std::string>{"quartier"});
  CHECK(found("habitants", {{"diplomes", "dees"}, {"diplomes", "deass"}}).size() == 2);
  CHECK(found("habitants", {{"departement", "59"}}).empty());
  // No words: the courses of the diploma (« diplomes=deeje » listed none of its 4 courses); no
  // filter either, none, but every course in a search restricted to courses.
  CHECK(found("", {{"diplomes", "dees"}}) == std::vector<std::string>{"quartier"});
  CHECK(found("").empty());
  CHECK(found("", {{"departement", "59"}}).empty());
  CHECK(ids(finder().find(SearchRequest{}, 5, true)) == std::vector<std::string>{"quartier", "habitants"});
}

TEST_CASE("a word whose stem is a short word's is held as written", "[courses]") {
  // « ETS », stemmed « et », found every course.
  CourseFinder f;
  f.set_stopwords({"et"});
  f.add({"a", "Projets et partenaires", ""}, {"Écrire et agir"}, {});
  f.add({"b", "Le métier d'ETS", ""}, {"Atelier"}, {});
  SearchRequest r;
  r.query = "ETS";
  CHECK(ids(f.find(r)) == std::vector<std::string>{"b"});
}

TEST_CASE("a synonym term of the query is held by a course that names its group", "[courses][synonyms]") {
  CourseFinder f;
  f.set_stopwords({"de", "la", "le"});
  f.set_synonyms(SynonymMatcher({{"anneau:DSL", {"DSL", "développement social local"}, {}}}, Analyzer(), {"de"}));
  f.add({"dsl", "Le développement social local pas à pas", ""}, {"Repérer les acteurs d'un territoire"}, {});
  f.add({"acteurs", "Acteurs et territoire", ""}, {"Le DSL en pratique"}, {});
  f.add({"social", "Le local social", ""}, {"Développement des quartiers"}, {});
  const auto found_by = [&f](const std::string& q) {
    SearchRequest r;
    r.query = q;
    return ids(f.find(r));
  };
  // The acronym finds the course that spells it out, first for its title, and the reverse.
  CHECK(found_by("DSL") == std::vector<std::string>{"dsl", "acteurs"});
  CHECK(found_by("développement social local") == std::vector<std::string>{"dsl", "acteurs", "social"});
  CHECK(found_by("DSL territoire") == std::vector<std::string>{"acteurs", "dsl"});
  CHECK(found_by("DSQ").empty());
}
