// The words of French, as a spelling dictionary knows them (internal to pratiques-search): tells a
// word no sheet writes ("détenus") from a typo ("surendetement"), which the index alone cannot.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

// Longer than any French word, in bytes (« anticonstitutionnellement » has 25 letters): a longer
// word is not looked up (a query is untrusted).
inline constexpr std::size_t kLongestFrenchWord = 40;

// Is `folded` (lower case, accents removed, as the analyser folds a query's word) a French word,
// written with or without its accents? Through Hunspell and the French dictionary of Debian's
// hunspell-fr-comprehensive (Dicollecte's, every spelling variant), loaded on first use, once a
// process. Without that dictionary, no word is known (with a warning on stderr, once); nor is a
// word longer than kLongestFrenchWord. Thread-safe.
bool known_french_word(std::string_view folded);
// The French words `folded` may be, as the dictionary writes them with their accents
// ("marginalises": "marginalises", "marginalisés"); none when it is no French word.
std::vector<std::string> french_spellings(std::string_view folded);

// Whether the French dictionary is there (loads it, as known_french_word does).
bool has_french_dictionary();

}  // namespace pratiques
