// Browse pages, like taxonomies: /thematiques/ (every value with its count), /thematiques/<slug>/
// (its sheets, BuildOptions::list_page_sheets a page: /thematiques/<slug>/page-2/…), and the same for
// publics, modes, porteurs, regions, departements.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_facets(const Context& ctx, OutputWriter& out);
// The pages of one value of a browse facet ("thematiques", "parentalite"), and the deletion of
// those past its last page; all deleted when no sheet has the value any more. Returns false when the facet has no browse pages.
bool render_facet_value(const Context& ctx, std::string_view facet_key, std::string_view value, OutputWriter& out);

}  // namespace pratiques::site
