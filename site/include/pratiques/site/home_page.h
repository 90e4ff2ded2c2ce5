// The home page: what the repository is, the search form, themes, latest sheets, courses, the map.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_home(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
