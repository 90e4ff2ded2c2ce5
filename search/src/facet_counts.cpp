#include "facet_counts.h"

#include <algorithm>

#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

void FacetTable::load(const Xapian::Database& db) {
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

Selection::Selection(const FacetSpace& facets, const std::vector<std::pair<std::string, std::string>>& filters) {
  for (const auto& [key, value] : filters) {
    if (!facets.facet(key)) {
      std::vector<std::string> keys;
      for (const auto& f : facets.facets()) keys.push_back(f.key);
      std::string hint = text::closest(key, keys);
      throw SearchError("filtre inconnu « " + key + " »" +
                        (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?"));
    }
    // A value of a vocabulary that it does not have: an error, as an unknown key is, not a silent
    // nothing (« thematiques=Parentalité », its label, « region=Hauts-de-France », its name,
    // found no sheet). Its slug or code is offered, from its label or the nearest slug.
    if (!facets.facet(key)->vocabulary.empty() && !facets.id(key, value)) {
      std::vector<std::string> slugs;
      std::string hint;
      for (const std::uint16_t id : facets.values_of(key)) {
        const FacetValueDef& d = facets.def(id);
        slugs.push_back(d.value);
        if (hint.empty() && text::fold(d.label) == text::fold(value)) hint = d.value;
      }
      if (hint.empty()) hint = text::closest(value, slugs);
      throw SearchError("valeur inconnue « " + value + " » pour le filtre « " + key + " »" +
                        (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?"));
    }
    auto& values = selected_[key];
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
}

bool Selection::has(const std::string& key, const std::string& value) const {
  const auto it = selected_.find(key);
  return it != selected_.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

std::vector<std::uint32_t> Selection::facets_held(const Xapian::Database& db) const {
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

InSelection::InSelection(std::vector<std::uint32_t> held, std::size_t facets, bool spare)
    : held_(std::move(held)), all_(facets >= 32 ? ~0u : (1u << facets) - 1), spare_(spare) {}

bool InSelection::operator()(const Xapian::Document& doc) const {
  const Xapian::docid did = doc.get_docid();
  if (did >= held_.size()) return false;
  const std::uint32_t missing = all_ & ~held_[did];
  return missing == 0 || (spare_ && (missing & (missing - 1)) == 0);
}

Xapian::Query Selection::apply(const Xapian::Query& q) const {
  if (selected_.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q, in_every_facet_but(""));
}

Xapian::Query Selection::apply_to_all_but_one(const Xapian::Query& q) const {
  if (selected_.size() < 2) return q;
  std::vector<Xapian::Query> alternatives;
  for (const auto& facet : selected_) alternatives.push_back(in_every_facet_but(facet.first));
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
}

Xapian::Query Selection::in_every_facet_but(const std::string& skip) const {
  std::vector<Xapian::Query> all;
  for (const auto& [key, values] : selected_) {
    if (key == skip) continue;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(FacetSpace::filter_term(key, v));
    all.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

std::map<std::string, std::vector<unsigned>> counts_without_own_filter(const Xapian::Database& db,
                                                                       const FacetTable& table, std::size_t facet_count,
                                                                       const std::vector<Xapian::docid>& unfiltered,
                                                                       const Selection& selected) {
  const std::size_t n = selected.by_facet().size();
  if (n > 32) throw SearchError("trop de facettes filtrées");  // never: there are 11 facets
  const std::vector<std::uint32_t> held = selected.facets_held(db);
  const std::uint32_t all = n == 32 ? ~0u : (1u << n) - 1;
  // A document in every selection counts for every facet: once in `common`, added at the end.
  std::vector<unsigned> common(facet_count, 0);
  std::vector<std::vector<unsigned>> counts(n, std::vector<unsigned>(facet_count, 0));
  auto add = [&table](Xapian::docid did, std::vector<unsigned>& c) {
    table.for_each(did, [&c](std::uint16_t id) {
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

std::vector<FacetResult> facet_results(const FacetSpace& facets,
                                       const std::vector<std::vector<std::uint16_t>>& values_of_facet,
                                       const std::vector<unsigned>& counts, const Selection& selected,
                                       const std::map<std::string, std::vector<unsigned>>& without_own_filter) {
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
    for (auto id : values_of_facet[k]) {
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

}  // namespace pratiques
