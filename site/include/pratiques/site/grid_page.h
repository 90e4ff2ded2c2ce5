// /grille/: the capture grid rendered from the data stored in the catalogue (parts, sections and their
// anchors, guiding questions, fields, rules); and the text pages of content/pages (/contribuer/…).
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_grid_page(const Context& ctx, OutputWriter& out);
void render_text_pages(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
