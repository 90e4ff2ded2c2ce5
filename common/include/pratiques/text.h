// Unicode text utilities shared by the parser, the validator and the analyser (ICU underneath).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pratiques::text {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t invalid_utf8_offset(std::string_view s);
std::string nfc(std::string_view s);
// NFKC, with the invisible format characters (Unicode category Cf: zero-width space, soft hyphen,
// joiners) removed: text typed or pasted as the reader sees it ("ｌｏｇｅｍｅｎｔ" → "logement").
std::string nfkc_visible(std::string_view s);
// Key used to compare section titles: NFC, typographic apostrophe as ', case folded, trimmed.
std::string title_key(std::string_view s);
// Lower case, accents and ligatures removed (œ→oe, æ→ae), NFC: "Élève Œuvre" → "eleve oeuvre".
std::string fold(std::string_view s);
// The same through ICU for every character (NFD, marks dropped, case folded): fold() gives its
// result from a table for ASCII and Latin text (tested against it).
std::string fold_with_icu(std::string_view s);
// fold(s) into `out` when every character of `s` is one the table holds (ASCII, U+0080–U+024F,
// U+2000–U+20CF; well-formed UTF-8): for callers that fold many words into one buffer. False
// otherwise, `out` then unspecified.
bool fold_latin(std::string_view s, std::string& out);
// A title as a catalogue files it: folded, from its first letter or digit ("« Crédiscussion »"
// → "crediscussion »"), so that a title is listed under its first letter, not its quotes.
std::string filing_key(std::string_view title);
// Lower case, accents kept: "Élève" → "élève".
std::string lower(std::string_view s);
// `word` in the case of `model`: in capitals when every letter of `model` is, two at least
// ("MOBILISATON": "mobilisation" → "MOBILISATION"); its first letter a capital when `model`'s is
// ("Développement"); else as it is.
std::string in_case_of(std::string_view word, std::string_view model);
// ASCII kebab-case anchor: "Relations, dynamique de groupe" → "relations-dynamique-de-groupe".
std::string slugify(std::string_view s);
// Number of Unicode code points.
std::size_t length(std::string_view s);
std::string trim(std::string_view s);
// The items separated by single spaces: {"a", "b"} → "a b". A space goes before an item when
// something precedes it, so empty items before the first non-empty one leave no trace and later
// ones keep theirs: {"", "a", "", "b"} → "a  b".
std::string join(const std::vector<std::string>& items);
// Edits between two words, in code points: a letter added, removed or replaced, or two neighbours
// swapped, a typing slip ("ruchre" → "rucher": 1); optimal string alignment distance.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance proportional to the length, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// HTML text and attribute values: & < > " and, unless `apostrophe` is false, ' (&#39;). The site's
// templates quote every attribute with " and keep apostrophes, frequent in French, as they are.
std::string html_escape(std::string_view s, bool apostrophe = true);

}  // namespace pratiques::text
