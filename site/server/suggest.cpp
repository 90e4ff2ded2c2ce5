#include "pratiques/server/suggest.h"

#include <algorithm>
#include <map>
#include <set>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/server/http.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

bool is_acronym(std::string_view t) {
  if (t.size() < 2 || t.size() > 12) return false;
  int upper = 0;
  for (char c : t) {
    if (c >= 'A' && c <= 'Z')
      ++upper;
    else if (!(c >= '0' && c <= '9') && c != '&' && c != '-')
      return false;
  }
  return upper >= 2;
}

}  // namespace

std::string Suggester::key(std::string_view text) {
  const std::string folded = text::fold(text);
  std::string out;
  out.reserve(folded.size());
  // A plural's final « s » or « x », in a word of four letters or more, on both sides: « cafés »
  // and « groupe de p » found nothing, the labels saying « café » and « Groupes de parole ».
  std::size_t word_start = 0;
  const auto end_word = [&] {
    if (out.size() - word_start >= 4 && (out.back() == 's' || out.back() == 'x')) out.pop_back();
  };
  bool space = false;
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      space = !out.empty();
      continue;
    }
    if (space) {
      end_word();
      out += ' ';
      word_start = out.size();
    }
    space = false;
    out += ch;
  }
  if (!out.empty()) end_word();
  return out;
}

void Suggester::add(Suggestion s, std::string_view typed_as) {
  Entry e;
  e.label_key = key(s.label);
  e.folded = typed_as.empty() ? e.label_key : key(typed_as);
  if (e.folded.empty()) return;
  e.rank = s.kind == "fiche" || s.kind == "parcours" ? 2 : s.kind == "sigle" || s.kind == "recherche" ? 1 : 0;
  e.s = std::move(s);
  entries_.push_back(std::move(e));
}

Suggester::Key Suggester::make_key(std::uint32_t entry, std::uint32_t offset) const {
  Key k{entry, offset, 0};
  const std::string_view text = std::string_view(entries_[entry].folded).substr(offset);
  for (std::size_t i = 0; i < 8; ++i)
    k.head = (k.head << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  return k;
}

void Suggester::finish() {
  whole_keys_.clear();
  word_keys_.clear();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    const std::string& f = entries_[i].folded;
    whole_keys_.push_back(make_key(i, 0));
    for (std::size_t p = 1; p < f.size(); ++p)
      if (f[p - 1] == ' ') word_keys_.push_back(make_key(i, static_cast<std::uint32_t>(p)));
  }
  // The same order as the texts' (the folded text has no NUL byte, so padding sorts first).
  auto by_text = [this](const Key& a, const Key& b) {
    return a.head != b.head ? a.head < b.head : key_text(a) < key_text(b);
  };
  std::sort(whole_keys_.begin(), whole_keys_.end(), by_text);
  std::sort(word_keys_.begin(), word_keys_.end(), by_text);
  whole_keys_.shrink_to_fit();
  word_keys_.shrink_to_fit();
}

void Suggester::scan(const std::vector<Key>& keys, const std::string& prefix, bool whole,
                     std::vector<std::uint32_t>& found, std::vector<std::uint32_t>& seen, std::uint32_t stamp) const {
  constexpr std::size_t kScan = 2000;  // bounds the work of a one-letter prefix
  auto it = std::lower_bound(keys.begin(), keys.end(), prefix,
                             [this](const Key& a, const std::string& b) { return key_text(a) < std::string_view(b); });
  for (std::size_t n = 0; it != keys.end() && n < kScan && key_text(*it).starts_with(prefix); ++it, ++n) {
    if (seen[it->entry] == stamp) continue;
    seen[it->entry] = stamp;
    found.push_back(it->entry * 2 + (whole ? 0 : 1));
  }
}

