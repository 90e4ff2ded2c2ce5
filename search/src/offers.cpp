#include "offers.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <regex>
#include <sstream>

#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

std::vector<SearchResponse::Wider> wider_terms(const SynonymMatcher& synonyms, const std::vector<Token>& tokens,
                                               const std::string& query) {
  std::vector<SearchResponse::Wider> out;
  for (const auto& m : synonyms.narrower(tokens)) {
    SearchResponse::Wider w{query.substr(tokens[m.first].begin, tokens[m.last].end - tokens[m.first].begin),
                            synonyms.terms(m.group).front()};
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

namespace {

// A place's name as typed, and what `named` gives for it.
struct NamedPlace {
  std::string typed, value;
};

// The places a query names, each the longest run of words from the left that `named` gives a
// value for ("" for none), typed with a capital or with hyphens: in lower case, « mer », « somme »
// are words. Not within a longer name of `places` (« Loire » of « Pays de la Loire »).
std::vector<NamedPlace> named_places(const std::vector<Token>& tokens, const std::string& query,
                                     const std::map<std::vector<std::string>, std::vector<std::string>>& places,
                                     const std::function<std::string(const std::vector<std::string>&)>& named) {
  constexpr std::size_t kMostWords = 6;  // "Saint-Rémy-de-Provence"
  std::vector<NamedPlace> out;
  const auto words_of = [&](std::size_t i, std::size_t e) {
    std::vector<std::string> words;
    for (std::size_t k = i; k < e; ++k) words.push_back(tokens[k].term);
    return words;
  };
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t end = i;
    std::string value;
    for (std::size_t e = std::min(tokens.size(), i + kMostWords); e > i && value.empty(); --e) {
      value = named(words_of(i, e));
      end = e;
    }
    std::size_t place_end = end;
    for (std::size_t e = std::min(tokens.size(), i + kMostWords); e > place_end; --e)
      if (places.count(words_of(i, e))) {
        place_end = e;
        break;
      }
    if (place_end > end) {
      i = place_end;
      continue;
    }
    if (value.empty()) {
      ++i;
      continue;
    }
    std::string typed = query.substr(tokens[i].begin, tokens[end - 1].end - tokens[i].begin);
    if (starts_with_capital(typed) || typed.find('-') != std::string::npos) out.push_back({std::move(typed), value});
    i = end;
  }
  return out;
}

}  // namespace

std::vector<SearchResponse::Wider> commune_departements(
    const Xapian::Database& db, const std::map<std::string, std::string>& departements,
    const std::map<std::vector<std::string>, std::vector<std::string>>& places, const std::vector<Token>& tokens,
    const std::string& query) {
  std::vector<SearchResponse::Wider> out;
  for (const auto& [typed, codes] : named_places(tokens, query, places, [&](const std::vector<std::string>& words) {
         return places.count(words) ? std::string() : db.get_metadata(commune_key(text::join(words)));
       })) {
    std::istringstream in(codes);
    for (std::string code; in >> code;)
      if (const auto d = departements.find(code); d != departements.end())
        out.push_back({typed, d->second, SearchResponse::Wider::Relation::Commune});
  }
  return out;
}

std::vector<SearchResponse::Wider> departement_regions(
    const std::map<std::vector<std::string>, std::string>& regions,
    const std::map<std::vector<std::string>, std::vector<std::string>>& places, const std::vector<Token>& tokens,
    const std::string& query) {
  std::vector<SearchResponse::Wider> out;
  for (auto& [typed, region] : named_places(tokens, query, places, [&](const std::vector<std::string>& words) {
         const auto r = regions.find(words);
         return r == regions.end() ? std::string() : r->second;
       }))
    out.push_back({std::move(typed), std::move(region), SearchResponse::Wider::Relation::Departement});
  return out;
}

std::vector<SearchResponse::Wider> postal_code_departements(const std::map<std::string, std::string>& departements,
                                                            const std::vector<Token>& tokens,
                                                            const std::string& query) {
  std::vector<SearchResponse::Wider> out;
  for (const Token& t : tokens) {
    const std::string& c = t.term;
    if (c.size() != 5 || !std::all_of(c.begin(), c.end(), [](char d) { return d >= '0' && d <= '9'; })) continue;
    // Overseas by three digits (971…); Corsica's 20 is the Corse-du-Sud below 20200, the
    // Haute-Corse from it.
    const std::string code = c.starts_with("97") || c.starts_with("98") ? c.substr(0, 3)
                             : c.starts_with("20")                      ? (c < "20200" ? "2A" : "2B")
                                                                        : c.substr(0, 2);
    if (const auto d = departements.find(code); d != departements.end())
      out.push_back({query.substr(t.begin, t.end - t.begin), d->second, SearchResponse::Wider::Relation::PostalCode});
  }
  return out;
}

std::map<std::string, std::string> diplomas_of_professions(const FacetSpace& facets) {
  const auto without_parentheses = [](const std::string& label) {
    static const std::regex parenthesis(R"(\s*\([^)]*\))");
    return text::fold(std::regex_replace(label, parenthesis, ""));
  };
  std::map<std::string, std::string> diplomas;  // folded profession's name → code
  std::map<std::string, std::string> out;
  for (const auto& f : facets.facets()) {
    if (f.vocabulary != "diplomes") continue;
    static const std::regex diploma(R"(^DE d(?:e |')(.+) \(([A-Z]+)\)$)");
    for (const std::uint16_t id : facets.values_of(f.key))
      if (std::smatch m; std::regex_match(facets.def(id).label, m, diploma))
        diplomas[text::fold(m[1].str())] = m[2].str();
  }
  for (const auto& f : facets.facets()) {
    if (f.vocabulary != "professions") continue;
    for (const std::uint16_t id : facets.values_of(f.key))
      if (const auto d = diplomas.find(without_parentheses(facets.def(id).label)); d != diplomas.end())
        out[facets.def(id).value] = d->second;
  }
  return out;
}

std::vector<SearchResponse::Wider> profession_diplomas(const SynonymMatcher& synonyms,
                                                       const std::map<std::string, std::string>& diplomas,
                                                       const std::vector<Token>& tokens, const std::string& query) {
  constexpr std::string_view kProfession = "professions:";
  std::vector<SearchResponse::Wider> out;
  for (const auto& m : synonyms.match(tokens)) {
    const std::string& group = synonyms.name(m.group);
    if (!group.starts_with(kProfession)) continue;
    const auto d = diplomas.find(group.substr(kProfession.size()));
    if (d == diplomas.end()) continue;
    SearchResponse::Wider w{query.substr(tokens[m.first].begin, tokens[m.last].end - tokens[m.first].begin), d->second,
                            SearchResponse::Wider::Relation::Diploma};
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

}  // namespace pratiques
