// Facets of a search (internal to pratiques-search): the filters of a request, the facet values of
// every document read once per searcher, and their counts over every match.
#pragma once
#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/facets.h"
#include "pratiques/search.h"

namespace pratiques {

// The facet values of every document, read once per searcher: every search counts them over all
// its matches, and reading them from the database at each match cost more than the match itself.
class FacetTable {
 public:
  void load(const Xapian::Database& db);
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

// The documents in the selection of every selected facet, or of all of them but one (`spare`), as
// a MatchDecider: for a match with a weight cutoff (a query ranked by how many of its units a
// document holds), whose filters cannot be an OP_FILTER. Under OP_FILTER and a weight cutoff,
// xapian-core 1.4.22 left out one unit's fixed weight from documents that hold it (a word found in
// nearly every sheet, "social"): the filtered match kept only the documents holding one unit more
// than asked, and a facet's count did not match what choosing it gave (search.cpp).
class InSelection : public Xapian::MatchDecider {
 public:
  // `held` and `facets`: Selection::facets_held() and the number of facets selected.
  InSelection(std::vector<std::uint32_t> held, std::size_t facets, bool spare);
  bool operator()(const Xapian::Document& doc) const override;

 private:
  std::vector<std::uint32_t> held_;
  std::uint32_t all_;
  bool spare_;
};

// The filters of a request: OR within a facet, AND across facets.
class Selection {
 public:
  // Throws SearchError for a facet the index does not have, naming the closest one.
  Selection(const FacetSpace& facets, const std::vector<std::pair<std::string, std::string>>& filters);
  bool empty() const { return selected_.empty(); }
  bool has(const std::string& key) const { return selected_.count(key) > 0; }
  bool has(const std::string& key, const std::string& value) const;
  const std::map<std::string, std::vector<std::string>>& by_facet() const { return selected_; }
  // For each document, bit j set when it holds one of the values selected of the j-th facet with
  // selected values (by_facet() order, at most 32: there are 11 facets), read from the posting
  // lists of the filter terms that apply() uses.
  std::vector<std::uint32_t> facets_held(const Xapian::Database& db) const;
  // `q` restricted to the values selected.
  Xapian::Query apply(const Xapian::Query& q) const;
  // `q` restricted to the documents in the selection of every facet but one at most: the only ones
  // that the counts without a facet's own filter count (counts_without_own_filter), and with two
  // facets selected or more, far fewer than those of `q` alone. One facet selected: all of `q`.
  Xapian::Query apply_to_all_but_one(const Xapian::Query& q) const;

 private:
  // The documents that hold one of the values selected of each facet but `skip` (OR within a
  // facet, AND across facets); at least one other facet has selected values.
  Xapian::Query in_every_facet_but(const std::string& skip) const;

  std::map<std::string, std::vector<std::string>> selected_;
};

// The counts of each facet with selected values without its own filter, so that its other values
// show how many sheets choosing them too (OR) would add: over `unfiltered` (the documents that
// match the query, no filter applied), those that are in the selection of every other facet.
// One pass for all the facets selected, instead of one match per facet. `facet_count`: the values
// of the facet space (FacetSpace::size()).
std::map<std::string, std::vector<unsigned>> counts_without_own_filter(const Xapian::Database& db,
                                                                       const FacetTable& table, std::size_t facet_count,
                                                                       const std::vector<Xapian::docid>& unfiltered,
                                                                       const Selection& selected);

// Every facet's values with their counts, most frequent first, those selected always listed;
// `counts` are the search's, `without_own_filter` those of each facet with selected values;
// `values_of_facet` the values of each facet of facets.facets() (FacetSpace::values_of()).
std::vector<FacetResult> facet_results(const FacetSpace& facets,
                                       const std::vector<std::vector<std::uint16_t>>& values_of_facet,
                                       const std::vector<unsigned>& counts, const Selection& selected,
                                       const std::map<std::string, std::vector<unsigned>>& without_own_filter);

}  // namespace pratiques
