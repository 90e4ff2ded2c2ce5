#include "pratiques/search.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/query.h"
#include "pratiques/snippet.h"
#include "pratiques/synonyms.h"
#include "pratiques/text.h"
#include "similar.h"

namespace fs = std::filesystem;

namespace pratiques {

std::optional<Sort> parse_sort(const std::string& name) {
  if (name.empty() || name == "pertinence") return Sort::Relevance;
  if (name == "date") return Sort::Date;
  if (name == "titre") return Sort::Title;
  return std::nullopt;
}

namespace {

// The length of a term's prefix: the index's prefixes are capitals, its words folded to lower case.
std::size_t prefix_length(const std::string& term) {
  return std::min(term.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), term.size());
}

// Xapian::Query::MatchAll is a static object whose reference count is not atomic: copying it from
// several server threads at once corrupts it (a crash under load). Each search builds its own.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

// The facet values of every document, read once per searcher: every search counts them over all
// its matches, and reading them from the database at each match cost more than the match itself.
class FacetTable {
 public:
  void load(const Xapian::Database& db) {
    offsets_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 2, 0);
    std::vector<std::uint16_t> decoded;
    Xapian::docid next = 0;  // offsets_ is filled up to this docid
    for (auto v = db.valuestream_begin(kSlotFacets); v != db.valuestream_end(kSlotFacets); ++v) {
      for (; next <= v.get_docid(); ++next) offsets_[next] = static_cast<std::uint32_t>(ids_.size());
      FacetSpace::decode(*v, decoded);
      ids_.insert(ids_.end(), decoded.begin(), decoded.end());
    }
    for (; next < offsets_.size(); ++next) offsets_[next] = static_cast<std::uint32_t>(ids_.size());
  }
  template <class F>
  void for_each(Xapian::docid did, F f) const {
    if (did + 1 >= offsets_.size()) return;
    for (std::uint32_t i = offsets_[did]; i < offsets_[did + 1]; ++i) f(ids_[i]);
  }

 private:
  std::vector<std::uint32_t> offsets_;  // document did's values: ids_[offsets_[did], offsets_[did + 1])
  std::vector<std::uint16_t> ids_;
};

// Counts facet values over every matching document (not only the page shown), and the documents
// whose weight reaches `complete_weight` (those that hold every unit of a Plan).
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(const FacetTable& table, std::size_t size) : counts(size, 0), table_(table) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    ++documents;
    if (weight >= complete_weight) ++complete;
    table_.for_each(doc.get_docid(), [this](std::uint16_t id) {
      if (id < counts.size()) ++counts[id];
    });
  }
  std::vector<unsigned> counts;
  Xapian::doccount documents = 0;  // every matching document
  Xapian::doccount complete = 0;
  double complete_weight = 0;

 private:
  const FacetTable& table_;
};

// The documents a match visits (every matching one: check_at_least = all).
class MatchingDocuments : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { docids.push_back(doc.get_docid()); }
  std::vector<Xapian::docid> docids;
};

// A plain query of this many units or more does not require every one of them (see Plan).
constexpr std::size_t kPartialFrom = 3;
// A query whose units fewer documents than this hold (a page of results) is relaxed down to one
// unit: the documents that hold fewer follow. A constant, not the page size: the ranking of a
// query never depends on how many results a page shows.
constexpr Xapian::doccount kFewerThanAPage = 10;
// Weight factors of the bonuses (Searcher::Impl::bonus), set on the tuning half of the relevance
// benchmark (bench/relevance/, each change's effect per kind in its README): the query's words in a
// row (weighed as one rare term, see Impl::phrase), each pair of its neighbouring words, and what
// a sheet is about (its themes, publics, modes, carrier, keywords), which counts twice what its
// text says (1 → 2: +0.004 on the tuning half, synonyms +0.023, phrases −0.009).
constexpr double kPhraseBonus = 1.0;
constexpr double kPairBonus = 0.5;
constexpr double kAboutBonus = 2.0;
// What a documented sheet weighs more than one still to be documented, as a share of the most the
// query can weigh: at equal relevance the documented sheet comes first, but a stub whose title
// names what is sought still outranks sheets that mention it in passing. Ranking every stub after
// every documented sheet that matched as many words cost 0.07 of nDCG@10 on the benchmark's
// held-out half (a documented mention in passing is not a better answer than the stub).
constexpr double kDocumentedLead = 0.1;
// BM25 with k1 = 2 (Xapian's default is 1): the field weights of recherche.yaml multiply a word's
// frequency, and with k1 = 1 a word of the title (×6) counted barely more than one of the body; and
// b = 0.3 (default 0.5): a sheet documented at length is not penalised for it. Set on the tuning half.
Xapian::BM25Weight weighting() { return Xapian::BM25Weight(2, 0, 1, 0.3, 0.5); }
// Query prefix of the concept terms of what a sheet is about (kAboutConceptPrefix): internal, the
// rewriter never lets a user type it.
constexpr const char* kAboutSynonym = "ssyn";

// The query run. A plain query of several units may be matched in part: each unit a document
// holds adds `step` to its weight, `step` being more than the rest of the query can weigh, so
// that documents rank by how many units they hold, then by weight; a weight cutoff keeps those
// that hold at least a given number of units (Xapian has no "minimum should match").
struct Plan {
  Xapian::Query query;
  Xapian::Query core;                // `query` without its bonuses: what the extracts mark
  std::vector<Xapian::Query> units;  // empty: every word is required
  double step = 0;
  double cutoff(std::size_t min_units) const { return static_cast<double>(min_units) * step - 0.5; }
};

