// Sheet pages: /fiches/<id>/index.html with the "En bref" box, the grid sections with anchors, linked
// sheets, "Pratiques proches" (Xapian relevance feedback), sources, licence, "Citer cette fiche";
// citation.bib and citation.ris beside it.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_sheets(const Context& ctx, OutputWriter& out);
// One sheet's files: its page, citation.bib, citation.ris, and the pages of its old addresses.
void render_sheet(const Context& ctx, const Sheet& sheet, OutputWriter& out);
std::string sheet_page_html(const Context& ctx, const Sheet& sheet);
// Ids of the sheet's "Pratiques proches" (ctx.searcher, options.pages.similar of them), none of those
// its page already lists under "Fiches liées" (`linked`).
std::vector<std::string> similar_ids(const Context& ctx, const std::string& id, const std::set<std::string>& linked);

}  // namespace pratiques::site
