// /plan-du-site/: the HTML site map (RGAA's second way to navigate): the sections of the site, the
// browse pages of every facet value that has sheets, the courses and the text pages.
#pragma once
#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_site_map(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
