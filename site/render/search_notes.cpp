#include "pratiques/site/search_notes.h"

#include <sstream>
#include <string_view>

#include "pratiques/site/typography.h"

namespace pratiques::site {

namespace {

// Each item in French quotes, `after` inside them, apart by commas, the last by `last`:
// « ma* », « ass* »; « a » ou « b ».
std::string quoted_list(const std::vector<std::string>& items, std::string_view after = "",
                        std::string_view last = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out.append(i == 0                  ? ""
               : i + 1 == items.size() ? last
                                       : ", ")
        .append("«\u00a0")
        .append(items[i])
        .append(after)
        .append("\u00a0»");
  return out;
}

// A query of characters but no word ("!!!"): every sheet is listed instead.
std::optional<std::string> no_words_note(const SearchResponse& r) {
  if (!r.no_words) return std::nullopt;
  return "«\u00a0" + r.query + "\u00a0» ne contient aucun mot à chercher\u00a0: voici toutes les pratiques.";
}

// Words typed with a "*" after too few letters ("ma*"), or past the fourth: sought as they are.
std::optional<std::string> truncations_note(const SearchResponse& r) {
  std::string note;
  const auto add = [&](const std::vector<std::string>& words, const std::string& why) {
    if (words.empty()) return;
    note += (note.empty() ? "" : " ") + quoted_list(words) + "\u00a0: " + why + "\u00a0; " +
            (words.size() == 1 ? "le mot est cherché tel quel." : "les mots sont cherchés tels quels.");
  };
  add(r.short_truncations, "l'astérisque demande au moins trois lettres avant lui");
  add(r.extra_truncations, "une recherche tronque quatre mots au plus");
  return note.empty() ? std::nullopt : std::optional<std::string>(note);
}

// Names typed before a colon that are no query prefix ("auteur:Freire"): sought as words.
std::optional<std::string> unknown_prefixes_note(const SearchResponse& r) {
  if (r.unknown_prefixes.empty()) return std::nullopt;
  return quoted_list(r.unknown_prefixes, ":") +
         (r.unknown_prefixes.size() == 1 ? " n'est pas un préfixe de recherche\u00a0: il est cherché comme un mot, "
                                           "dans toute la fiche, avec ce qui le suit."
                                         : " ne sont pas des préfixes de recherche\u00a0: ils sont cherchés comme des "
                                           "mots, dans toute la fiche, avec ce qui les suit.");
}

// Words typed with a "-", which no result holds: said, since a "-" before a word pasted from a
// list ("-isolement des personnes âgées") left out the sheets on isolation without a word.
std::optional<std::string> excluded_note(const SearchResponse& r) {
  if (r.excluded.empty()) return std::nullopt;
  return "Les pratiques qui contiennent " + quoted_list(r.excluded, "", " ou ") +
         " sont écartées\u00a0: le signe «\u00a0-\u00a0» collé devant un mot l'exclut.";
}

// Nothing found for several words: those that no sheet holds, the others alone finding sheets
// (« évaluation d'impact »: every sheet says « évaluation », none « impact »).
std::optional<std::string> unfound_note(const SearchResponse& r) {
  if (r.unfound.empty()) return std::nullopt;
  return "Aucune pratique ne contient " + quoted_list(r.unfound, "", " ni ") + ".";
}

// A query longer than the words a search reads: the rest ignored, and where it starts.
std::optional<std::string> ignored_text_note(const SearchResponse& r) {
  if (r.ignored_text.empty()) return std::nullopt;
  // The first words of what is ignored, enough to find where the search stopped.
  constexpr std::size_t kQuoted = 6;
  std::istringstream in(r.ignored_text);
  std::string quoted;
  std::size_t words = 0;
  for (std::string w; in >> w && words < kQuoted; ++words) quoted += (quoted.empty() ? "" : " ") + w;
  if (in >> std::ws && !in.eof()) quoted += "\u00a0…";
  return "Seuls les " + std::to_string(kMaxQueryWords) +
         " premiers mots sont cherchés\u00a0; la suite est ignorée\u00a0: «\u00a0" + quoted + "\u00a0».";
}

}  // namespace

std::optional<std::string> partial_results_note(const SearchResponse& r) {
  if (r.complete >= r.total) return std::nullopt;
  if (r.complete == 0)
    return "Aucune pratique ne contient tous les mots\u00a0; chaque résultat indique ceux qui lui manquent.";
  // Not "the following ones": a sheet lacking one word of a sentence may rank above those that hold
  // them all (QueryPlanner, Plan::ranking).
  return (r.complete == 1 ? std::string("1 pratique contient") : fr_number(r.complete) + " pratiques contiennent") +
         " tous les mots\u00a0; chacune des autres indique ceux qui lui manquent.";
}

std::vector<std::string> offered_corrections(const SearchResponse& r) {
  if (!r.suggestion || r.corrected) return {};
  std::vector<std::string> out{*r.suggestion};
  out.insert(out.end(), r.alternatives.begin(), r.alternatives.end());
  return out;
}

std::vector<std::string> query_notes(const SearchResponse& r) {
  std::vector<std::string> out;
  for (auto note : {no_words_note(r), truncations_note(r), unknown_prefixes_note(r), excluded_note(r), unfound_note(r),
                    ignored_text_note(r)})
    if (note) out.push_back(std::move(*note));
  return out;
}

std::string wider_term_note(const SearchResponse::Wider& w) {
  if (w.relation == SearchResponse::Wider::Relation::Commune)
    return "«\u00a0" + w.typed + "\u00a0» est une commune du département";
  if (w.relation == SearchResponse::Wider::Relation::Departement)
    return "«\u00a0" + w.typed + "\u00a0» est un département de la région";
  if (w.relation == SearchResponse::Wider::Relation::PostalCode)
    return "«\u00a0" + w.typed + "\u00a0» est un code postal du département";
  if (w.relation == SearchResponse::Wider::Relation::Diploma)
    return "«\u00a0" + w.typed + "\u00a0»\u00a0: les pratiques utiles à sa formation sont celles du diplôme";
  return "«\u00a0" + w.typed + "\u00a0» est un terme plus précis de";
}

std::string missing_words(const Hit& h) {
  std::string out;
  for (const auto& w : h.missing) out += (out.empty() ? "" : ", ") + w;
  return out;
}

}  // namespace pratiques::site
