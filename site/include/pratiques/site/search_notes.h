// What a reader is told about a search's results beyond the results themselves, the same in the
// site's search page and on the command line (`pratiques search`).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "pratiques/search.h"

namespace pratiques::site {

// When some results hold only part of the query's words: how many hold them all, and that the
// others follow, ranked by how many they hold. Nothing when every result holds every word.
std::optional<std::string> partial_results_note(const SearchResponse& r);
// The corrections offered ("Vouliez-vous dire"): the suggestion, then the others as likely meant;
// none when the results are the suggestion's.
std::vector<std::string> offered_corrections(const SearchResponse& r);
// When no result holds every word, for each narrower term, commune or profession of the query:
// what the reader is told before the wider term, offered as a search (« « Freire » est un terme
// plus précis de », « « Lens » est une commune du département », « « EJE » : les pratiques utiles
// à sa formation sont celles du diplôme »).
std::string wider_term_note(const SearchResponse::Wider& w);
// What the reader is told of how the query was read, in order, none when nothing is to be said:
// a query of characters but no word ("!!!") lists every sheet; words typed with a "*" after too
// few letters ("ma*") or past the fourth are sought as they are; a name typed before a colon that
// is no prefix ("auteur:") is sought as a word; the words typed with a "-" are left out of every
// result ("-isolement"); the words that no sheet holds when nothing is found ("impact"); a query
// longer than the words a search reads is
// searched in part.
std::vector<std::string> query_notes(const SearchResponse& r);
// The words of the query a result lacks ("visite, domicile"); empty when it holds them all.
std::string missing_words(const Hit& h);

}  // namespace pratiques::site
