#include "offers.h"

#include <algorithm>
#include <cstdint>
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

std::vector<SearchResponse::Wider> commune_departements(
    const Xapian::Database& db, const std::map<std::string, std::string>& departements,
    const std::map<std::vector<std::string>, std::vector<std::string>>& places, const std::vector<Token>& tokens,
    const std::string& query) {
  constexpr std::size_t kMostWords = 6;  // "Saint-Rémy-de-Provence"
  std::vector<SearchResponse::Wider> out;
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t end = i;
    std::string codes;
    for (std::size_t e = std::min(tokens.size(), i + kMostWords); e > i && codes.empty(); --e) {
      std::vector<std::string> words;
      for (std::size_t k = i; k < e; ++k) words.push_back(tokens[k].term);
      if (!places.count(words)) codes = db.get_metadata(commune_key(text::join(words)));
      end = e;
    }
    if (codes.empty()) {
      ++i;
      continue;
    }
    const std::string typed = query.substr(tokens[i].begin, tokens[end - 1].end - tokens[i].begin);
    if (starts_with_capital(typed) || typed.find('-') != std::string::npos) {
      std::istringstream in(codes);
      for (std::string code; in >> code;)
        if (const auto d = departements.find(code); d != departements.end())
          out.push_back({typed, d->second, SearchResponse::Wider::Relation::Commune});
    }
    i = end;
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
