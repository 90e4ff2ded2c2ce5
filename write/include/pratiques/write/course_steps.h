// "Ajouter à mon parcours": a published sheet, or one of its sections, becomes the last step of a
// course draft (schemas/parcours.yaml, etapes[]: fiche, section). The step's instruction (consigne)
// and competence domains are the trainer's to write in the course form: the validator names them
// until they are filled.
#pragma once
#include <string>

#include "pratiques/grid.h"

namespace pratiques::write {

// The course's Markdown with one more step, in canonical form. `section`: a section key or anchor
// of grille.yaml, "" for the whole sheet. Refusal Invalid when the course's front matter cannot be read.
std::string add_step(const Grid& grid, const std::string& course_markdown, const std::string& sheet_id,
                     const std::string& section);
// A new course draft titled `title` with that one step.
std::string new_course(const Grid& grid, const std::string& title, const std::string& sheet_id,
                       const std::string& section);

}  // namespace pratiques::write
