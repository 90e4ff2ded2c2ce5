// "Détails de l'action" of a sheet page: what the front matter says that the page shows nowhere
// else (partners, origin, professions, techniques, financing, evaluation…), read from the grid.
#pragma once
#include "pratiques/site/context.h"
#include "pratiques/site/model.h"

namespace pratiques::site::detail {

// Its facts ({label, items}), in the grid's order; empty when the sheet fills none of those fields.
List details_of(const Context& ctx, const Sheet& s);

}  // namespace pratiques::site::detail
