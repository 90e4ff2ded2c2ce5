#include "pratiques/site/search_notes.h"

#include "pratiques/site/typography.h"

namespace pratiques::site {

std::optional<std::string> partial_results_note(const SearchResponse& r) {
  if (r.complete >= r.total) return std::nullopt;
  if (r.complete == 0)
    return "Aucune pratique ne contient tous les mots\u00a0: les résultats sont classés selon le nombre de mots "
           "qu’ils contiennent.";
  return (r.complete == 1 ? std::string("1 pratique contient") : fr_number(r.complete) + " pratiques contiennent") +
         " tous les mots\u00a0; les suivantes n’en contiennent qu’une partie.";
}

std::string missing_words(const Hit& h) {
  std::string out;
  for (const auto& w : h.missing) out += (out.empty() ? "" : ", ") + w;
  return out;
}

}  // namespace pratiques::site
