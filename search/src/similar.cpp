// "Pratiques proches": the neighbours of a sheet by relevance feedback on its own terms, as Xapian
// computes them (similar_mset, for one sheet) and the same result computed in memory for every
// sheet (NeighbourIndex, for the static site's build).
#include "similar.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pratiques {

namespace {

// A term relevance feedback may use: a word's stem, "Z" and 3 letters or more ("Zlog" for
// "logement"), or an acronym, the one word indexed as written, of 4 letters or more ("cnaf").
bool feedback_term(const std::string& term) {
  const auto letter = [&](std::size_t i) { return i < term.size() && term[i] >= 'a' && term[i] <= 'z'; };
  if (letter(0)) return term.size() >= 4;
  return term[0] == 'Z' && letter(1) && term.size() >= 4;
}

// Keeps the words of a document for relevance feedback (feedback_term).
// Terms found in one document only are left out: they cannot lead to another sheet (in a small
// corpus they would fill the whole expansion set and "Pratiques proches" would stay empty).
class WordsOnly : public Xapian::ExpandDecider {
 public:
  explicit WordsOnly(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    return !term.empty() && feedback_term(term) && db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

// Sheets close to `id` for a list of expansion terms: OR of the terms, the sheet itself excluded.
// Every matching sheet is weighed (check_at_least = all): with max-weight pruning, xapian-core
// 1.4.22 can miss the heaviest document of such an OR (seen once in 30,000 sheets), and the exact
// first `count` are what NeighbourIndex computes for similar_ids().
Xapian::MSet neighbours(const Xapian::Database& db, const std::string& id, const std::vector<std::string>& expansion,
                        int count) {
  std::vector<Xapian::Query> terms(expansion.begin(), expansion.end());
  if (terms.empty()) return {};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  Xapian::Query("Q" + id)));
  return enquire.get_mset(0, static_cast<Xapian::doccount>(std::max(0, count)), db.get_doccount());
}

constexpr Xapian::termcount kExpansionTerms = 30;
static_assert(kExpansionTerms <= 32, "NeighbourIndex keeps one bit per expansion term");

// The neighbours of a sheet by relevance feedback on its own terms (Xapian's ESet).
Xapian::MSet similar_mset(const Xapian::Database& db, const std::string& id, int count) {
  Xapian::PostingIterator p = db.postlist_begin("Q" + id);
  if (p == db.postlist_end("Q" + id)) return {};
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string()));  // match all (not the shared static: see search.cpp)
  WordsOnly decider(db);
  Xapian::ESet eset = enquire.get_eset(kExpansionTerms, rset, &decider);
  std::vector<std::string> terms;
  for (auto t = eset.begin(); t != eset.end(); ++t) terms.push_back(*t);
  return neighbours(db, id, terms, count);
}

