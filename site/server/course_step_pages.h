// "Ajouter à mon parcours" (/parcours/ajouter?fiche=<id>&section=<ancre>): linked from every search
// result, and from every sheet page (static, within its 40 KB: the relative link "parcours", whose
// address /fiches/<id>/parcours redirects here). A formateur (or a documentaliste) picks one of her course
// drafts, or a new course, and the part of the sheet; the POST (same site, CSRF token) adds the
// step through write::add_step and opens the course's form. Anonymous people go to the login page
// and come back; other roles get a 403 saying why. Works without JavaScript.
#pragma once
#include "contribution_pages.h"

namespace pratiques::server {

void serve_add_to_course(Exchange& ex);
void serve_sheet_course_link(Exchange& ex);  // /fiches/<id>/parcours → 303 /parcours/ajouter?fiche=<id>

}  // namespace pratiques::server