// Does a document whose matching terms are `terms` satisfy `q`? (Which units a result holds.)
bool satisfies(const Xapian::Query& q, const std::set<std::string>& terms) {
  using Q = Xapian::Query;
  const std::size_t n = q.get_num_subqueries();
  auto all = [&] {
    for (std::size_t i = 0; i < n; ++i)
      if (!satisfies(q.get_subquery(i), terms)) return false;
    return true;
  };
  auto any = [&] {
    for (std::size_t i = 0; i < n; ++i)
      if (satisfies(q.get_subquery(i), terms)) return true;
    return false;
  };
  switch (q.get_type()) {
    case Q::LEAF_TERM: return q.get_terms_begin() != q.get_terms_end() && terms.count(*q.get_terms_begin()) > 0;
    case Q::LEAF_MATCH_ALL: return true;
    case Q::OP_AND:
    case Q::OP_PHRASE:
    case Q::OP_NEAR:
    case Q::OP_FILTER: return all();
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT: return n > 0 && satisfies(q.get_subquery(0), terms);
    case Q::OP_OR:
    case Q::OP_XOR:
    case Q::OP_ELITE_SET:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: return any();
    default: return false;
  }
}

// For each document of `mset`, in its order, the terms of `units` it holds: what satisfies() reads
// of Enquire::get_matching_terms(), which reads each document's whole term list (a tenth of a
// search's time); here each term's posting list is read once, skipping to the documents shown.
std::vector<std::set<std::string>> unit_terms_held(const Xapian::Database& db, const std::vector<Xapian::Query>& units,
                                                   const Xapian::MSet& mset) {
  std::set<std::string> terms;
  for (const auto& u : units)
    for (auto t = u.get_unique_terms_begin(); t != u.get_unique_terms_end(); ++t) terms.insert(*t);
  std::vector<std::pair<Xapian::docid, std::size_t>> docs;  // docid, rank: posting lists are read in docid order
  std::size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) docs.emplace_back(*it, rank++);
  std::sort(docs.begin(), docs.end());
  std::vector<std::set<std::string>> out(docs.size());
  for (const auto& term : terms) {
    if (term.empty()) continue;  // match_all(): no posting list of its own, no term of a document
    auto p = db.postlist_begin(term);
    const auto end = db.postlist_end(term);
    for (const auto& [did, r] : docs) {
      if (p == end) break;
      p.skip_to(did);
      if (p != end && *p == did) out[r].insert(term);
    }
  }
  return out;
}

