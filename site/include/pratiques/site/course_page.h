// Course pages: /parcours/ (the list) and /parcours/<id>/ (objectives, audience, duration, each
// step with its sheet or section and its instructions, the trainer's notes), printable as a handout.
#pragma once
#include <string>
#include <vector>

#include "pratiques/site/context.h"
#include "pratiques/site/source_refs.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_courses(const Context& ctx, OutputWriter& out);
// The course page. `students`: the students' handout (/parcours/<id>/etudiants/): without the
// trainer's notes, with the text of each step's section (or of the whole sheet when the step names
// none) so that it works printed or offline. Also the server's preview of a course draft.
std::string course_html(const Context& ctx, const Course& c, const SourceTitles& refs, bool students = false);
// One course: its page, its students' handout and its references (RIS, BibTeX). Every sheet its
// steps name must be in ctx.data (course_sheets()), or the pages differ from a full build's.
void render_course(const Context& ctx, const Course& c, const SourceTitles& refs, OutputWriter& out);
// The sheets a course's steps name, in order, once each.
std::vector<std::string> course_sheets(const Course& c);
// The list /parcours/ (a targeted rebuild after a course is published).
void render_course_list(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
