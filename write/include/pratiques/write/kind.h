// What a contribution proposes: a sheet (content/fiches/<id>.md, schemas/grille.yaml) or a course
// for trainers (content/parcours/<id>.md, schemas/parcours.yaml). Both go through the same workflow;
// the kind picks the format (fields and sections), the folder, the validator and the pages.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "pratiques/grid.h"

namespace pratiques::write {

enum class Kind { Fiche, Parcours };

std::string_view kind_slug(Kind k);   // "fiche", "parcours" (API, database)
std::string_view kind_label(Kind k);  // "fiche", "parcours" (French, in sentences)
std::optional<Kind> parse_kind(std::string_view slug);
// The content folder of the published files: "fiches", "parcours".
std::string_view kind_folder(Kind k);
// The format of the kind in the grid: grid.sheet or grid.course.
const DocumentFormat& format_of(const Grid& grid, Kind k);
// The public page of a published document: /fiches/<id>/ or /parcours/<id>/.
std::string published_path(Kind k, const std::string& id);

}  // namespace pratiques::write
