#include "hits.h"

#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdlib>
#include <span>
#include <sstream>
#include <string_view>

namespace pratiques {

namespace {

// The keys of a result's stored data, and the members of its Hit they fill.
using Field = std::pair<std::string_view, std::string Hit::*>;
constexpr Field kFields[] = {
    {"id", &Hit::id}, {"titre", &Hit::title}, {"en_bref", &Hit::summary}, {"porteur", &Hit::carrier}};
constexpr Field kPlaceFields[] = {
    {"nom", &Hit::place}, {"departement", &Hit::departement}, {"region", &Hit::region}};  // "territoire"

// A result's stored data (the indexer's SheetDocumentBuilder writes it) read into its Hit as Poco's
// parser goes: building the JSON tree instead, one Poco::Dynamic::Var a value, cost as much again
// as the parse. Keys it does not know are skipped.
class StoredData : public Poco::JSON::Handler {
 public:
  explicit StoredData(Hit& hit) : hit_(hit) {}
  void reset() override { depth_ = 0; }
  void startObject() override { ++depth_; }
  void endObject() override { --depth_; }
  void startArray() override { ++depth_; }
  void endArray() override { --depth_; }
  void key(const std::string& k) override { (depth_ == 1 ? field_ : subfield_) = k; }
  void value(const std::string& v) override {
    if (depth_ == 1)
      set(kFields, field_, v);
    else if (depth_ == 2 && field_ == "thematiques")
      hit_.themes.push_back({v, ""});
    else if (depth_ == 2 && field_ == "territoire")
      set(kPlaceFields, subfield_, v);
  }
  void null() override {}
  void value(int) override {}
  void value(unsigned) override {}
  void value(Poco::Int64) override {}
  void value(Poco::UInt64) override {}
  void value(double) override {}
  void value(bool) override {}

 private:
  void set(std::span<const Field> fields, const std::string& key, const std::string& v) {
    for (const auto& [name, member] : fields)
      if (key == name) hit_.*member = v;
  }

