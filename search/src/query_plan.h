// What a search matches and how it ranks (internal to pratiques-search): the Xapian query of a
// rewritten query (query.h) with its ranking bonuses, and the plan that matches a query of several
// units in part. Searcher::search_once runs it; the weights are set on the relevance benchmark's
// tuning half (bench/relevance/README.md).
#pragma once
#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/query.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// A plain query of this many units or more does not require every one of them (see Plan).
constexpr std::size_t kPartialFrom = 3;
// A query whose units fewer documents than this hold (a page of results) is relaxed down to one
// unit: the documents that hold fewer follow. A constant, not the page size: the ranking of a
// query never depends on how many results a page shows.
constexpr Xapian::doccount kFewerThanAPage = 10;
// BM25 with k1 = 2 (Xapian's default is 1): the field weights of recherche.yaml multiply a word's
// frequency, and with k1 = 1 a word of the title (×6) counted barely more than one of the body; and
// b = 0.3 (default 0.5): a sheet documented at length is not penalised for it. Set on the tuning half.
Xapian::BM25Weight weighting();

// The query run. A plain query of several units may be matched in part: each unit a document
// holds adds `step` to its weight, `step` being more than the rest of the query can weigh, so
// that documents rank by how many units they hold, then by weight; a weight cutoff keeps those
// that hold at least a given number of units (Xapian has no "minimum should match").
// A query of kPartialFrom units or more (a sentence) keeps its documents so, but ranks them with a
// unit held weighing `unit_weight` (kUnitShare), not `step`: a sheet about the subject that lacks
// one word of the sentence may pass a page that holds them all in passing (SentenceOrder).
struct Plan {
  Xapian::Query query;
  Xapian::Query core;                // `query` without its bonuses: what the extracts mark
  std::vector<Xapian::Query> units;  // empty: every word is required
  double step = 0;
  double unit_weight = 0;            // 0: the documents rank by their weights under `query`
  double cutoff(std::size_t min_units) const { return static_cast<double>(min_units) * step - 0.5; }
};

// A result of the page shown: its document and its weight (its score).
struct Shown {
  Xapian::docid docid;
  double weight;
};
std::vector<Shown> shown_of(const Xapian::MSet& mset);

// The order of a sentence's documents (Plan::unit_weight), read from their weights in the match of
// its `query`, every document weighed: a document that holds k units weighs k × step + the rest
// there, k × unit_weight + the rest in this order. A MatchSpy that keeps the first `wanted`.
class SentenceOrder : public Xapian::MatchSpy {
 public:
  SentenceOrder(const Plan& plan, std::size_t wanted) : plan_(plan), wanted_(wanted) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  // The documents ranked `first` to `first + count` (excluded), with their weights in this order.
  std::vector<Shown> page(std::size_t first, std::size_t count) const;

 private:
  const Plan& plan_;
  std::size_t wanted_;
  std::vector<Shown> best_;  // a heap: the last of those kept on top
};

// The order of a plan of units (Plan::units) sorted by a value (the date, the title): the documents
// that hold every unit first, then the others, each part in the value's order (then by weight),
// read from their weights as SentenceOrder reads them. Sorted by the value alone, a sheet that
// lacked words came before those that hold them all. A MatchSpy that keeps the first `wanted`.
class SortedInParts : public Xapian::MatchSpy {
 public:
  SortedInParts(const Plan& plan, Xapian::valueno slot, bool descending, std::size_t wanted)
      : plan_(plan), slot_(slot), descending_(descending), wanted_(wanted) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  std::vector<Shown> page(std::size_t first, std::size_t count) const;

 private:
  struct Ranked {
    bool complete;
    std::string value;
    Shown shown;
  };
  bool before(const Ranked& a, const Ranked& b) const;
  const Plan& plan_;
  Xapian::valueno slot_;
  bool descending_;
  std::size_t wanted_;
  std::vector<Ranked> best_;  // a heap: the last of those kept on top
};