// Everything similar_ids() needs, read once from the database, then one sheet's neighbours in
// memory. The result is the one similar() gets from Xapian (the tests compare them), at a
// fraction of the cost: for every sheet, get_eset() decodes the sheet's whole term list and looks
// up the frequency of each of its words in the B-tree, and the OR query reads 30 posting lists
// and, for each of their postings, the length of the document from another B-tree.
//
// - Expansion terms (Enquire::get_eset with TradEWeight, expand_k = 1, an RSet of one document and
//   the WordsOnly decider): the same weights, heap and ties as xapian-core 1.4
//   (ESet::Internal::expand), computed for every sheet in one pass over the posting lists of the
//   words WordsOnly accepts. Those words are visited in term order, the order of a term list, so
//   each sheet's heap sees its words in the same order as get_eset.
// - Neighbours (OP_OR of the expansion terms, the sheet excluded, BM25Weight with its default
//   parameters): the same weights as Xapian's, added in the same order. Xapian adds the weights
//   of a document up a binary tree of OR nodes built like a Huffman code on the terms' frequencies
//   (OrContext::postlist); floating-point addition is commutative but not associative, so the
//   tree is rebuilt here the same way and a document's weight is summed along it. The ranking is
//   Xapian's: weight, then docid ascending.
// Arithmetic is written as Xapian writes it (BM25Weight::get_sumpart, TradEWeight): compile
// without -ffast-math and without contracting into FMA (-ffp-contract=off if -march allows FMA).
class NeighbourIndex {
 public:
  explicit NeighbourIndex(const Xapian::Database& db) {
    dbsize_ = db.get_doccount();
    const Xapian::docid last = db.get_lastdocid();
    std::vector<Xapian::termcount> doclen(last + 1, 0);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) doclen[*p] = p.get_doclength();
    // BM25Weight::init and get_sumpart: the part of the denominator that depends on the document.
    const double average = dbsize_ ? static_cast<double>(db.get_total_length()) / dbsize_ : 0;
    const double len_factor = average != 0 ? 1 / average : 0;
    bm25_base_.resize(last + 1);
    for (Xapian::docid did = 0; did <= last; ++did) {
      const double normlen = std::max(doclen[did] * len_factor, kMinNormlen);
      bm25_base_[did] = kK1 * (normlen * kB + (1 - kB));
    }

