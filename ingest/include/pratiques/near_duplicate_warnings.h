// [doublon-probable] warnings (`pratiques check`, `pratiques index`): near_duplicates.h applied to
// parsed sheets.
#pragma once
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/document.h"

namespace pratiques {

// For a set of sheets: each close pair once, on the sheet of `reported` that comes first.
Diagnostics near_duplicate_warnings(const std::vector<const Document*>& sheets,
                                    const std::vector<const Document*>& reported);
// The warning for a sheet at `path` close to `other`: "fiche très proche de « b » (similarité 87 %)…".
Diagnostic near_duplicate_warning(const std::string& path, const std::string& other, double similarity);

}  // namespace pratiques
