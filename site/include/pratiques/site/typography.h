// French typography for every text shown to readers.
#pragma once
#include <string>
#include <string_view>

namespace pratiques::site {

inline constexpr const char* kNbsp = "\u00a0";        // espace insécable : before « : », inside « »
inline constexpr const char* kNarrowNbsp = "\u202f";  // espace fine insécable : before ; ! ?

// Ordinary spaces before ; ! ? become narrow no-break spaces, before : and » and after « no-break
// spaces; straight double quotes become guillemets (« … »); a missing space inside guillemets is added.
std::string fr_typo(std::string_view text);
// The same over consecutive pieces of one text (Markdown text nodes): *quote_open carries whether a
// straight double quote is open.
std::string fr_typo(std::string_view text, bool* quote_open);
// ISO 8601 date → French: "2026-11-21" → "21 novembre 2026", "2026-11" → "novembre 2026", "2026" → "2026";
// the first of the month is "1er"; the words are joined by no-break spaces.
std::string fr_date(std::string_view iso);
// A moment of the write side's journal, ISO 8601 UTC ("2026-12-06T09:18:14Z"), as French local time
// (Europe/Paris, summer time included): "6 décembre 2026 à 10 h 18"; as it is when it cannot be read.
std::string fr_datetime(std::string_view iso_utc);
// 12345 → "12 345" (narrow no-break space between thousands).
std::string fr_number(long long n);
// "1 fiche", "12 fiches" (no-break space).
std::string fr_count(long long n, std::string_view singular, std::string_view plural);

}  // namespace pratiques::site
