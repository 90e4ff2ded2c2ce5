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
#include "pratiques/query.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

// Analysers keep per-thread caches and a stemmer that is not thread-safe: one per thread.
const Analyzer& analyzer() {
  thread_local const Analyzer a;
  return a;
}

// A text's tokens without the whole forms of hyphenated compounds, as synonym matching reads them.
std::vector<Token> unjoined_tokens(std::string_view text) {
  std::vector<Token> tokens = analyzer().tokenize_stemmed(text);
  std::erase_if(tokens, [](const Token& t) { return t.joined; });
  return tokens;
}

// What a course must hold for a query: each synonym term of the query (the group, or all its
// words), and each other word that is not a stop word, an excluded word (-mot) or a field prefix
// (freins:).
struct Unit {
  std::vector<std::string> words;
  std::set<int> groups;  // empty: a plain word
  bool operator==(const Unit&) const = default;
};

std::vector<Unit> required_units(std::string_view query, const std::set<std::string>& stopwords,
                                 const SynonymMatcher& synonyms) {
  const std::vector<Token> tokens = unjoined_tokens(query);
  const auto required = [&](const Token& t) {
    if (stopwords.count(t.term)) return false;
    if (t.begin > 0 && query[t.begin - 1] == '-' && (t.begin == 1 || query[t.begin - 2] == ' ')) return false;
    return !(t.end < query.size() && query[t.end] == ':');
  };
  const std::vector<SynonymMatch> matches = synonyms.longest(tokens);
  std::vector<Unit> out;
  const auto add = [&out](Unit u) {
    if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(std::move(u));
  };
  for (std::size_t i = 0; i < tokens.size();) {
    Unit u;
    std::size_t last = i;
    for (const auto& m : matches)
      if (m.first == i) {
        u.groups.insert(m.group);
        last = m.last;
      }
    if (!required(tokens[i])) {  // "-DSL": the term is excluded, not required
      u.groups.clear();
      last = i;
    }
    for (std::size_t k = i; k <= last; ++k)
      if (required(tokens[k])) u.words.push_back(tokens[k].term);
    if (!u.words.empty()) add(std::move(u));
    i = last + 1;
  }
  return out;
}

// As written, or by its stem, unless the stem is a short word's (stem_misleads: « ETS », stemmed
// « et », found every course).
bool has(const std::set<std::string>& words, const std::string& term, const std::set<std::string>& stopwords) {
  const std::string& stem = analyzer().stem(term);
  return words.count(term) || (!stem_misleads(term, stem, stopwords) && words.count("Z" + stem));
}

bool holds(const std::set<std::string>& words, const std::set<int>& groups, const Unit& u,
           const std::set<std::string>& stopwords) {
  return std::any_of(u.groups.begin(), u.groups.end(), [&groups](int g) { return groups.count(g) > 0; }) ||
         std::all_of(u.words.begin(), u.words.end(), [&](const std::string& w) { return has(words, w, stopwords); });
}

}  // namespace

void CourseFinder::set_stopwords(const std::vector<std::string>& words) {
  stopwords_.clear();
  for (const auto& w : words)
    for (const auto& t : analyzer().tokenize(w)) stopwords_.insert(t.term);
}

void CourseFinder::add(CourseHit hit, const std::vector<std::string>& texts,
                       std::set<std::pair<std::string, std::string>> values) {
  // A text's words (folded, and their stems prefixed with "Z") and the synonym groups it names,
  // from one pass of the analyser.
  const auto read = [this](const std::string& text, std::set<std::string>& words, std::set<int>& groups) {
    std::vector<Token> tokens = analyzer().tokenize_stemmed(text);
    for (const auto& t : tokens) {
      words.insert(t.term);
      words.insert("Z" + t.stem);
    }
    std::erase_if(tokens, [](const Token& t) { return t.joined; });
    for (const auto& m : synonyms_.match(tokens)) groups.insert(m.group);
  };
  Course c;
  read(hit.title, c.title_words, c.title_groups);
  c.words = c.title_words;
  c.groups = c.title_groups;
  for (const auto& text : texts) read(text, c.words, c.groups);
  c.hit = std::move(hit);
  c.values = std::move(values);
  courses_.push_back(std::move(c));
}

bool courses_carry(std::string_view key) { return key == "diplomes" || key == "domaines_competences"; }

std::vector<CourseHit> CourseFinder::find(const SearchRequest& request, std::size_t max, bool every) const {
  std::map<std::string, std::set<std::string>> filters;
  for (const auto& [key, value] : request.filters) {
    if (!courses_carry(key)) return {};
    filters[key].insert(value);
  }
  const std::vector<Unit> units = required_units(text::nfkc_visible(request.query), stopwords_, synonyms_);
  // No words: « diplomes=deeje » listed none of the 4 courses of the DEEJE.
  if (units.empty() && filters.empty() && !every) return {};
  std::vector<std::pair<std::size_t, const Course*>> found;  // (words in the title, course)
  for (const auto& c : courses_) {
    const bool filtered = std::all_of(filters.begin(), filters.end(), [&c](const auto& f) {
      return std::any_of(f.second.begin(), f.second.end(), [&](const std::string& v) {
        return c.values.count({f.first, v}) > 0;
      });
    });
    if (!filtered || !std::all_of(units.begin(), units.end(),
                                  [&](const Unit& u) { return holds(c.words, c.groups, u, stopwords_); }))
      continue;
    const auto in_title = static_cast<std::size_t>(std::count_if(units.begin(), units.end(), [&](const Unit& u) {
      return holds(c.title_words, c.title_groups, u, stopwords_);
    }));
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
  finder.set_synonyms(SynonymMatcher::load(catalog, analyzer()));

  std::map<std::pair<std::string, std::string>, std::string> labels;
  for (const auto& v : catalogue::vocabularies(catalog))
    if (v.vocab == "diplomes" || v.vocab == "domaines_competences") labels[{v.vocab, v.slug}] = v.label;

  // Each course's text: its sections, as Markdown (their syntax is no word; a link's address adds
  // a few words of its own).
  std::map<std::string, std::vector<std::string>> sections;
  catalogue::each_course_section(
      catalog, [&sections](catalogue::SectionRow& s) { sections[s.owner].push_back(s.title + "\n" + s.markdown); });
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
    if (const auto sessions = front ? front->getArray("seances") : nullptr)
      for (std::size_t i = 0; i < sessions->size(); ++i)
        if (const auto session = sessions->getObject(static_cast<unsigned>(i)))
          texts.push_back(session->optValue<std::string>("titre", ""));
    texts.push_back(c.body);
    if (auto own = sections.find(c.id); own != sections.end())
      texts.insert(texts.end(), own->second.begin(), own->second.end());
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
