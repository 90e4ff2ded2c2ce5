// Courses (parcours) that match a search, listed above the sheets on the results page. A corpus
// holds tens of courses, not thousands: they are matched in memory instead of being indexed with the
// sheets (whose counts, facets and ranking they would disturb). A course matches when every word of
// the query (stop words aside) is a word of its title, audience, objectives, sessions, text
// (preamble and sections), diplomas or competence domains, written the same or with the same
// French stem; a synonym term of the query (an
// acronym, an expansion, a ring's term: SynonymMatcher) is held by a course that says any term of
// its group ("DSL" finds the course on "développement social local"), or all the term's words.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/search.h"
#include "pratiques/synonyms.h"

namespace pratiques {

class Catalog;

struct CourseHit {
  std::string id, title, audience;
};

// Whether courses carry the facet `key` (diplomas, competence domains); the others describe sheets.
bool courses_carry(std::string_view key);

class CourseFinder {
 public:
  CourseFinder() = default;
  // Reads the courses of an index generation's catalogue (with the labels of their vocabularies).
  static CourseFinder load(Catalog& catalog);
  // The courses matching the request's words, best first (more words in the title, then title
  // order): the title weighs more than all the rest. A filter on `diplomes` or `domaines_competences` must hold for the
  // course; a filter on any other facet (a département, a public…) describes sheets, not courses: none is returned.
  // Without words, the courses that the filters on diplomas and competence domains keep, in title
  // order; with no filter either, every course when `every` (a search restricted to courses), none
  // otherwise. Thread-safe.
  std::vector<CourseHit> find(const SearchRequest& request, std::size_t max = 5, bool every = false) const;
  std::size_t size() const { return courses_.size(); }

  // Adds a course: its hit (whose title is searched), its other texts, its (facet key, value) pairs.
  void add(CourseHit hit, const std::vector<std::string>& texts, std::set<std::pair<std::string, std::string>> values);
  // Words never required (the search configuration's mots_vides), as written.
  void set_stopwords(const std::vector<std::string>& words);
  // The synonym groups courses are matched by: before the courses are added.
  void set_synonyms(SynonymMatcher synonyms) { synonyms_ = std::move(synonyms); }

 private:
  struct Course {
    CourseHit hit;
    std::set<std::string> title_words, words;  // folded words, and their stems prefixed with "Z"
    std::set<int> title_groups, groups;        // synonym groups they name
    std::set<std::pair<std::string, std::string>> values;
  };
  std::vector<Course> courses_;
  std::set<std::string> stopwords_;
  SynonymMatcher synonyms_;
};

}  // namespace pratiques