  Hit& hit_;
  int depth_ = 0;
  std::string field_, subfield_;  // the key read at depth 1, and at depth 2
};

}  // namespace

HitReader::HitReader(Catalog& cat, const Analyzer& analyzer, const SynonymMatcher& synonyms, const FacetSpace& facets,
                     const std::vector<std::pair<std::string, std::string>>& prefixes,
                     const std::set<std::string>& stopwords)
    : analyzer_(analyzer),
      synonyms_(synonyms),
      facets_(facets),
      prefixes_(prefixes),
      stopwords_(stopwords),
      texts_(cat),
      sheet_values_(cat),
      keywords_(cat) {
  for (const auto& w : stopwords_) stop_stems_.insert(analyzer_.stem(w));
  for (const auto& v : catalogue::vocabularies(cat)) labels_[v.vocab][v.slug] = v.label;
  for (const auto& f : facets_.facets()) {
    if (f.vocabulary.empty() || synonyms_of_values_.count(f.vocabulary)) continue;
    auto& of = synonyms_of_values_[f.vocabulary];
    for (const auto& c : catalogue::vocabulary_concepts(cat, f.vocabulary)) {
      std::istringstream lines(c.alt_labels);
      for (std::string l; std::getline(lines, l);)
        if (!l.empty()) of[c.slug].push_back(l);
    }
  }
}

std::string HitReader::label(const std::string& vocab, const std::string& slug) const {
  auto v = labels_.find(vocab);
  if (v == labels_.end()) return slug;
  auto e = v->second.find(slug);
  return e == v->second.end() ? slug : e->second;
}

Hit HitReader::hit_of(const Xapian::Document& doc, double score, const Highlight& sought) {
  Hit h;
  h.score = score;
  std::string raw = doc.get_data();
  raw.resize(std::min(raw.size(), raw.find('\0')));  // format 3 kept the body after a NUL
  Poco::JSON::Parser(new StoredData(h)).parse(raw);
  for (auto& theme : h.themes) theme.label = label("thematiques", theme.value);
  if (!h.departement.empty()) h.departement_name = label("departements", h.departement);
  if (!h.region.empty()) h.region_name = label("regions", h.region);
  h.snippet = extract_of(h, sought);
  return h;
}

// The summary's extract; else the body's, when it holds what was sought; else the summary
// followed by the labels that matched ("Publics : Personnes âgées et retraités"): a sheet found
// through its vocabulary shows why it came up.
Extract HitReader::extract_of(const Hit& h, const Highlight& sought) {
  if (sought.empty()) return make_snippet(analyzer_, h.summary, sought);
  if (auto summary = find_snippet(analyzer_, h.summary, sought)) return *std::move(summary);
  if (auto body = find_snippet(analyzer_, texts_.text(h.id), sought)) return *std::move(body);
  Extract labels;
  const auto by_facet = sheet_values_.of(h.id);
  for (const auto& f : facets_.facets()) {
    const auto of = by_facet.find(f.key);
    if (of == by_facet.end()) continue;
    std::string line;
    for (const auto& v : of->second) line += (line.empty() ? "" : ", ") + v.label;
    if (line.empty()) continue;
    if (auto e = find_snippet(analyzer_, f.label + " : " + line, sought, 160)) labels.append(" ; ", *e);
  }
  // No label says what was sought: the keywords may ("focus group" for "groupe de parole"), else a
  // synonym of a value does.
  if (!labels.marked()) {
    std::string line;
    for (const auto& k : keywords_.of(h.id)) line += (line.empty() ? "" : ", ") + k;
    if (!line.empty())
      if (auto e = find_snippet(analyzer_, "Mots-clés : " + line, sought, 160)) labels.append(" ; ", *e);
  }
  if (!labels.marked())
    for (const auto& f : facets_.facets())
      if (const auto of = by_facet.find(f.key); of != by_facet.end())
        if (auto e = through_synonym(f, of->second, sought)) labels.append(" ; ", *e);
  if (!labels.marked()) return make_snippet(analyzer_, h.summary, sought);
  Extract out = make_snippet(analyzer_, h.summary, sought, 140);
  out.append(" — ", labels);
  return out;
}

// A facet's value found through one of its synonyms, then that synonym ("SDF": "Thématiques :
// Hébergement et urgence sociale (sans domicile)"): the labels alone would mark nothing.
std::optional<Extract> HitReader::through_synonym(const FacetSpec& f, const std::vector<catalogue::ValueLabel>& values,
                                                  const Highlight& sought) const {
  const auto vocab = synonyms_of_values_.find(f.vocabulary);
  if (vocab == synonyms_of_values_.end()) return std::nullopt;
  for (const auto& v : values) {
    const auto synonyms = vocab->second.find(v.value);
    if (synonyms == vocab->second.end()) continue;
    for (const auto& synonym : synonyms->second) {
      const auto marked = find_snippet(analyzer_, synonym, sought, 160);
      if (!marked || marked->text != synonym) continue;  // a synonym is short: it is its whole window
      Extract out{f.label + " : " + v.label + " (", {}};
      out.append("", *marked);
      out.text += ")";
      return out;
    }
  }
  return std::nullopt;
}

// A term of a field without its prefix ("XPORTEURmsa" → "msa", "ZXTHEMElogement" → "Zlogement"):
// what an extract marks of `porteur:msa`, wherever the summary or the text says it. (A section's
// word is already the text's term: QueryPlanner::section_word.)
std::string HitReader::unprefixed(const std::string& term) const {
  const std::size_t from = term.size() > 1 && term[0] == 'Z' && term[1] >= 'A' && term[1] <= 'Z' ? 1 : 0;
  for (const auto& [name, prefix] : prefixes_) {
    const std::size_t rest = from + prefix.size();
    if (term.size() > rest && term.compare(from, prefix.size(), prefix) == 0 &&
        !(term[rest] >= 'A' && term[rest] <= 'Z'))
      return term.substr(0, from) + term.substr(rest);
  }
  return term;
}

namespace {

// The terms of `q` sought on their own (`alone`) and its phrases, each word with its terms: a word
// that the query seeks only in a phrase (quoted: "garantie jeunes"; typed with hyphens) is marked
// only where the phrase occurs. A section's phrase (freins:"mobilité des jeunes") is its words in
// the section filtered by the phrase in the text: its phrase is what the reader sees.
void sought_terms(const Xapian::Query& q, std::set<std::string>& alone,
                  std::vector<std::vector<std::set<std::string>>>& phrases) {
  using Q = Xapian::Query;
  if (q.get_type() == Q::LEAF_TERM) {
    if (q.get_terms_begin() != q.get_terms_end()) alone.insert(*q.get_terms_begin());
    return;
  }
  if (q.get_type() == Q::OP_PHRASE) {
    auto& phrase = phrases.emplace_back();
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Q word = q.get_subquery(i);
      phrase.emplace_back(word.get_unique_terms_begin(), word.get_unique_terms_end());
    }
    return;
  }
  bool filtered_by_phrase = false;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    filtered_by_phrase =
        filtered_by_phrase || (q.get_type() == Q::OP_FILTER && q.get_subquery(i).get_type() == Q::OP_PHRASE);
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    if (!filtered_by_phrase || q.get_subquery(i).get_type() == Q::OP_PHRASE)
      sought_terms(q.get_subquery(i), alone, phrases);
}

}  // namespace

