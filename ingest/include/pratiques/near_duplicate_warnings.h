// [doublon-probable] warnings (`pratiques check`, `pratiques index`): near_duplicates.h applied to
// parsed sheets.
#pragma once
#include <string>
#include <vector>

#include <functional>

#include "pratiques/diagnostic.h"
#include "pratiques/near_duplicates.h"

namespace pratiques {

// A sheet among those compared: how to name it, its fingerprint (empty for an unreadable sheet),
// and whether its own warnings are wanted.
struct NearDuplicateCandidate {
  std::string path, id;
  Fingerprint print;
  bool reported = false;
};

// For a set of sheets: each close pair once, on the sheet that comes first among the reported ones.
// Only fingerprints are held: text_of(i) gives sheet i's text (extract_text) again for the pairs
// worth an exact comparison, so that checking a whole collection does not hold every text.
// text_of is called from several threads at once (one text per call).
Diagnostics near_duplicate_warnings(const std::vector<NearDuplicateCandidate>& sheets,
                                    const std::function<std::string(std::size_t)>& text_of);
// The warning for a sheet at `path` close to `other`: "fiche très proche de « b » (similarité 87 %)…".
Diagnostic near_duplicate_warning(const std::string& path, const std::string& other, double similarity);

}  // namespace pratiques
