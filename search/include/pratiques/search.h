// The search library: query → results, facet counts, spelling suggestion, snippets, similar
// sheets. Knows nothing of HTTP or HTML pages; the CLI and the server call it in-process.
// A Searcher is not thread-safe (Xapian databases are not): use one per thread.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/extract.h"

namespace pratiques {

class Catalog;

struct SearchError : std::runtime_error {
  using std::runtime_error::runtime_error;  // French message, safe to show to users
};

enum class Sort { Relevance, Date, Title };
std::optional<Sort> parse_sort(const std::string& name);  // pertinence | date | titre

struct SearchRequest {
  std::string query;
  std::vector<std::pair<std::string, std::string>> filters;  // facet key → value
  int page = 1;
  int per_page = 10;
  Sort sort = Sort::Relevance;
};

struct Labelled {
  std::string value, label;
};

struct Hit {
  std::string id, title, summary;
  Extract snippet;  // text and match offsets: renderers mark them (to_html())
  double score = 0;
  std::vector<Labelled> themes;
  std::string place, departement, departement_name, region, region_name, carrier;
  std::vector<std::string> missing;  // words of the query this result lacks (as typed), if any
};

struct FacetCount {
  std::string value, label;
  unsigned count = 0;
  bool selected = false;
};

struct FacetResult {
  std::string key, label;
  std::vector<FacetCount> values;  // count > 0 or selected, most frequent first
};

struct SearchResponse {
  std::string query;
  unsigned total = 0;
  // Results that hold every word of the query: fewer than `total` when a query of several words
  // also lists results that hold only part of them (ranked by how many they hold).
  unsigned complete = 0;
  unsigned collection = 0;  // sheets in the index (not in the JSON)
  int page = 1, per_page = 10;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;
  std::optional<std::string> suggestion;
  // Other corrections offered beside the suggestion, as likely meant ("mlieux": "mieux" or
  // "milieux"); then none is applied.
  std::vector<std::string> alternatives;
  bool corrected = false;  // results are those of the suggestion (the query had none)
  // The query has characters but no word to search ("!!!", "*", "« »"): every sheet is listed, as
  // for no query, and the reader is told why.
  bool no_words = false;
  // Words typed with a final "*" after too few letters ("ma*"), as typed: sought as the word itself.
  std::vector<std::string> short_truncations;
  // Words typed with a final "*" past the fourth (QueryRewriter), as typed: sought as the word itself.
  std::vector<std::string> extra_truncations;
  // Names typed before a colon that are no query prefix ("auteur" of « auteur:Freire »), as typed:
  // sought as words.
  std::vector<std::string> unknown_prefixes;
  // The words and phrases typed with a "-", which no result holds (RewrittenQuery::excluded).
  std::vector<std::string> excluded;
  // When a plain query of several words finds nothing, those that no document holds, as typed
  // (« impact » of « évaluation d'impact », the other word being in most sheets).
  std::vector<std::string> unfound;
  // What follows the first kMaxQueryWords words of the query, as typed: not searched ("" if none).
  std::string ignored_text;
  // When no result holds every word, what a reader may search instead: for a narrower term of the
  // query, as typed, the first term of a group it is narrower than ("Freire", "Conscientisation");
  // for a commune's name typed with a capital, its département ("Lens", "Pas-de-Calais"); for a
  // profession, the code of the diploma that trains for it ("éducateur spécialisé", "DEES"); for
  // a département's name typed with a capital, its région ("Haute-Corse", "Corse"); for a postal
  // code, its département ("93200", "Seine-Saint-Denis").
  struct Wider {
    enum class Relation { Narrower, Commune, Diploma, Departement, PostalCode };
    std::string typed, term;
    Relation relation = Relation::Narrower;
    bool operator==(const Wider&) const = default;
  };
  std::vector<Wider> wider;
};

// Bounds on untrusted input.
// Characters, not bytes: the search forms' maxlength counts characters, and an accented letter
// takes two bytes (« égalité » ×110 was refused under the form's 1,000).
inline constexpr std::size_t kMaxQueryChars = 1000;
// Words searched of a query, the others ignored (SearchResponse::ignored_text): each is rewritten
// with its stems and synonyms.
inline constexpr std::size_t kMaxQueryWords = 64;
inline constexpr std::size_t kMaxFilters = 50;
inline constexpr int kMaxPerPage = 100;

class Searcher {
 public:
  // `index` is the path given to `pratiques index --out` (the link to the current generation).
  // `patience`: how long to wait for a publication in progress (open_index(), index_store.h).
  explicit Searcher(const std::string& index, std::chrono::milliseconds patience = std::chrono::seconds(10));
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  SearchResponse search(const SearchRequest& request) const;
  // Practices close to a sheet (relevance feedback on its own terms).
  std::vector<Hit> similar(const std::string& id, int count) const;
  // The same neighbours, identifiers only, for the static site's build, which asks for every sheet:
  // the first call reads the term statistics and postings once (~40 MB for 10,000 sheets), then
  // each call recomputes Xapian's weights in memory (no stored data read). Once
  // prepare_similar_ids() has returned, several threads may call similar_ids() at once.
  std::vector<std::string> similar_ids(const std::string& id, int count) const;
  void prepare_similar_ids() const;
  // True when the index has changed since this searcher opened it: another generation, or a
  // publication in place (after `pratiques index`).
  bool stale() const;
  // The generation directory and the publication this searcher reads (index_store.h).
  const std::string& generation() const;
  long long publication() const;
  // The catalogue, as of that publication (a read transaction is held; use it only for reading).
  Catalog& catalog() const;
  // Facet keys and labels (for forms).
  std::vector<std::pair<std::string, std::string>> facet_keys() const;

 private:
  struct Impl;
  // A reader of a database changed by two commits since it opened it gets
  // Xapian::DatabaseModifiedError: the searcher then opens the index again and answers once more.
  template <class F>
  auto reading(F&& f) const;
  SearchResponse search_once(const SearchRequest& request) const;
  std::vector<Hit> similar_once(const std::string& id, int count) const;
  mutable std::unique_ptr<Impl> impl_;
};

// The synonym groups (their ids in the catalogue) that some sheet of the generation directory `dir`
// mentions: an acronym or a ring that no sheet mentions would find nothing (completion offers
// neither). Throws Xapian's errors when the generation cannot be read.
std::set<long long> synonym_groups_in_sheets(const std::string& generation_dir);

// The JSON object of `pratiques search --json` and of GET /api/recherche.
std::string to_json(const SearchResponse& response);
// The JSON array of hits alone, with the keys of that object's "resultats".
std::string hits_to_json(const std::vector<Hit>& hits);
// The response back from that JSON (the search server caches responses as compressed JSON).
// The JSON does not carry facet labels nor which values are selected: those stay empty and false,
// for the caller to restore from its facet space and request. Throws SearchError on bad JSON.
SearchResponse from_json(const std::string& json);

}  // namespace pratiques