Highlight HitReader::highlight(const Xapian::Query& q, const RewrittenQuery& rq) const {
  Highlight out;
  out.synonyms = &synonyms_;
  // The stems of the words typed; of those that are no stop words, a stem that a stop word shares
  // is marked all the same ("lutte" marks "lutter", a word of a request).
  std::set<std::string> typed, typed_content;
  for (const auto& w : rq.free_words) typed.insert(analyzer_.stem(w));
  for (const auto& [where, w] : rq.field_words) typed.insert(analyzer_.stem(w));
  for (const auto& w : rq.words)
    if (!stopwords_.count(w)) typed_content.insert(analyzer_.stem(w));
  // A term as the extracts read it: a stem, a word as written, or a synonym group; stop words are
  // left out of words sought alone (`stop_words`), not of phrases.
  const auto add = [&](const std::string& prefixed, std::set<std::string>& terms, std::set<std::string>& stems,
                       std::set<int>& groups, bool stop_words) {
    const std::string term = unprefixed(prefixed);
    if (term.empty()) return;
    const unsigned char c = static_cast<unsigned char>(term[0]);
    // A stem: of a word, or of a number ("Z23", "Z14e": the parser leaves numbers to inflected()).
    if (term.size() > 1 && term[0] == 'Z' &&
        ((term[1] >= 'a' && term[1] <= 'z') || (term[1] >= '0' && term[1] <= '9'))) {
      const std::string stem = term.substr(1);
      if (!stop_words || !stop_stems_.count(stem) || typed_content.count(stem)) stems.insert(stem);
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      if (!stop_words || !stopwords_.count(term)) terms.insert(term);
    } else if (term.size() > 2 && term.compare(0, 2, "XY") == 0 && term[2] >= '0' && term[2] <= '9') {
      groups.insert(std::atoi(term.c_str() + 2));
    }
  };
  std::set<std::string> alone;
  std::vector<std::vector<std::set<std::string>>> phrases;
  sought_terms(q, alone, phrases);
  for (const auto& term : alone) add(term, out.terms, out.stems, out.groups, true);
  for (const auto& phrase : phrases) {
    std::vector<PhraseWord> words;
    std::set<int> no_groups;
    for (const auto& forms : phrase) {
      PhraseWord& w = words.emplace_back();
      for (const auto& term : forms) add(term, w.terms, w.stems, no_groups, false);
    }
    if (!words.empty()) out.phrases.push_back(std::move(words));
  }
  for (int g : rq.field_groups) {
    out.groups.insert(g);
    for (const auto& stem : synonyms_.stems(g).all)
      if (!typed.count(stem)) out.stems.erase(stem);
  }
  return out;
}

}  // namespace pratiques
