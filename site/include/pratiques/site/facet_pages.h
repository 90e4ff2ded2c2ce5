// Browse pages, like taxonomies: /thematiques/ (every value with its count), /thematiques/<slug>/
// (its sheets), and the same for publics, modes, porteurs, regions, departements.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_facets(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
