// /donnees/: fiches.csv, fiches.jsonl, parcours.csv, parcours.jsonl (open_data.h) and the page that
// documents their columns and licence, with schema.org Dataset JSON-LD.
#pragma once
#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_open_data(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