// A unit that most documents hold (« social », « travail ») tells no document apart: relaxed down
// to it, « épicerie sociale », « capital social » and « France Travail » listed the 61 sheets of
// content/, none of which says « épicerie » or « France Travail ». Keeps, of a relaxed plan, the
// documents that hold one of its other units, or, with `pairs`, two of its common ones; false when
// none can (the plan is then left as it was).
bool without_common_units(const Xapian::Database& db, Plan& p, bool pairs);

// Does a document whose matching terms are `terms` satisfy `q`? (Which units a result holds.)
bool satisfies(const Xapian::Query& q, const std::set<std::string>& terms);

// Whether `q` asks for words in a row (a phrase, a place, a hyphenated word), which the terms a
// document holds cannot tell: satisfies() would take « Nord » and « Calais » said apart for
// « Pas-de-Calais » (a result said it lacked nothing, and was no complete result).
bool has_words_in_a_row(const Xapian::Query& q);

// The documents of `shown` that match `q`, each found by its unique id term ("Q…", `id_terms`).
std::set<Xapian::docid> matching_among(const Xapian::Database& db, const Xapian::Query& q,
                                       const std::vector<std::string>& id_terms);

// For each document of `shown`, in its order, the terms of `units` it holds: what satisfies() reads
// of Enquire::get_matching_terms(), which reads each document's whole term list (a tenth of a
// search's time); here each term's posting list is read once, skipping to the documents shown.
std::vector<std::set<std::string>> unit_terms_held(const Xapian::Database& db, const std::vector<Xapian::Query>& units,
                                                   const std::vector<Shown>& shown);

// Builds the Xapian queries of rewritten queries on one database. Not thread-safe (its
// Xapian::QueryParser), like the Searcher that owns it.
class QueryPlanner {
 public:
  // `prefixes`: query prefix → Xapian prefix; `stopwords`: folded. All are kept by reference.
  // `places`: the folded names of one word of départements and régions, sought as written when
  // the rewriter types them with a capital (index_tokens stores them so).
  QueryPlanner(const Xapian::Database& db, const Analyzer& analyzer, const SynonymMatcher& synonyms,
               const std::vector<std::pair<std::string, std::string>>& prefixes, const std::set<std::string>& stopwords,
               const QueryRewriter& rewriter, std::set<std::string> places = {});
  // What to search for a query: a plain query of several units is matched unit by unit when
  // `partial` (see Plan); otherwise every word is required. `filter_labels`: the labels of the
  // values filtered on, which rank a query without words (topic()).
  Plan plan(const RewrittenQuery& q, bool partial, const std::vector<std::string>& filter_labels = {});
  // The documents that hold a plain query's words in a row, in any inflection (the phrase bonus);
  // an empty query for a query of one word or with operators.
  Xapian::Query in_a_row(const RewrittenQuery& q) { return q.phrase.empty() ? Xapian::Query() : phrase(q.phrase); }

 private:
  bool section_prefix(const std::string& name) const;
  bool text_prefix(const std::string& prefix) const;
  Xapian::Query parse(const std::string& input, const std::string& fallback, Xapian::Query::op default_op,
                      const std::string& default_prefix = "");
  Xapian::Query parse(const RewrittenQuery& q, Xapian::Query::op default_op);
  Xapian::Query any_form(const std::string& term);
  Xapian::Query section_word(const std::string& term);
  Xapian::Query inflected(const Xapian::Query& q);
  Xapian::Query phrase(const std::vector<std::string>& words, Xapian::termcount window = 0);
  Xapian::Query bonus(const RewrittenQuery& q, bool with_pairs = true);
  Xapian::Query topic(const std::vector<std::string>& labels);

  const Xapian::Database& db_;
  const Analyzer& analyzer_;
  const SynonymMatcher& synonyms_;
  const std::vector<std::pair<std::string, std::string>>& prefixes_;
  const std::set<std::string>& stopwords_;
  const QueryRewriter& rewriter_;
  std::set<std::string> places_;
  std::set<std::string> as_written_;  // of the query being planned (RewrittenQuery::as_written)
  Xapian::QueryParser parser_;
};

}  // namespace pratiques