// The filters of a request: OR within a facet, AND across facets.
class Selection {
 public:
  Selection(const FacetSpace& facets, const std::vector<std::pair<std::string, std::string>>& filters) {
    for (const auto& [key, value] : filters) {
      if (!facets.facet(key)) {
        std::vector<std::string> keys;
        for (const auto& f : facets.facets()) keys.push_back(f.key);
        std::string hint = text::closest(key, keys);
        throw SearchError("filtre inconnu « " + key + " »" +
                          (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?"));
      }
      auto& values = selected_[key];
      if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    }
  }
  bool empty() const { return selected_.empty(); }
  bool has(const std::string& key) const { return selected_.count(key) > 0; }
  bool has(const std::string& key, const std::string& value) const {
    const auto it = selected_.find(key);
    return it != selected_.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
  }
  const std::map<std::string, std::vector<std::string>>& by_facet() const { return selected_; }
  // For each document, bit j set when it holds one of the values selected of the j-th facet with
  // selected values (by_facet() order, at most 32: there are 11 facets), read from the posting
  // lists of the filter terms that apply() uses.
  std::vector<std::uint32_t> facets_held(const Xapian::Database& db) const {
    std::vector<std::uint32_t> out(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    std::uint32_t bit = 1;
    for (const auto& [key, values] : selected_) {
      for (const auto& v : values) {
        const std::string term = FacetSpace::filter_term(key, v);
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out[*p] |= bit;
      }
      bit <<= 1;
    }
    return out;
  }
  // `q` restricted to the values selected.
  Xapian::Query apply(const Xapian::Query& q) const {
    if (selected_.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q, in_every_facet_but(""));
  }
  // `q` restricted to the documents in the selection of every facet but one at most: the only ones
  // that the counts without a facet's own filter count (counts_without_own_filter), and with two
  // facets selected or more, far fewer than those of `q` alone. One facet selected: all of `q`.
  Xapian::Query apply_to_all_but_one(const Xapian::Query& q) const {
    if (selected_.size() < 2) return q;
    std::vector<Xapian::Query> alternatives;
    for (const auto& facet : selected_) alternatives.push_back(in_every_facet_but(facet.first));
    return Xapian::Query(Xapian::Query::OP_FILTER, q,
                         Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
  }

 private:
  // The documents that hold one of the values selected of each facet but `skip` (OR within a
  // facet, AND across facets); at least one other facet has selected values.
  Xapian::Query in_every_facet_but(const std::string& skip) const {
    std::vector<Xapian::Query> all;
    for (const auto& [key, values] : selected_) {
      if (key == skip) continue;
      std::vector<Xapian::Query> terms;
      for (const auto& v : values) terms.emplace_back(FacetSpace::filter_term(key, v));
      all.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  }

  std::map<std::string, std::vector<std::string>> selected_;
};

// Spelling: a suggestion for the unknown words of a query.
struct Spelling {
  std::optional<std::string> suggestion;  // the query with its unknown words corrected
  bool clear = true;                      // every correction one letter away from what was typed
};

// Refuses what no search needs and a hostile client could send: too long, too many words or
// filters, text that is not UTF-8.
void check_bounds(const SearchRequest& request) {
  if (request.query.size() > kMaxQueryBytes)
    throw SearchError("requête trop longue (" + std::to_string(request.query.size()) + " octets, au plus " +
                      std::to_string(kMaxQueryBytes) + ")");
  if (request.filters.size() > kMaxFilters)
    throw SearchError("trop de filtres (au plus " + std::to_string(kMaxFilters) + ")");
  std::size_t words = 0;
  std::istringstream in(request.query);
  for (std::string w; in >> w;) ++words;
  if (words > kMaxQueryWords)
    throw SearchError("requête trop longue (" + std::to_string(words) + " mots, au plus " +
                      std::to_string(kMaxQueryWords) + ")");
  if (text::invalid_utf8_offset(request.query) != std::string::npos)
    throw SearchError("requête mal encodée : UTF-8 attendu");
}

}  // namespace

struct Searcher::Impl {
  std::string link, generation;
  long long publication = 0;
  Xapian::Database db;
  Analyzer analyzer;
  FacetSpace facets;
  FacetTable facet_table;
  std::vector<std::vector<std::uint16_t>> facet_values;  // of each facet of facets.facets(): values_of()
  SynonymMatcher synonyms;
  std::vector<std::pair<std::string, std::string>> prefixes;         // query prefix → Xapian prefix
  std::map<std::string, std::map<std::string, std::string>> labels;  // vocabulary → slug → label
  std::set<std::string> stopwords, stop_stems;                       // never highlighted (mots_vides)
  std::unique_ptr<QueryRewriter> rewriter;
  Xapian::QueryParser parser;
  std::unique_ptr<Catalog> catalog;                 // kept open for the text of extracts
  std::unique_ptr<catalogue::SheetTexts> texts;     // of extracts, read for the results shown
  std::unique_ptr<catalogue::SheetValues> sheet_values;  // labels of extracts, statement prepared once
  std::vector<Xapian::docid> documents;             // every docid (facet counts of filters alone), read on first use
  // What similar_ids() reads, loaded on first use (prepare_similar_ids()): docid → sheet id, the
  // docids ordered by sheet id (each sheet's documents side by side), and the neighbours.
  std::vector<std::string> sheet_ids;
  std::vector<Xapian::docid> docids_by_sheet;
  std::shared_ptr<const NeighbourIndex> neighbour_index;

  Impl(const std::string& index, std::chrono::milliseconds patience) : link(index) {
    IndexPair pair;
    try {
      pair = open_index(index, patience);  // the Xapian database and the catalogue at the same publication
    } catch (const IndexError& e) {
      const std::string what = e.what();
      throw SearchError(what.starts_with("aucun index") ? what : "index illisible : " + what);
    }
    generation = pair.dir;
    publication = pair.publication;
    db = std::move(pair.xapian);
    catalog = std::move(pair.catalog);
    Catalog& cat = *catalog;
    // An index of another format would answer, wrongly (format 9's phrases find nothing here).
    if (const std::string format = cat.meta("index_format"); format != catalogue::kIndexFormat)
      throw SearchError("index au format « " + format + " », ce programme lit le format " + catalogue::kIndexFormat +
                        " : relancez « pratiques index », qui le reconstruit");
    texts = std::make_unique<catalogue::SheetTexts>(cat);
    sheet_values = std::make_unique<catalogue::SheetValues>(cat);
    facets = FacetSpace::load(cat);
    facet_table.load(db);
    for (const auto& f : facets.facets()) facet_values.push_back(facets.values_of(f.key));
    synonyms = SynonymMatcher::load(cat, analyzer);
    std::istringstream p(cat.meta("prefixes"));
    for (std::string line; std::getline(p, line);) {
      const auto tab = line.find('\t');
      if (tab != std::string::npos) prefixes.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    for (const auto& v : catalogue::vocabularies(cat)) labels[v.vocab][v.slug] = v.label;
    std::istringstream sw(cat.meta("mots_vides"));
    for (std::string w; std::getline(sw, w);)
      if (!w.empty()) {
        const std::string folded = analyzer.fold_query_word(w);
        stopwords.insert(folded);
        stop_stems.insert(analyzer.stem(folded));
      }
    std::vector<std::string> names;
    for (const auto& [name, prefix] : prefixes) names.push_back(name);
    rewriter = std::make_unique<QueryRewriter>(analyzer, synonyms, names, stopwords);
    parser.set_database(db);
    parser.set_stemmer(analyzer.stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    for (const auto& [name, prefix] : prefixes) parser.add_prefix(name, prefix);
    parser.add_prefix("syn", "XY");
    parser.add_prefix(kAboutSynonym, kAboutConceptPrefix);
  }

  // Is `name` the query prefix of a section ("freins", "genese") rather than of a field ("titre")?
  bool section_prefix(const std::string& name) const {
    for (const auto& [n, prefix] : prefixes)
      if (n == name) return prefix.starts_with(kSectionPrefix);
    return false;
  }

  std::string label(const std::string& vocab, const std::string& slug) const {
    auto v = labels.find(vocab);
    if (v == labels.end()) return slug;
    auto e = v->second.find(slug);
    return e == v->second.end() ? slug : e->second;
  }

  // `fallback` is searched when `input` turns out malformed: a search never fails on syntax.
  Xapian::Query parse(const std::string& input, const std::string& fallback, Xapian::Query::op default_op,
                      const std::string& default_prefix = "") {
    if (input.empty()) return match_all();
    parser.set_default_op(default_op);
    constexpr unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                               Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
    try {
      return inflected(parser.parse_query(input, flags, default_prefix));
    } catch (const Xapian::QueryParserError&) {
      try {
        return inflected(parser.parse_query(fallback, 0, default_prefix));
      } catch (const Xapian::QueryParserError&) {
        return Xapian::Query();  // matches nothing
      }
    }
  }
  Xapian::Query parse(const RewrittenQuery& q, Xapian::Query::op default_op) {
    return parse(q.parser_input, q.plain_input, default_op);
  }

  // A word in any of its forms: its stem ("Z" + prefix + stem), which holds the positions of every
  // form of the word in the text ("groupes": groupe, groupes), and the word itself when it is an
  // acronym ("caf"), indexed without a stem when written in capitals (index_text). A stem holds
  // the positions so that a phrase reads one list a word, not one per form (a French stem can have
  // a dozen forms: docs/performance.md, "Positions on stems").
  Xapian::Query any_form(const std::string& term) {
    const std::size_t split = prefix_length(term);
    const std::string prefix = term.substr(0, split), word = term.substr(split);
    if (word.empty()) return Xapian::Query(term);
    const Xapian::Query stem("Z" + prefix + analyzer.stem(word));
    if (!synonyms.acronym(word)) return stem;
    return Xapian::Query(Xapian::Query::OP_OR, stem, Xapian::Query(term));
  }

  // Is this a phrase of a section's words ("freins:\"mobilité des jeunes\"")?
  static bool in_a_section(const std::vector<Xapian::Query>& words) {
    for (const auto& w : words)
      if (w.get_type() != Xapian::Query::LEAF_TERM || !(*w.get_terms_begin()).starts_with(kSectionPrefix) ||
          prefix_length(*w.get_terms_begin()) == (*w.get_terms_begin()).size())
        return false;
    return !words.empty();
  }

  // `q` with each phrase in any form of its words: a quoted "groupes de parents" finds "groupe de
  // parents", as the phrase bonus does (QueryParser's phrases are of the words as typed).
  Xapian::Query inflected(const Xapian::Query& q) {
    using Q = Xapian::Query;
    std::vector<Q> subs;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
    switch (q.get_type()) {
      case Q::OP_PHRASE: {
        const auto window = static_cast<Xapian::termcount>(subs.size());
        if (in_a_section(subs)) {
          // A section's words have no positions (index_terms): its phrase is the phrase in the
          // sheet's text whose words are all in the section, weighed as the section's words.
          std::vector<Q> in_section, in_text;
          for (const auto& s : subs) {
            const std::string term = *s.get_terms_begin();
            in_section.push_back(any_form(term));
            in_text.push_back(any_form(term.substr(prefix_length(term))));
          }
          return Q(Q::OP_FILTER, Q(Q::OP_AND, in_section.begin(), in_section.end()),
                   Q(Q::OP_PHRASE, in_text.begin(), in_text.end(), window));
        }
        for (auto& s : subs)
          if (s.get_type() == Q::LEAF_TERM) s = any_form(*s.get_terms_begin());
        return Q(Q::OP_PHRASE, subs.begin(), subs.end(), window);
      }
      case Q::OP_AND:
      case Q::OP_OR:
      case Q::OP_AND_NOT:
      case Q::OP_AND_MAYBE:
      case Q::OP_XOR:
      case Q::OP_FILTER:
      case Q::OP_SYNONYM:
      case Q::OP_MAX:
        for (auto& s : subs) s = inflected(s);
        return Q(q.get_type(), subs.begin(), subs.end());
      default: return q;
    }
  }

  // The words in a row, each in any of its forms (any_form), within `window` positions
  // when given (0: side by side). Weighed as one term (OP_SYNONYM), whose frequency is that of the
  // phrase: a phrase rarer than its words weighs more than they do (a plain OP_PHRASE weighs what
  // its words weigh, wherever they are). Its within-document frequency is Xapian's: that of the
  // least frequent of its words, not how many times the phrase occurs (counting occurrences ranked
  // no better: bench/relevance/README.md).
  Xapian::Query phrase(const std::vector<std::string>& words, Xapian::termcount window = 0) {
    std::vector<Xapian::Query> parts;
    for (const auto& w : words) parts.push_back(any_form(w));
    const Xapian::Query ph(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                           window ? window : static_cast<Xapian::termcount>(parts.size()));
    return Xapian::Query(Xapian::Query::OP_SYNONYM, &ph, &ph + 1);
  }

  // Weight added to the documents the query describes: those that hold its words side by side
  // (a phrase of two words or more: "personnes âgées", "visite à domicile"), and those whose
  // themes, publics, modes of intervention, carrier or keywords name what it asks for (kAboutPrefix).
  Xapian::Query bonus(const RewrittenQuery& q) {
    std::vector<Xapian::Query> parts;
    if (!q.phrase.empty()) parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, phrase(q.phrase), kPhraseBonus);
    // Each two neighbouring words of a longer query, the short words between them allowed and one
    // more ("milieu rural" in "isolement des personnes âgées en milieu rural").
    if (q.phrase.size() > 2) {
      std::vector<std::size_t> content;
      for (std::size_t i = 0; i < q.phrase.size(); ++i)
        if (!stopwords.count(q.phrase[i])) content.push_back(i);
      std::vector<Xapian::Query> pairs;
      for (std::size_t k = 1; k < content.size(); ++k) {
        const std::size_t a = content[k - 1], b = content[k];
        pairs.push_back(phrase({q.phrase[a], q.phrase[b]}, static_cast<Xapian::termcount>(b - a + 2)));
      }
      if (!pairs.empty())
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()), kPairBonus);
    }
    // A query with operators: its words sought anywhere and in fields, never those sought in one
    // section ("freins:élus" asks what the obstacles of a sheet say, not what the sheet is about).
    std::vector<std::string> sought = q.free_words;
    for (const auto& [name, w] : q.field_words)
      if (!section_prefix(name)) sought.push_back(w);
    std::string about;
    if (q.units.empty()) about = text::join(sought);
    for (const auto& u : q.units) {
      std::string input = u.parser_input;
      for (std::size_t p = input.find("syn:"); p != std::string::npos; p = input.find("syn:", p + 1)) {
        input.replace(p, 4, std::string(kAboutSynonym) + ":");
        p += std::string(kAboutSynonym).size();
      }
      about += (about.empty() ? "" : " ") + input;
    }
    if (!about.empty())
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         parse(about, q.plain_input, Xapian::Query::OP_OR, kAboutPrefix), kAboutBonus);
    return parts.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  // Filters without words: the documents most about the values chosen come first ("santé
  // mentale": the sheet on a GEM before a holiday stay that lists mental health among four themes).
  // The labels of the values weigh as words of a query, never as conditions: every filtered
  // document is listed.
  Xapian::Query topic(const std::vector<std::string>& labels) {
    std::vector<Xapian::Query> parts;
    for (const auto& l : labels) {
      const RewrittenQuery rq = rewriter->rewrite(l);
      if (rq.parser_input.empty()) continue;
      parts.push_back(parse(rq, Xapian::Query::OP_OR));
      const Xapian::Query b = bonus(rq);
      if (!b.empty()) parts.push_back(b);
    }
    return parts.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  // What to search for a query: a plain query of several units is matched unit by unit when
  // `partial` (see Plan); otherwise every word is required.
  Plan plan(const RewrittenQuery& q, bool partial, const std::vector<std::string>& filter_labels = {}) {
    Plan p;
    const Xapian::Query extra = q.parser_input.empty() && !filter_labels.empty() ? topic(filter_labels) : bonus(q);
    auto with_bonus = [&](const Xapian::Query& base) {
      return extra.empty() ? base : Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, extra);
    };
    auto fixed = [](double weight) { return Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()); };
    auto max_weight = [&](const Xapian::Query& query) {
      Xapian::Enquire e(db);
      e.set_weighting_scheme(weighting());
      e.set_query(query);
      return e.get_mset(0, 0).get_max_possible();
    };
    const bool counted = partial && q.units.size() > 1;
    if (counted)
      for (const auto& u : q.units) p.units.push_back(parse(u.parser_input, u.parser_input, Xapian::Query::OP_AND));
    const Xapian::Query base =
        counted ? Xapian::Query(Xapian::Query::OP_OR, p.units.begin(), p.units.end()) : parse(q, Xapian::Query::OP_AND);
    // Documented sheets get `lead` over those still to be documented (kDocumentedLead); filters
    // alone weigh nothing (listed by date, then by this lead).
    const std::string to_document = std::string(kStatusPrefix) + kToBeDocumented;
    const bool documented_first = db.get_termfreq(to_document) > 0;
    const double rest = counted || documented_first ? max_weight(with_bonus(base)) : 0;
    const double lead = documented_first ? (rest > 0 ? kDocumentedLead * rest : 1) : 0;
    if (counted) {
      p.step = rest + lead + 1;
      std::vector<Xapian::Query> scored;
      for (const auto& u : p.units)
        scored.emplace_back(Xapian::Query::OP_OR, u, Xapian::Query(Xapian::Query::OP_FILTER, fixed(p.step), u));
      p.core = Xapian::Query(Xapian::Query::OP_OR, scored.begin(), scored.end());
    } else {
      p.core = base;
    }
    p.query = with_bonus(p.core);
    if (documented_first)
      p.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.query,
                              Xapian::Query(Xapian::Query::OP_AND_NOT, fixed(lead), Xapian::Query(to_document)));
    return p;
  }

  std::string extract_text(const std::string& id) { return texts->text(id); }

  Hit hit_of(const Xapian::MSetIterator& it, const Highlight& sought) {
    Hit h;
    h.score = it.get_weight();
    Poco::JSON::Parser json;
    std::string raw = it.get_document().get_data();
    raw.resize(std::min(raw.size(), raw.find('\0')));  // format 3 kept the body after a NUL
    auto data = json.parse(raw).extract<Poco::JSON::Object::Ptr>();
    h.id = data->getValue<std::string>("id");
    h.title = data->getValue<std::string>("titre");
    h.summary = data->getValue<std::string>("en_bref");
    h.carrier = data->optValue<std::string>("porteur", "");
    if (auto themes = data->getArray("thematiques"))
      for (std::size_t i = 0; i < themes->size(); ++i) {
        const std::string slug = themes->getElement<std::string>(static_cast<unsigned>(i));
        h.themes.push_back({slug, label("thematiques", slug)});
      }
    if (auto t = data->getObject("territoire")) {
      h.place = t->optValue<std::string>("nom", "");
      h.departement = t->optValue<std::string>("departement", "");
      h.region = t->optValue<std::string>("region", "");
      if (!h.departement.empty()) h.departement_name = label("departements", h.departement);
      if (!h.region.empty()) h.region_name = label("regions", h.region);
    }
    h.snippet = extract_of(h, sought);
    return h;
  }

  // The summary's extract; else the body's, when it holds what was sought; else the summary
  // followed by the labels that matched ("Publics : Personnes âgées et retraités"): a sheet found
  // through its vocabulary shows why it came up.
  Extract extract_of(const Hit& h, const Highlight& sought) {
    if (sought.terms.empty() && sought.stems.empty() && sought.groups.empty())
      return make_snippet(analyzer, h.summary, sought);
    if (auto summary = find_snippet(analyzer, h.summary, sought)) return *std::move(summary);
    if (auto body = find_snippet(analyzer, extract_text(h.id), sought)) return *std::move(body);
    Extract labels;
    const auto by_facet = sheet_values->of(h.id);
    for (const auto& f : facets.facets()) {
      const auto of = by_facet.find(f.key);
      if (of == by_facet.end()) continue;
      std::string line;
      for (const auto& v : of->second) line += (line.empty() ? "" : ", ") + v.label;
      if (line.empty()) continue;
      if (auto e = find_snippet(analyzer, f.label + " : " + line, sought, 160)) labels.append(" ; ", *e);
    }
    if (!labels.marked()) return make_snippet(analyzer, h.summary, sought);
    Extract out = make_snippet(analyzer, h.summary, sought, 140);
    out.append(" — ", labels);
    return out;
  }

  // A suggestion for each word the index does not know ("surendetement"), in its accented form.
  Spelling spelling(const RewrittenQuery& rq) const {
    Spelling out;
    std::vector<std::string> words = rq.words;
    bool any = false;
    for (auto& w : words) {
      if (w.size() < 4 || db.get_termfreq(w) > 0) continue;
      if (std::find(rq.known.begin(), rq.known.end(), w) != rq.known.end()) continue;  // "RERS" is no typo of "vers"
      const std::string s = db.get_spelling_suggestion(w, 2);
      if (s.empty() || s == w) continue;
      out.clear = out.clear && text::edit_distance(w, s) <= 1;  // "seniors" is no typo of "sentiers"
      const std::string form = db.get_metadata(form_key(s));
      w = form.empty() ? s : form;
      any = true;
    }
    if (any) out.suggestion = text::join(words);
    return out;
  }

  const std::vector<Xapian::docid>& all_documents() {
    if (documents.empty())
      for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) documents.push_back(*p);
    return documents;
  }

