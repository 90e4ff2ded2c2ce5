// Course pages: /parcours/ (the list) and /parcours/<id>/ (objectives, audience, duration, each
// step with its sheet or section and its instructions, the trainer's notes), printable as a handout.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_courses(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
