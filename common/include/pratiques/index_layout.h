// What the index writer and the search library agree on: the files of a generation, the Xapian
// value slots and metadata keys, and how much text the catalogue keeps for extracts.
#pragma once
#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

// Names of the files inside a generation directory.
inline constexpr const char* kXapianDir = "xapian";
inline constexpr const char* kCatalogFile = "catalogue.sqlite";

// Value slots of a sheet document. kSlotSpelling: the distinct words of its free text, sorted and
// front-coded, which the spelling table counts (and uncounts when the sheet changes): the index stores
// words by their stems only.
enum Slot : Xapian::valueno { kSlotFacets = 0, kSlotDate = 1, kSlotTitle = 2, kSlotSpelling = 3 };

// The value of kSlotSpelling from sorted distinct words without spaces: each word as the number of
// bytes it shares with the one before (one byte, at most 255), the rest, and a space (a quarter
// fewer bytes than the words); and back.
std::string spelling_value(const std::vector<std::string>& sorted);
std::vector<std::string> spelling_value_words(std::string_view value);
// Whether the value holds `word`, read up to the first word past it.
bool spelling_value_holds(std::string_view value, std::string_view word);

// What a sheet is about (its themes, publics and modes of intervention with their synonyms, its
// carrier, its keywords), under prefixes of their own: a query that names them favours the sheet
// over those that only mention its words. Words and stems under kAboutPrefix, synonym concepts
// as kAboutConceptPrefix + group number.
inline constexpr const char* kAboutPrefix = "XSUJET";
inline constexpr const char* kAboutConceptPrefix = "XSY";
// Boolean term of the curation status of a sheet (kStatusPrefix + "publiee"…): a sheet still to be
// documented (kToBeDocumented) ranks after the documented sheets that match as well.
inline constexpr const char* kStatusPrefix = "XSTATUT";
inline constexpr const char* kToBeDocumented = "a-documenter";
// A grid section's marker: kSectionPrefix + its query prefix in capitals ("XSECFREINS"), at the first
// position of the section's band (section k of the grid: k × kSectionBand; the title, summary,
// vocabulary and keywords in band 0). The section's words follow it, within kSectionWindow: a word
// of the section is its term within that window of the marker (OP_NEAR).
inline constexpr std::string_view kSectionPrefix = "XSEC";
inline constexpr Xapian::termpos kSectionBand = 1u << 21;
inline constexpr Xapian::termcount kSectionWindow = 1u << 20;

// Metadata key of the written form of a folded word (spelling suggestions keep their accents).
inline std::string form_key(const std::string& term) { return "forme:" + term; }
// Metadata key of a commune's name, its folded words apart ("clichy sous bois"): the codes of the
// départements of the communes so named, apart ("93").
inline std::string commune_key(const std::string& folded_name) { return "commune:" + folded_name; }

// Past this many bytes, a text without the words shows its beginning: reading on to the end of a
// long sheet for a word found only in its title or vocabulary cost more than all other extracts.
// The catalogue's text of a sheet (table sheet_text) is bounded to it.
inline constexpr std::size_t kSnippetScannedBytes = 12000;

// Resolves an index path (the link) to the generation directory it designates now.
std::string resolve_index(const std::string& out);

}  // namespace pratiques