  // The counts of each facet with selected values without its own filter, so that its other values
  // show how many sheets choosing them too (OR) would add: over `unfiltered` (the documents that
  // match the query, no filter applied), those that are in the selection of every other facet.
  // One pass for all the facets selected, instead of one match per facet.
  std::map<std::string, std::vector<unsigned>> counts_without_own_filter(const std::vector<Xapian::docid>& unfiltered,
                                                                         const Selection& selected) const {
    const std::size_t n = selected.by_facet().size();
    if (n > 32) throw SearchError("trop de facettes filtrées");  // never: there are 11 facets
    const std::vector<std::uint32_t> held = selected.facets_held(db);
    const std::uint32_t all = n == 32 ? ~0u : (1u << n) - 1;
    // A document in every selection counts for every facet: once in `common`, added at the end.
    std::vector<unsigned> common(facets.size(), 0);
    std::vector<std::vector<unsigned>> counts(n, std::vector<unsigned>(facets.size(), 0));
    auto add = [this](Xapian::docid did, std::vector<unsigned>& c) {
      facet_table.for_each(did, [&c](std::uint16_t id) {
        if (id < c.size()) ++c[id];
      });
    };
    for (const Xapian::docid did : unfiltered) {
      const std::uint32_t missing = all & ~held[did];  // the selected facets `did` is not in
      if (missing == 0)
        add(did, common);
      else if ((missing & (missing - 1)) == 0)  // exactly one: counted for that facet alone
        add(did, counts[static_cast<std::size_t>(__builtin_ctz(missing))]);
    }
    std::map<std::string, std::vector<unsigned>> out;
    std::size_t j = 0;
    for (const auto& facet : selected.by_facet()) {
      std::vector<unsigned>& c = counts[j++];
      for (std::size_t i = 0; i < c.size(); ++i) c[i] += common[i];
      out[facet.first] = std::move(c);
    }
    return out;
  }

