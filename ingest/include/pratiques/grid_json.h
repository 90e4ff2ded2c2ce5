// The grid and the course format as JSON, stored in the catalogue (meta "grid_json") so that
// the static site renders its "grid" page from the data without reading schemas/.
#pragma once
#include <string>

#include "pratiques/grid.h"

namespace pratiques {

// {"version","titre","parties":[{code,titre}],"regles":[{id,texte}],
//  "fiche":{"champs":[...],"sections":[...]},"parcours":{...}}; statut is "M", "R" or "O".
std::string grid_to_json(const Grid& grid);

}  // namespace pratiques