std::vector<const Suggestion*> Suggester::complete(std::string_view typed, std::size_t max) const {
  std::vector<const Suggestion*> out;
  // « l'hab », « l’isolement », « d'acc »: what follows the elided article, as search reads it,
  // and as the reader sees it (text::nfkc_visible).
  std::string folded = text::fold(text::nfkc_visible(typed.substr(0, 200)));
  folded.erase(0, std::min(folded.find_first_not_of(' '), folded.size()));
  strip_elision(folded);
  // An elided article alone (« l' », « d’ ») is no beginning of a word yet: it completed to every
  // label in L or D.
  if (!folded.empty() && folded.back() == '\'') return out;
  const std::string k = key(folded);
  if (k.empty() || max == 0 || entries_.empty()) return out;
  // Per-thread marks instead of a set: no allocation once warm.
  thread_local std::vector<std::uint32_t> seen;
  thread_local std::uint32_t stamp = 0;
  if (seen.size() < entries_.size() || ++stamp == 0) {
    seen.assign(entries_.size(), 0);
    stamp = 1;
  }
  std::vector<std::uint32_t> found;  // entry * 2 + (0: the label starts with it, 1: a word does)
  scan(whole_keys_, k, true, found, seen, stamp);
  if (found.size() < 4 * max) scan(word_keys_, k, false, found, seen, stamp);
  auto better = [this](std::uint32_t a, std::uint32_t b) {
    if ((a & 1) != (b & 1)) return (a & 1) < (b & 1);
    const Entry& x = entries_[a >> 1];
    const Entry& y = entries_[b >> 1];
    if (x.rank != y.rank) return x.rank < y.rank;
    if (x.s.weight != y.s.weight) return x.s.weight > y.s.weight;
    if (x.folded.size() != y.folded.size()) return x.folded.size() < y.folded.size();
    if (x.folded != y.folded) return x.folded < y.folded;
    return a < b;  // the same key (« ados », « ado »): the one added first
  };
  const std::size_t keep = std::min(found.size(), 4 * max);  // room for duplicate labels
  std::partial_sort(found.begin(), found.begin() + static_cast<long>(keep), found.end(), better);
  // The same label twice (a facet value and a sheet title, two vocabularies, two synonyms of one
  // value) reads as one: the best found, whose detail says the synonym it was found by.
  std::vector<std::string_view> labels;
  for (std::size_t i = 0; i < keep && out.size() < max; ++i) {
    const Entry& e = entries_[found[i] >> 1];
    if (std::find(labels.begin(), labels.end(), std::string_view(e.label_key)) != labels.end()) continue;
    labels.push_back(e.label_key);
    out.push_back(&e.s);
  }
  return out;
}