  // Every facet's values with their counts, most frequent first, those selected always listed;
  // `counts` are the search's, `without_own_filter` those of each facet with selected values.
  std::vector<FacetResult> facet_results(const std::vector<unsigned>& counts, const Selection& selected,
                                         const std::map<std::string, std::vector<unsigned>>& without_own_filter) const {
    std::vector<FacetResult> out;
    out.reserve(facets.facets().size());
    for (std::size_t k = 0; k < facets.facets().size(); ++k) {
      const FacetSpec& f = facets.facets()[k];
      const bool has_selection = selected.has(f.key);
      const std::vector<unsigned>& own = has_selection ? without_own_filter.at(f.key) : counts;
      FacetResult fr;
      fr.key = f.key;
      fr.label = f.label;
      // Sorted as ids, then copied out: sorting the values would move their strings around.
      std::vector<std::pair<std::uint16_t, bool>> shown;  // id, selected
      for (auto id : facet_values[k]) {
        const bool is_selected = has_selection && selected.has(f.key, facets.def(id).value);
        if (own[id] != 0 || is_selected) shown.emplace_back(id, is_selected);
      }
      std::stable_sort(shown.begin(), shown.end(),
                       [&own](const auto& a, const auto& b) { return own[a.first] > own[b.first]; });
      fr.values.reserve(shown.size());
      for (const auto& [id, is_selected] : shown) {
        const FacetValueDef& d = facets.def(id);
        fr.values.push_back({d.value, d.label, own[id], is_selected});
      }
      out.push_back(std::move(fr));
    }
    return out;
  }

