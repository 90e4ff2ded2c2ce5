#include "pratiques/course_search.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"

namespace pratiques {

namespace {

// Analysers keep per-thread caches and a stemmer that is not thread-safe: one per thread.
const Analyzer& analyzer() {
  thread_local const Analyzer a;
  return a;
}

std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> out;
  for (const auto& t : analyzer().tokenize(text)) {
    out.insert(t.term);
    out.insert("Z" + analyzer().stem(t.term));
  }
  return out;
}

bool has(const std::set<std::string>& words, const std::string& term) {
  return words.count(term) || words.count("Z" + analyzer().stem(term));
}

// The words a course must hold: not a stop word, an excluded word (-mot) or a field prefix (freins:).
std::vector<std::string> required_words(std::string_view query, const std::set<std::string>& stopwords) {
  std::vector<std::string> out;
  for (const auto& t : analyzer().tokenize(query)) {
    if (t.joined || stopwords.count(t.term)) continue;
    if (t.begin > 0 && query[t.begin - 1] == '-' && (t.begin == 1 || query[t.begin - 2] == ' ')) continue;
    if (t.end < query.size() && query[t.end] == ':') continue;
    if (std::find(out.begin(), out.end(), t.term) == out.end()) out.push_back(t.term);
  }
  return out;
}

}  // namespace

void CourseFinder::set_stopwords(const std::vector<std::string>& words) {
  stopwords_.clear();
  for (const auto& w : words)
    for (const auto& t : analyzer().tokenize(w)) stopwords_.insert(t.term);
}

void CourseFinder::add(CourseHit hit, const std::vector<std::string>& texts,
                       std::set<std::pair<std::string, std::string>> values) {
  Course c;
  c.title_words = words_of(hit.title);
  c.words = c.title_words;
  for (const auto& text : texts) c.words.merge(words_of(text));
  c.hit = std::move(hit);
  c.values = std::move(values);
  courses_.push_back(std::move(c));
}

std::vector<CourseHit> CourseFinder::find(const SearchRequest& request, std::size_t max) const {
  std::map<std::string, std::set<std::string>> filters;
  for (const auto& [key, value] : request.filters) {
    if (key != "diplomes" && key != "domaines_competences") return {};
    filters[key].insert(value);
  }
  const std::vector<std::string> words = required_words(request.query, stopwords_);
  if (words.empty()) return {};
  std::vector<std::pair<std::size_t, const Course*>> found;  // (words in the title, course)
  for (const auto& c : courses_) {
    const bool filtered = std::all_of(filters.begin(), filters.end(), [&c](const auto& f) {
      return std::any_of(f.second.begin(), f.second.end(), [&](const std::string& v) {
        return c.values.count({f.first, v}) > 0;
      });
    });
    if (!filtered || !std::all_of(words.begin(), words.end(), [&c](const std::string& w) { return has(c.words, w); }))
      continue;
    const auto in_title = static_cast<std::size_t>(
        std::count_if(words.begin(), words.end(), [&c](const std::string& w) { return has(c.title_words, w); }));
    found.emplace_back(in_title, &c);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second->hit.title < b.second->hit.title;
  });
  std::vector<CourseHit> out;
  for (std::size_t i = 0; i < found.size() && i < max; ++i) out.push_back(found[i].second->hit);
  return out;
}

CourseFinder CourseFinder::load(Catalog& catalog) {
  CourseFinder finder;
  std::vector<std::string> stopwords;
  std::istringstream sw(catalog.meta("mots_vides"));
  for (std::string w; std::getline(sw, w);)
    if (!w.empty()) stopwords.push_back(w);
  finder.set_stopwords(stopwords);

  std::map<std::pair<std::string, std::string>, std::string> labels;
  for (const auto& v : catalogue::vocabularies(catalog))
    if (v.vocab == "diplomes" || v.vocab == "domaines_competences") labels[{v.vocab, v.slug}] = v.label;

  for (const auto& c : catalogue::courses(catalog)) {
    Poco::JSON::Object::Ptr front;
    try {
      front = Poco::JSON::Parser().parse(c.front_json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
    }
    CourseHit hit{c.id, c.title, front ? front->optValue<std::string>("public_vise", "") : ""};
    std::vector<std::string> texts{hit.audience};
    std::set<std::pair<std::string, std::string>> values;
    const auto strings = [&front](const std::string& key) {
      std::vector<std::string> out;
      const auto a = front ? front->getArray(key) : nullptr;
      for (std::size_t i = 0; a && i < a->size(); ++i)
        if (a->get(static_cast<unsigned>(i)).isString()) out.push_back(a->get(static_cast<unsigned>(i)).toString());
      return out;
    };
    for (const auto& o : strings("objectifs_pedagogiques")) texts.push_back(o);
    for (const char* key : {"diplomes", "domaines_competences"})
      for (const auto& slug : strings(key)) {
        values.emplace(key, slug);
        if (auto it = labels.find({key, slug}); it != labels.end()) texts.push_back(it->second);
      }
    finder.add(std::move(hit), texts, std::move(values));
  }
  return finder;
}

}  // namespace pratiques