    // One pass over the words: posting lists kept, each sheet's expansion heap fed.
    struct Pending {
      std::vector<std::pair<double, std::uint32_t>> items;  // (weight, term index): index order is term order
      double min_wt = 0;
      bool is_heap = false;
    };
    std::vector<Pending> pending(last + 1);
    // Xapian::Internal::ExpandTerm::operator<: heavier first, then the lexically larger term.
    const auto less = [](const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
      if (a.first > b.first) return true;
      if (a.first < b.first) return false;
      return a.second > b.second;
    };
    const double expand_k = 1.0;
    const double avlen = db.get_avlength();
    start_.push_back(0);
    // Terms are sorted: the stems of words ("Za"…"Zz") come after the other prefixed ones and
    // numbers, and before the acronyms ("a"…"z"); none that WordsOnly accepts comes after "z".
    Xapian::TermIterator t = db.allterms_begin();
    t.skip_to("Za");
    for (const Xapian::TermIterator end = db.allterms_end(); t != end; ++t) {
      const std::string term = *t;
      const unsigned char c = term.empty() ? 0 : static_cast<unsigned char>(term[0]);
      if (c > 'z') break;
      const Xapian::doccount termfreq = t.get_termfreq();
      if (!(feedback_term(term) && termfreq >= 2)) continue;  // WordsOnly
      const auto index = static_cast<std::uint32_t>(termfreq_.size());
      termfreq_.push_back(termfreq);
      // TradEWeight::get_weight with rsize = rtermfreq = 1: the part that depends on the term.
      const Xapian::doccount rsize = 1, rtermfreq = 1;
      const double reldocs_without_term = rsize - rtermfreq;
      const double num = (rtermfreq + 0.5) * (dbsize_ - termfreq - reldocs_without_term + 0.5);
      const double denom = (termfreq - rtermfreq + 0.5) * (reldocs_without_term + 0.5);
      const double expand_weight = std::log(num / denom);
      // BM25Weight::init (no RSet, wqf 1, factor 1).
      double tw = (dbsize_ - termfreq + 0.5) / (termfreq + 0.5);
      if (tw < 2) tw = tw * 0.5 + 1;
      termweight_.push_back(std::log(tw) * (kK1 + 1));
      for (auto p = db.postlist_begin(term), pend = db.postlist_end(term); p != pend; ++p) {
        const Xapian::docid did = *p;
        Xapian::termcount wdf = p.get_wdf();
        postings_.push_back({did, wdf});
        // ExpandStats::accumulate then TradEWeight::get_weight.
        if (wdf == 0) wdf = 1;
        double multiplier = 0;
        multiplier += (expand_k + 1) * wdf / (expand_k * doclen[did] / avlen + wdf);
        const double wt = multiplier * expand_weight;
        Pending& d = pending[did];
        if (wt <= d.min_wt) continue;
        d.items.emplace_back(wt, index);
        if (d.items.size() > kExpansionTerms) {
          if (!d.is_heap) {
            d.is_heap = true;
            std::make_heap(d.items.begin(), d.items.end(), less);
          } else {
            std::push_heap(d.items.begin(), d.items.end(), less);
          }
          std::pop_heap(d.items.begin(), d.items.end(), less);
          d.items.pop_back();
          d.min_wt = d.items.front().first;
        }
      }
      start_.push_back(static_cast<std::uint32_t>(postings_.size()));
    }
    expansion_start_.assign(static_cast<std::size_t>(last) + 2, 0);
    for (Xapian::docid did = 0; did <= last; ++did) {
      Pending& d = pending[did];
      if (d.is_heap)
        std::sort_heap(d.items.begin(), d.items.end(), less);
      else
        std::sort(d.items.begin(), d.items.end(), less);
      for (const auto& item : d.items) expansion_.push_back(item.second);
      expansion_start_[did + 1] = static_cast<std::uint32_t>(expansion_.size());
      std::vector<std::pair<double, std::uint32_t>>().swap(d.items);
    }
  }

  // The `count` documents closest to `did` (weight, then docid), none of `excluded`.
  // Safe from several threads at once: each call works in scratch space of its own.
  //
  // Every posting of the leaves adds its weight to its document's running sum. Xapian's weight is
  // that sum taken along the OR tree, which rounds differently, so only the documents whose running
  // sum comes within a margin (far above the rounding of 30 additions) of the `count`-th best can be
  // among the first; their weights alone are recomputed as Xapian adds them, from their postings.
  std::vector<Xapian::docid> neighbours(Xapian::docid did, int count,
                                        const std::vector<Xapian::docid>& excluded) const {
    std::vector<Xapian::docid> out;
    if (count <= 0 || did + 1 >= expansion_start_.size()) return out;
    const std::uint32_t* terms = expansion_.data() + expansion_start_[did];
    const std::size_t n = expansion_start_[did + 1] - expansion_start_[did];
    if (n == 0) return out;
    const ScratchLease lease(*this);
    Scratch& scratch = *lease.scratch;
    std::vector<Xapian::docid>& touched = scratch.touched;
    std::vector<Match>& matches = scratch.matches;
    std::size_t postings = 0;
    for (std::size_t i = 0; i < n; ++i) postings += start_[terms[i] + 1] - start_[terms[i]];
    touched.resize(postings);
    std::size_t met = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double termweight = termweight_[terms[i]];
      const std::uint32_t leaf = std::uint32_t{1} << i;
      for (std::uint32_t k = start_[terms[i]]; k < start_[terms[i] + 1]; ++k) {
        const Posting& p = postings_[k];
        Match& m = matches[p.did];
        touched[met] = p.did;  // kept only if it is the document's first leaf: no branch to mispredict
        met += m.leaves == 0;
        m.leaves |= leaf;
        m.sum += bm25_part(termweight, p.wdf, m.bm25_base);
      }
    }
    touched.resize(met);
    const auto is_excluded = [&excluded](Xapian::docid doc) {
      return std::find(excluded.begin(), excluded.end(), doc) != excluded.end();
    };
    // The `count`-th best running sum (0 when fewer documents match), then the documents near it.
    std::vector<double>& sums = scratch.sums;
    sums.clear();
    for (const Xapian::docid doc : touched)
      if (!is_excluded(doc)) sums.push_back(matches[doc].sum);
    double threshold = 0;
    if (sums.size() >= static_cast<std::size_t>(count)) {
      std::nth_element(sums.begin(), sums.begin() + (count - 1), sums.end(), std::greater<>());
      threshold = sums[count - 1] * (1 - kMargin);
    }
    const int root = build_tree(terms, n, scratch);
    double w[kExpansionTerms];
    // Better first: heavier, then the smaller docid (Xapian's relevance order).
    const auto better = [](const std::pair<double, Xapian::docid>& a, const std::pair<double, Xapian::docid>& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::vector<std::pair<double, Xapian::docid>> top;  // a heap whose front is the worst kept
    for (const Xapian::docid doc : touched) {
      Match& m = matches[doc];
      const std::uint32_t mask = m.leaves;
      const bool near = m.sum * (1 + kMargin) >= threshold;
      m.sum = 0;
      m.leaves = 0;
      if (!near || is_excluded(doc)) continue;
      for (std::uint32_t rest = mask; rest; rest &= rest - 1) {
        const auto i = static_cast<std::size_t>(std::countr_zero(rest));
        const Posting* first = postings_.data() + start_[terms[i]];
        const Posting* last = postings_.data() + start_[terms[i] + 1];
        const Posting* p =
            std::lower_bound(first, last, doc, [](const Posting& q, Xapian::docid d) { return q.did < d; });
        w[i] = bm25_part(termweight_[terms[i]], p->wdf, bm25_base_[doc]);
      }
      const std::uint32_t others = mask & (mask - 1);
      // One or two leaves: no grouping to respect (a + b == b + a).
      const double wt = others == 0                    ? w[std::countr_zero(mask)]
                        : (others & (others - 1)) == 0 ? w[std::countr_zero(mask)] + w[std::countr_zero(others)]
                                                       : sum(scratch.nodes, root, mask, w);
      const std::pair<double, Xapian::docid> candidate{wt, doc};
      if (top.size() < static_cast<std::size_t>(count)) {
        top.push_back(candidate);
        std::push_heap(top.begin(), top.end(), better);
      } else if (better(candidate, top.front())) {
        std::pop_heap(top.begin(), top.end(), better);
        top.back() = candidate;
        std::push_heap(top.begin(), top.end(), better);
      }
    }
    std::sort_heap(top.begin(), top.end(), better);
    for (const auto& [wt, doc] : top) out.push_back(doc);
    return out;
  }

 private:
  static constexpr double kK1 = 1, kB = 0.5, kMinNormlen = 0.5;  // BM25Weight's defaults (k2 = 0, k3 = 1)
  // Relative margin around the running sums: rounding moves a sum of 30 doubles by ~1e-14.
  static constexpr double kMargin = 1e-9;
  struct Posting {
    Xapian::docid did;
    Xapian::termcount wdf;
  };
  // BM25Weight::get_sumpart: a term's weight in a document.
  static double bm25_part(double termweight, Xapian::termcount wdf, double bm25_base) {
    const double wdf_double(wdf);
    return termweight * (wdf_double / (bm25_base + wdf_double));
  }
  // A document's running sum over the leaves that match it (bit i: leaf i), next to its
  // bm25_base_ so that a posting costs one random access.
  struct Match {
    double sum = 0;
    double bm25_base = 0;
    std::uint32_t leaves = 0;
  };
  struct Node {
    Xapian::doccount est;  // get_termfreq_est()
    int left, right;       // -1 for a leaf
    std::uint32_t leaves;  // bit i: expansion term i is under this node
  };

  // Scratch space of one neighbours() call: a Match by docid (24 bytes per document), kept between
  // calls, one per thread asking at once.
  struct Scratch {
    std::vector<Node> nodes;
    std::vector<int> heap;
    std::vector<Xapian::docid> touched;
    std::vector<Match> matches;
    std::vector<double> sums;
  };
  // A scratch space taken from the free ones (or made) for one call, given back after it.
  struct ScratchLease {
    const NeighbourIndex& index;
    std::unique_ptr<Scratch> scratch;
    explicit ScratchLease(const NeighbourIndex& i) : index(i) {
      {
        std::lock_guard lock(index.scratch_mutex_);
        if (!index.free_scratch_.empty()) {
          scratch = std::move(index.free_scratch_.back());
          index.free_scratch_.pop_back();
        }
      }
      if (!scratch) {
        scratch = std::make_unique<Scratch>();
        scratch->matches.resize(index.bm25_base_.size());
        for (std::size_t did = 0; did < index.bm25_base_.size(); ++did)
          scratch->matches[did].bm25_base = index.bm25_base_[did];
      }
    }
    ~ScratchLease() {
      std::lock_guard lock(index.scratch_mutex_);
      index.free_scratch_.push_back(std::move(scratch));
    }
  };
  // OrContext::postlist: a heap on the frequency estimates, the two least frequent joined first.
  int build_tree(const std::uint32_t* terms, std::size_t n, Scratch& scratch) const {
    std::vector<Node>& nodes = scratch.nodes;
    std::vector<int>& heap = scratch.heap;
    nodes.clear();
    heap.clear();
    for (std::size_t i = 0; i < n; ++i) {
      nodes.push_back({termfreq_[terms[i]], -1, -1, std::uint32_t{1} << i});
      heap.push_back(static_cast<int>(i));
    }
    // ComparePostListTermFreqAscending
    const auto cmp = [&nodes](int a, int b) { return nodes[a].est > nodes[b].est; };
    std::make_heap(heap.begin(), heap.end(), cmp);
    if (heap.size() == 1) return heap.front();
    while (true) {
      const int r = heap.front();
      std::pop_heap(heap.begin(), heap.end(), cmp);
      heap.pop_back();
      const int l = heap.front();
      // OrPostList::get_termfreq_est
      const double lest = nodes[l].est, rest = nodes[r].est;
      const double est = lest + rest - (lest * rest / dbsize_);
      nodes.push_back({static_cast<Xapian::doccount>(est + 0.5), l, r, nodes[l].leaves | nodes[r].leaves});
      const int node = static_cast<int>(nodes.size()) - 1;
      if (heap.size() == 1) return node;
      std::pop_heap(heap.begin(), heap.end(), cmp);
      heap.back() = node;
      std::push_heap(heap.begin(), heap.end(), cmp);
    }
  }

  // A document's weight under `node`: OrPostList::get_weight (left + right when both match).
  static double sum(const std::vector<Node>& nodes, int node, std::uint32_t mask, const double* w) {
    const Node& nd = nodes[node];
    if (nd.left < 0) return w[std::countr_zero(nd.leaves)];
    const bool left = nodes[nd.left].leaves & mask, right = nodes[nd.right].leaves & mask;
    if (left && right) return sum(nodes, nd.left, mask, w) + sum(nodes, nd.right, mask, w);
    return sum(nodes, left ? nd.left : nd.right, mask, w);
  }

  Xapian::doccount dbsize_ = 0;
  std::vector<double> bm25_base_;           // by docid
  std::vector<Xapian::doccount> termfreq_;  // by term index (term order)
  std::vector<double> termweight_;          // BM25 termweight, by term index
  std::vector<std::uint32_t> start_;        // term index → first of its postings
  std::vector<Posting> postings_;
  std::vector<std::uint32_t> expansion_start_, expansion_;  // docid → its expansion terms, heaviest first
  mutable std::mutex scratch_mutex_;
  mutable std::vector<std::unique_ptr<Scratch>> free_scratch_;
};

std::shared_ptr<NeighbourIndex> load_neighbour_index(const Xapian::Database& db) {
  return std::make_shared<NeighbourIndex>(db);
}

std::vector<Xapian::docid> nearest(const NeighbourIndex& index, Xapian::docid did, int count,
                                   const std::vector<Xapian::docid>& excluded) {
  return index.neighbours(did, count, excluded);
}

}  // namespace pratiques
