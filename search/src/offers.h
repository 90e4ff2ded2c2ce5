// What a search that no result holds whole offers instead (SearchResponse::wider): the group
// of a narrower term, the département of a commune or of a postal code, the région of a
// département, the diploma of a profession. Internal to pratiques-search.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "pratiques/analyze.h"
#include "pratiques/facets.h"
#include "pratiques/search.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// The narrower terms of a query, as typed, each with the first term of its group ("Freire":
// « Conscientisation »): searching one does not search its group (SynonymGroup::narrower), so when
// no sheet holds the query, nothing told the reader that the group has sheets.
// `tokens`: the query's, stemmed, without the joined forms of hyphenated words.
std::vector<SearchResponse::Wider> wider_terms(const SynonymMatcher& synonyms, const std::vector<Token>& tokens,
                                               const std::string& query);

// The communes a query names with a capital, or with hyphens ("Lens", "clichy-sous-bois"), each
// with the names of its départements (`departements`: code → name): where no sheet names the
// commune, the sheets of its département are the nearest. Not a name that is a département's or
// a région's too (`places`): « Paris », « Bretagne » (a commune of the Indre).
std::vector<SearchResponse::Wider> commune_departements(
    const Xapian::Database& db, const std::map<std::string, std::string>& departements,
    const std::map<std::vector<std::string>, std::vector<std::string>>& places, const std::vector<Token>& tokens,
    const std::string& query);

// The départements a query names with a capital or with hyphens ("Haute-Corse"), as typed, each
// with its région's name (`regions`: a département's folded name → its région's): where no sheet
// names the département, those of its région may be about it (a regional action covers it).
// Not a name within a longer one of `places` (« Loire » of « Pays de la Loire »).
std::vector<SearchResponse::Wider> departement_regions(
    const std::map<std::vector<std::string>, std::string>& regions,
    const std::map<std::vector<std::string>, std::vector<std::string>>& places, const std::vector<Token>& tokens,
    const std::string& query);

// The postal codes a query holds ("93200"), each with its département's name (`departements`:
// code → name), which the sheets give, never a postal code.
std::vector<SearchResponse::Wider> postal_code_departements(const std::map<std::string, std::string>& departements,
                                                            const std::vector<Token>& tokens, const std::string& query);

// The diploma that trains each profession, matched by their labels (« Éducateur(trice)
// spécialisé(e) », « DE d'éducateur spécialisé (DEES) »): profession's slug → the diploma's code,
// which the search finds (a diploma is sought by its code only, index format 24).
std::map<std::string, std::string> diplomas_of_professions(const FacetSpace& facets);

// The professions a query names ("éducateur spécialisé", "EJE"), as typed, each with the code of
// its diploma (`diplomas`, diplomas_of_professions): the sheets that help to train for it
// (liens_formation), which the profession's name does not find (a trainer's « éducateur
// spécialisé » found the sheets of the prévention spécialisée, not one of the 33 linked to the DEES).
std::vector<SearchResponse::Wider> profession_diplomas(const SynonymMatcher& synonyms,
                                                       const std::map<std::string, std::string>& diplomas,
                                                       const std::vector<Token>& tokens, const std::string& query);

}  // namespace pratiques