  // A term of a field or section without its prefix ("XSECFREINSelus" → "elus", "ZXSECFREINSelu"
  // → "Zelu"): what an extract marks of `freins:élus`, wherever the summary or the text says it.
  std::string unprefixed(const std::string& term) const {
    const std::size_t from = term.size() > 1 && term[0] == 'Z' && term[1] >= 'A' && term[1] <= 'Z' ? 1 : 0;
    for (const auto& [name, prefix] : prefixes) {
      const std::size_t rest = from + prefix.size();
      if (term.size() > rest && term.compare(from, prefix.size(), prefix) == 0 && !(term[rest] >= 'A' && term[rest] <= 'Z'))
        return term.substr(0, from) + term.substr(rest);
    }
    return term;
  }

  Highlight highlight(const Xapian::Query& q) const {
    Highlight out;
    out.synonyms = &synonyms;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string term = unprefixed(*t);
      if (term.empty()) continue;
      const unsigned char c = static_cast<unsigned char>(term[0]);
      if (term.size() > 1 && term[0] == 'Z' && term[1] >= 'a' && term[1] <= 'z') {
        if (!stop_stems.count(term.substr(1))) out.stems.insert(term.substr(1));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
        if (!stopwords.count(term)) out.terms.insert(term);
      } else if (term.size() > 2 && term.compare(0, 2, "XY") == 0 && term[2] >= '0' && term[2] <= '9') {
        out.groups.insert(std::atoi(term.c_str() + 2));
      }
    }
    return out;
  }
};

