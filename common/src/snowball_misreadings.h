// The words of French prose that Snowball's French stemmer misreads, and what the analyser
// (analyze.cpp) reads them as instead. Words only: the rules that use them are in analyze.cpp.
// The lists drawn from the French Hunspell dictionary are checked whole against it by
// tests/unit/test_analyze.cpp, which names any word of the dictionary they miss.
#pragma once
#include <string>
#include <string_view>

namespace pratiques {

// The stem a folded word has of its own ("usager", "loisir"), where Snowball's is another word's
// ("usage", "lois"); nullptr for the other words.
const std::string* own_stem(std::string_view term);

// The singular of a folded plural that Snowball reads as another word or a verb form
// ("commissions", "milieux", "travaux": "commission", "milieu", "travail"); empty for the others.
std::string_view singular_of_misread_plural(std::string_view term);

// Whether a folded plural in "-as", "-os", "-us" or "-uis" keeps its "s": its family has it
// ("exclus" with "exclusion", "refus" with "refuser").
bool keeps_final_s(std::string_view term);

// Whether a folded word in "-aise" or "-trice" is no feminine of a word in "-ais" or "-teur"
// ("chaise", "malaise", "apaise"; "matrice").
bool is_no_feminine(std::string_view term);

// Whether a folded word in "-euse" is the feminine of an adjective in "-eux" ("heureuse",
// "dangereuse"), not of a noun in "-eur" ("travailleuse", "chercheuse").
bool is_feminine_of_eux(std::string_view feminine);

// Whether Snowball stems the feminine in "-ive" of this folded adjective in "-if" apart from it
// ("actif", "active": "activ").
bool splits_feminine_in_ive(std::string_view masculine);

// Whether a folded word in "-ent" that Snowball leaves whole is a noun, an adjective or an adverb
// ("parent", "président", "souvent"), not a verb's third person plural ("animent").
bool is_no_verb_form_in_ent(std::string_view term);

}  // namespace pratiques
