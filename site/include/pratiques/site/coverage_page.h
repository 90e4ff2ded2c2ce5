// /couverture/: what the collection covers and what it misses, for curators: sheets per thématique
// and région (empty cells shown), per stade and per niveau de participation, the share of sheets
// where each grid section is "Non documenté à ce jour", and the reviews overdue. Tables first.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

// `today`: ISO date against which reviews are overdue.
void render_coverage(const Context& ctx, OutputWriter& out, const std::string& today);

}  // namespace pratiques::site
