// Sheet pages: /fiches/<id>/index.html with the "En bref" box, the grid sections with anchors, linked
// sheets, "Pratiques proches" (Xapian relevance feedback), sources, licence, "Citer cette fiche";
// citation.bib and citation.ris beside it.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_sheets(const Context& ctx, OutputWriter& out);
std::string sheet_page_html(const Context& ctx, const Sheet& sheet);

}  // namespace pratiques::site