// Xapian's errors are no std::exception: callers that catch those (the server keeps its current
// generation when a new one cannot be opened) get a SearchError instead.
Searcher::Searcher(const std::string& index, std::chrono::milliseconds patience) try
    : impl_(std::make_unique<Impl>(index, patience)) {
} catch (const Xapian::Error& e) {
  throw SearchError("index illisible (« " + index + " ») : " + e.get_description());
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

bool Searcher::stale() const {
  if (resolve_index(impl_->link) != impl_->generation) return true;
  try {
    return publication_of(*open_catalogue(impl_->generation)) != impl_->publication;
  } catch (const std::exception&) {
    return true;
  }
}
const std::string& Searcher::generation() const { return impl_->generation; }
long long Searcher::publication() const { return impl_->publication; }
Catalog& Searcher::catalog() const { return *impl_->catalog; }

template <class F>
auto Searcher::reading(F&& f) const {
  try {
    return f();
  } catch (const Xapian::DatabaseModifiedError&) {
    impl_ = std::make_unique<Impl>(impl_->link, std::chrono::seconds(10));
    return f();
  }
}

SearchResponse Searcher::search(const SearchRequest& request) const {
  return reading([&] { return search_once(request); });
}
std::vector<Hit> Searcher::similar(const std::string& id, int count) const {
  return reading([&] { return similar_once(id, count); });
}

std::vector<std::pair<std::string, std::string>> Searcher::facet_keys() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : impl_->facets.facets()) out.emplace_back(f.key, f.label);
  return out;
}

SearchResponse Searcher::search_once(const SearchRequest& request) const {
  Impl& im = *impl_;
  check_bounds(request);
  SearchResponse resp;
  resp.query = request.query;
  resp.per_page = std::clamp(request.per_page, 1, kMaxPerPage);

  const Selection selected(im.facets, request.filters);

  const RewrittenQuery rq = im.rewriter->rewrite(request.query);
  const Xapian::doccount all_docs = std::max<Xapian::doccount>(im.db.get_doccount(), 1);
  resp.collection = im.db.get_doccount();
  Xapian::Enquire enquire(im.db);
  enquire.set_weighting_scheme(weighting());
  const bool empty_query = rq.parser_input.empty();
  // No words and no filter: every sheet, by date. Filters alone: by how much each document is about
  // the values chosen (Impl::topic), unless another order is asked.
  const Sort sort = request.sort == Sort::Relevance && empty_query && selected.empty() ? Sort::Date : request.sort;
  std::vector<std::string> filter_labels;
  if (empty_query && sort == Sort::Relevance)
    for (const auto& facet : selected.by_facet())
      for (const auto id : im.facets.values_of(facet.first))
        if (selected.has(facet.first, im.facets.def(id).value)) filter_labels.push_back(im.facets.def(id).label);
  if (sort == Sort::Date) enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  if (sort == Sort::Title) enquire.set_sort_by_value_then_relevance(kSlotTitle, false);

  // Spelling: offered for unknown words; it replaces the query only when clearly better (below).
  const Spelling spelling = im.spelling(rq);
  resp.suggestion = spelling.suggestion;

  FacetSpy spy(im.facet_table, im.facets.size());
  // The page shown, the facet counts and the exact total in one exhaustive pass (check_at_least:
  // every document). Measured: a pruned ranked pass plus a boolean counting pass cost as much
  // (again with the counting pass on the core query alone: 3% fewer instructions at 10,000 sheets,
  // not worth the risk of xapian-core 1.4.22's max-weight pruning missing a result, see similar.cpp).
  // A plan of units keeps the documents that hold `min_units` of them (weight cutoff) and counts
  // those that hold them all.
  double cutoff = 0;
  auto run = [&](const Plan& plan, std::size_t min_units, int page) {
    enquire.set_query(selected.apply(plan.query));
    cutoff = plan.units.empty() ? 0 : plan.cutoff(min_units);
    enquire.set_cutoff(0, cutoff);
    enquire.clear_matchspies();
    spy.counts.assign(im.facets.size(), 0);
    spy.documents = spy.complete = 0;
    spy.complete_weight = plan.units.empty() ? 0 : plan.cutoff(plan.units.size());
    const int first = (page - 1) * resp.per_page;
    enquire.add_matchspy(&spy);
    return enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(resp.per_page),
                            all_docs);
  };
  int page = std::max(1, request.page);
  // A plain query of kPartialFrom units or more ranks documents by how many of them they hold,
  // and keeps those that hold at least half; a shorter one requires every unit.
  const std::size_t n = rq.units.size();
  Plan plan = im.plan(rq, n >= kPartialFrom, filter_labels);
  std::size_t min_units = (n + 1) / 2;
  // A query whose units are all required is relaxed (below) when fewer documents than a page hold
  // them all: its own ranked match would be thrown away, after Xapian read its phrase's positions
  // in every document that holds the phrase's words, filtered out or not. A boolean match that
  // stops at the tenth document tells beforehand, and the relaxed match then runs alone.
  bool relax_first = false;
  if (n > 1 && plan.units.empty()) {
    Xapian::Enquire holding(im.db);
    holding.set_query(selected.apply(plan.core));
    holding.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount some = holding.get_mset(0, kFewerThanAPage).size();  // stops at the last one asked
    relax_first = some > 0 && some < kFewerThanAPage;
  }
  Xapian::MSet mset;
  if (!relax_first) mset = run(plan, min_units, page);
  std::optional<RewrittenQuery> corrected;
  if (!relax_first && spy.documents == 0 && !empty_query && spelling.suggestion && spelling.clear) {
    // No result: the spelling suggestion's results when clearly better.
    RewrittenQuery cq = im.rewriter->rewrite(*resp.suggestion);
    Plan p2 = im.plan(cq, cq.units.size() >= kPartialFrom);
    const std::size_t m = (cq.units.size() + 1) / 2;
    Xapian::MSet m2 = run(p2, m, page);
    if (spy.documents > 0) {
      plan = std::move(p2);
      mset = m2;
      min_units = m;
      resp.corrected = true;
      corrected = std::move(cq);
    }
  }
  // Fewer documents hold the units (all of them; half of those of a sentence) than a page shows, or
  // none: the documents that hold fewer follow, down to one unit, ranked by how many they hold and
  // saying which words they lack ("comité d'usagers": the 7 sheets that say it, then those about
  // the users' councils that never say "comité"; bench/relevance/README.md, step 10).
  const RewrittenQuery& searched = corrected ? *corrected : rq;
  if (relax_first || (!empty_query && searched.units.size() > 1 && (plan.units.empty() || min_units > 1) &&
                      spy.documents < kFewerThanAPage)) {
    Plan p3 = im.plan(searched, true);
    Xapian::MSet m3 = run(p3, 1, page);
    // After relax_first, the documents that hold every unit are among m3's: it is never empty.
    if (relax_first || spy.documents > 0) {
      plan = std::move(p3);
      min_units = 1;
      mset = m3;
    }
  }
  cutoff = plan.units.empty() ? 0 : plan.cutoff(min_units);
  resp.total = spy.documents;
  resp.complete = plan.units.empty() ? spy.documents : spy.complete;
  // Pages past the end are clamped to the last one.
  const int last_page = std::max(1, static_cast<int>((resp.total + static_cast<unsigned>(resp.per_page) - 1) /
                                                     static_cast<unsigned>(resp.per_page)));
  if (page > last_page) {
    page = last_page;
    mset = run(plan, min_units, page);
  }
  resp.page = page;
  const std::vector<unsigned> counts = spy.counts;

  const Highlight sought = im.highlight(plan.core);
  const std::vector<std::set<std::string>> held = plan.units.empty() ? std::vector<std::set<std::string>>{}
                                                                     : unit_terms_held(im.db, plan.units, mset);
  std::size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++rank) {
    resp.hits.push_back(im.hit_of(it, sought));
    if (plan.units.empty()) continue;
    // The units this result lacks (a result ranked by how many it holds).
    for (std::size_t u = 0; u < plan.units.size(); ++u)
      if (!satisfies(plan.units[u], held[rank])) resp.hits.back().missing.push_back(searched.units[u].label);
  }

  // Facets: those with selected values are counted over the documents that match without any
  // filter (Impl::counts_without_own_filter). Filters alone: every document. Otherwise the core
  // query, not its bonuses (AND_MAYBE), whose phrases Xapian would check on every document: the
  // bonuses weigh less than a unit (Plan::step), so that documents pass the weight cutoff by the
  // units they hold, with or without them. Only membership matters: no weights (BoolWeight)
  // unless the cutoff needs them, and it does not at one unit: each unit a document holds adds
  // `step` to its weight, more than the cutoff, so every document of the core passes it.
  std::map<std::string, std::vector<unsigned>> without_own_filter;
  if (!selected.empty()) {
    if (empty_query) {
      without_own_filter = im.counts_without_own_filter(im.all_documents(), selected);
    } else {
      Xapian::Enquire e(im.db);
      e.set_query(selected.apply_to_all_but_one(plan.core));
      if (cutoff > 0 && min_units > 1) {
        e.set_cutoff(0, cutoff);
        e.set_weighting_scheme(weighting());
      } else {
        e.set_weighting_scheme(Xapian::BoolWeight());
      }
      e.set_docid_order(Xapian::Enquire::DONT_CARE);
      MatchingDocuments unfiltered;
      e.add_matchspy(&unfiltered);
      e.get_mset(0, 1, all_docs);  // maxitems 0 would skip the match (and the spy)
      without_own_filter = im.counts_without_own_filter(unfiltered.docids, selected);
    }
  }
  resp.facets = im.facet_results(counts, selected, without_own_filter);
  return resp;
}

