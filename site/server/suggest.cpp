#include "pratiques/server/suggest.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "pratiques/catalog.h"
#include "pratiques/facets.h"
#include "pratiques/server/http.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

bool is_acronym(std::string_view t) {
  if (t.size() < 2 || t.size() > 12) return false;
  int upper = 0;
  for (char c : t) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (!(c >= '0' && c <= '9') && c != '&' && c != '-') return false;
  }
  return upper >= 2;
}

}  // namespace

std::string Suggester::key(std::string_view text) {
  const std::string folded = text::fold(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

void Suggester::add(Suggestion s) {
  Entry e;
  e.folded = key(s.label);
  if (e.folded.empty()) return;
  e.rank = s.kind == "fiche" ? 2 : s.kind == "sigle" ? 1 : 0;
  e.s = std::move(s);
  entries_.push_back(std::move(e));
}

void Suggester::finish() {
  keys_.clear();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    const std::string& f = entries_[i].folded;
    for (std::size_t p = 0; p < f.size(); ++p)
      if (p == 0 || f[p - 1] == ' ') keys_.push_back({i, static_cast<std::uint32_t>(p)});
  }
  std::sort(keys_.begin(), keys_.end(), [this](const Key& a, const Key& b) { return key_text(a) < key_text(b); });
  keys_.shrink_to_fit();
}

std::vector<const Suggestion*> Suggester::complete(std::string_view typed, std::size_t max) const {
  std::vector<const Suggestion*> out;
  const std::string k = key(typed.substr(0, 200));
  if (k.empty() || max == 0) return out;
  auto it = std::lower_bound(keys_.begin(), keys_.end(), k,
                             [this](const Key& a, const std::string& b) { return key_text(a) < std::string_view(b); });
  struct Candidate {
    std::uint32_t entry;
    bool whole;
  };
  std::vector<Candidate> found;
  std::unordered_set<std::uint32_t> seen;
  constexpr std::size_t kScan = 4000;  // bounds the work of a one-letter prefix
  for (std::size_t n = 0; it != keys_.end() && n < kScan && key_text(*it).starts_with(k); ++it, ++n) {
    const bool whole = it->offset == 0;
    if (!seen.insert(it->entry).second) {
      if (whole)
        for (auto& c : found)
          if (c.entry == it->entry) c.whole = true;
      continue;
    }
    found.push_back({it->entry, whole});
  }
  std::sort(found.begin(), found.end(), [this](const Candidate& a, const Candidate& b) {
    const Entry& x = entries_[a.entry];
    const Entry& y = entries_[b.entry];
    if (a.whole != b.whole) return a.whole;
    if (x.rank != y.rank) return x.rank < y.rank;
    if (x.s.weight != y.s.weight) return x.s.weight > y.s.weight;
    if (x.folded.size() != y.folded.size()) return x.folded.size() < y.folded.size();
    return x.folded < y.folded;
  });
  // The same label twice (a facet value and a sheet title, two vocabularies) reads as one.
  std::set<std::string_view> labels;
  for (const auto& c : found) {
    if (out.size() >= max) break;
    const Entry& e = entries_[c.entry];
    if (!labels.insert(e.folded).second) continue;
    out.push_back(&e.s);
  }
  return out;
}

Suggester Suggester::load(Catalog& cat) {
  Suggester s;
  const FacetSpace facets = FacetSpace::load(cat);
  std::map<std::string, std::string> facet_labels;
  for (const auto& f : facets.facets()) facet_labels[f.key] = f.label;

  // Facet values that at least one sheet carries, with their number of sheets.
  auto v = cat.prepare(
      "SELECT fv.facet, fv.value, fv.label, COUNT(sv.sheet_id) FROM facet_values fv "
      "JOIN sheet_values sv ON sv.facet = fv.facet AND sv.value = fv.value GROUP BY fv.facet, fv.value");
  while (v.step()) {
    const std::string facet = v.text(0);
    if (!facet_labels.count(facet) || facet == "annee") continue;
    Suggestion x;
    x.kind = facet;
    x.kind_label = facet_labels[facet];
    x.value = v.text(1);
    x.label = v.text(2);
    x.weight = static_cast<unsigned>(v.integer(3));
    x.url = "/recherche?" + build_query_string({{facet, x.value}});
    s.add(std::move(x));
  }

  // Acronyms of the synonym groups ("QPV" → "Quartier"), searched as such (synonyms expand them).
  std::map<long long, std::string> group_label;
  std::vector<std::pair<long long, std::string>> acronyms;
  auto g = cat.prepare("SELECT group_id, term FROM synonym_terms ORDER BY rowid");
  while (g.step()) {
    const std::string term = g.text(1);
    if (is_acronym(term)) acronyms.emplace_back(g.integer(0), term);
    else group_label.emplace(g.integer(0), term);  // the first non-acronym term names the group
  }
  std::set<std::string> done;
  for (const auto& [group, term] : acronyms) {
    if (!done.insert(term).second) continue;
    Suggestion x;
    x.kind = "sigle";
    x.kind_label = "Sigle";
    x.label = term;
    x.value = term;
    x.detail = group_label.count(group) ? group_label[group] : "";
    x.url = "/recherche?" + build_query_string({{"q", term}});
    s.add(std::move(x));
  }

  // Sheet titles, with their département when they have one.
  auto t = cat.prepare(
      "SELECT s.id, s.titre, (SELECT fv.label FROM sheet_values sv JOIN facet_values fv "
      "ON fv.facet = sv.facet AND fv.value = sv.value WHERE sv.sheet_id = s.id AND sv.facet = 'departement' LIMIT 1) "
      "FROM sheets s");
  while (t.step()) {
    Suggestion x;
    x.kind = "fiche";
    x.kind_label = "Fiche";
    x.value = t.text(0);
    x.label = t.text(1);
    x.detail = t.text(2);
    x.url = "/fiches/" + x.value + "/";
    s.add(std::move(x));
  }
  s.finish();
  return s;
}

}  // namespace pratiques::server