namespace {

// Facet values that at least one sheet carries, with their number of sheets. Returns them by
// "vocabulary:value", the name of the synonym group of the value.
std::map<std::string, std::vector<Suggestion>> add_facet_values(Suggester& s, Catalog& cat) {
  std::map<std::string, const FacetSpec*> facets;
  const FacetSpace space = FacetSpace::load(cat);
  for (const auto& f : space.facets())
    if (f.vocabulary != "annees") facets[f.key] = &f;  // a bare year is no useful suggestion
  std::map<std::string, std::vector<Suggestion>> by_group;
  for (const auto& v : catalogue::value_counts(cat)) {
    const auto f = facets.find(v.facet);
    if (f == facets.end()) continue;
    Suggestion x;
    x.kind = v.facet;
    x.kind_label = f->second->label;
    x.value = v.value;
    x.label = v.label;
    x.weight = static_cast<unsigned>(v.sheets);
    x.url = "/recherche?" + build_query_string({{v.facet, x.value}});
    by_group[f->second->vocabulary + ":" + v.value].push_back(x);
    s.add(std::move(x));
  }
  return by_group;
}

// The synonym groups. Their acronyms ("QPV" → "Quartier"), searched as such (synonyms expand them),
// found by the acronym, or by its expansions in an acronym's own group. The other terms of a
// vocabulary value's group lead to the value (« empowerment » → Développement du pouvoir d'agir);
// those of a ring, to a search for its first term (« ados » → adolescents), which finds the ring's
// other terms too. Only the acronyms and rings of `mentioned` groups, which find some sheet.
void add_synonyms(Suggester& s, Catalog& cat, const std::set<long long>& mentioned,
                  const std::map<std::string, std::vector<Suggestion>>& values_by_group) {
  const auto terms = catalogue::synonym_terms(cat);
  std::map<long long, std::vector<std::string>> words_of;  // each group's terms that are no acronym
  std::map<long long, std::string> name_of;
  for (const auto& t : terms) {
    name_of[t.group] = t.group_name;
    if (!is_acronym(t.term)) words_of[t.group].push_back(t.term);
  }
  // An acronym that no sheet says, nor any term of its groups: EHPAD, CPOM, TISF led to no sheet.
  std::set<std::string> found_acronyms;
  for (const auto& t : terms)
    if (is_acronym(t.term) && mentioned.count(t.group)) found_acronyms.insert(t.term);
  std::map<std::string, Suggestion> acronyms;
  std::map<std::string, std::vector<std::string>> expansions;  // of the acronym's own groups
  for (const auto& t : terms) {
    if (!found_acronyms.count(t.term)) continue;
    const auto& words = words_of[t.group];
    if (t.group_name.starts_with("sigle:"))
      expansions[t.term].insert(expansions[t.term].end(), words.begin(), words.end());
    if (acronyms.count(t.term)) continue;
    Suggestion& x = acronyms[t.term];
    x.kind = "sigle";
    x.kind_label = "Sigle";
    x.label = t.term;
    x.value = t.term;
    x.detail = words.empty() ? "" : words.front();  // its first group's first term that is no acronym
    x.url = "/recherche?" + build_query_string({{"q", t.term}});
  }
  for (const auto& [acronym, x] : acronyms) {
    for (const auto& w : expansions[acronym]) s.add(x, w);
    s.add(x);
  }
  for (const auto& [group, words] : words_of) {
    const std::string& name = name_of[group];
    if (const auto value = values_by_group.find(name); value != values_by_group.end()) {
      for (const auto& w : words)
        for (Suggestion x : value->second) {
          if (Suggester::key(w) == Suggester::key(x.label)) continue;
          x.detail = "« " + w + " »";
          s.add(std::move(x), w);
        }
    } else if (name.starts_with("anneau:") && words.size() > 1 && mentioned.count(group)) {  // one term adds no word
      for (const auto& w : words) {
        Suggestion x;
        x.kind = "recherche";
        x.kind_label = "Recherche";
        x.label = words.front();
        x.value = words.front();
        x.url = "/recherche?" + build_query_string({{"q", x.label}});
        if (w != words.front()) x.detail = "« " + w + " »";
        s.add(std::move(x), w);
      }
    }
  }
}

// Sheet titles, with their département when they have one, and the trainers' courses (« coéduc »,
// « Associer les par » found none).
void add_titles(Suggester& s, Catalog& cat) {
  for (const auto& t : catalogue::sheet_titles(cat, "departement")) {
    Suggestion x;
    x.kind = "fiche";
    x.kind_label = "Fiche";
    x.value = t.id;
    x.label = t.title;
    x.detail = t.value_label;
    x.url = "/fiches/" + x.value + "/";
    s.add(std::move(x));
  }
  for (const auto& c : catalogue::courses(cat)) {
    Suggestion x;
    x.kind = "parcours";
    x.kind_label = "Parcours";
    x.value = c.id;
    x.label = c.title;
    x.url = "/parcours/" + x.value + "/";
    s.add(std::move(x));
  }
}

}  // namespace

Suggester Suggester::load(Catalog& cat, const std::set<long long>& mentioned) {
  Suggester s;
  add_synonyms(s, cat, mentioned, add_facet_values(s, cat));
  add_titles(s, cat);
  s.finish();
  return s;
}

}  // namespace pratiques::server