std::vector<Hit> Searcher::similar_once(const std::string& id, int count) const {
  Impl& im = *impl_;
  std::vector<Hit> out;
  const Xapian::MSet mset = similar_mset(im.db, id, count);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(im.hit_of(it, Highlight{}));
  return out;
}

void Searcher::prepare_similar_ids() const {
  reading([&] {
    Impl& im = *impl_;
    if (im.neighbour_index) return;
    // The "Q" terms in term order: by sheet id, each one's documents in docid order.
    std::vector<std::string> sheet_ids(im.db.get_lastdocid() + 1);
    std::vector<Xapian::docid> docids_by_sheet;
    for (auto t = im.db.allterms_begin("Q"); t != im.db.allterms_end("Q"); ++t)
      for (auto p = im.db.postlist_begin(*t); p != im.db.postlist_end(*t); ++p)
        if (*p < sheet_ids.size()) {
          sheet_ids[*p] = (*t).substr(1);
          docids_by_sheet.push_back(*p);
        }
    auto neighbour_index = load_neighbour_index(im.db);
    im.sheet_ids = std::move(sheet_ids);
    im.docids_by_sheet = std::move(docids_by_sheet);
    im.neighbour_index = std::move(neighbour_index);
  });
}

std::vector<std::string> Searcher::similar_ids(const std::string& id, int count) const {
  prepare_similar_ids();
  const Impl& im = *impl_;
  // The documents of "Q" + id (OP_AND_NOT): one.
  const auto sheet_before = [&im](Xapian::docid did, const std::string& sheet) { return im.sheet_ids[did] < sheet; };
  const auto first = std::lower_bound(im.docids_by_sheet.begin(), im.docids_by_sheet.end(), id, sheet_before);
  auto last = first;
  while (last != im.docids_by_sheet.end() && im.sheet_ids[*last] == id) ++last;
  std::vector<std::string> out;
  if (first == last || count <= 0) return out;
  const std::vector<Xapian::docid> sheet(first, last);
  for (const Xapian::docid did : nearest(*im.neighbour_index, sheet.front(), count, sheet))
    if (did < im.sheet_ids.size() && !im.sheet_ids[did].empty()) out.push_back(im.sheet_ids[did]);
  return out;
}

}  // namespace pratiques
