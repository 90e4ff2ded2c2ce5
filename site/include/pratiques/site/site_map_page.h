// /plan-du-site/: the HTML site map (RGAA's second way to navigate): the sections of the site, the
// browse pages of every facet value that has sheets, the courses, the text pages, and every sheet
// from A to Z (up to kSiteMapSheets sheets; beyond, a link to the search sorted by title).
#pragma once
#include <cstddef>

#include "pratiques/catalog.h"
#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

inline constexpr std::size_t kSiteMapSheets = 1000;

// `cat`: the catalogue of ctx.data's generation, for a targeted rebuild (whose SiteData holds only
// some sheets): the counts and the sheets' titles are then read from it.
void render_site_map(const Context& ctx, OutputWriter& out, Catalog* cat = nullptr);

}  // namespace pratiques::site
