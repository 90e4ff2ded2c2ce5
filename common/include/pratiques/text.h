// Unicode text utilities shared by the parser, the validator and the analyser (ICU underneath).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pratiques::text {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t invalid_utf8_offset(std::string_view s);
std::string nfc(std::string_view s);
// Key used to compare section titles: NFC, typographic apostrophe as ', case folded, trimmed.
std::string title_key(std::string_view s);
// Lower case, accents and ligatures removed (œ→oe, æ→ae), NFC: "Élève Œuvre" → "eleve oeuvre".
std::string fold(std::string_view s);
// The same with ICU for any text (fold() reads the folded form of ASCII and of U+0080–U+024F,
// Latin-1 and Latin Extended-A and B, from a table of this function's output for each code point;
// tests compare the two).
std::string fold_with_icu(std::string_view s);
// fold(s) into `out` when every character of `s` is ASCII or in U+0080–U+024F (well-formed
// UTF-8); false otherwise, `out` then unspecified.
bool fold_latin(std::string_view s, std::string& out);
// Lower case, accents kept: "Élève" → "élève".
std::string lower(std::string_view s);
// ASCII kebab-case anchor: "Relations, dynamique de groupe" → "relations-dynamique-de-groupe".
std::string slugify(std::string_view s);
// Number of Unicode code points.
std::size_t length(std::string_view s);
std::string trim(std::string_view s);
// The items separated by single spaces: {"a", "b"} → "a b". A space goes before an item when
// something precedes it, so empty items before the first non-empty one leave no trace and later
// ones keep theirs: {"", "a", "", "b"} → "a  b".
std::string join(const std::vector<std::string>& items);
// Damerau-free Levenshtein distance on code points (for "vouliez-vous dire" suggestions).
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance proportional to the length, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// HTML text and attribute values: & < > " and, unless `apostrophe` is false, ' (&#39;). The site's
// templates quote every attribute with " and keep apostrophes, frequent in French, as they are.
std::string html_escape(std::string_view s, bool apostrophe = true);

}  // namespace pratiques::text
