// Index time: the facet space of the grid, and the facet values of a sheet's front matter.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

#include "pratiques/facets.h"
#include "pratiques/grid.h"

namespace pratiques {

// Every value of every facet of schemas/recherche.yaml, in vocabulary order. Throws GridError.
FacetSpace facet_space(const Grid& grid);

// Raw (facet, value) pairs of a sheet's front matter, parents of hierarchical values included; the
// départements and régions of its communes too (commune_territories), given `territories`.
std::vector<std::pair<std::string, std::string>> sheet_facet_values(const FacetSpace& space, const YAML::Node& front,
                                                                    const Territories& territories = {});

// The départements of a sheet's communes (territoire.communes, by INSEE code) other than the one
// it declares, and their régions other than the one it declares: a sheet on several places names
// no département of its own ("multi-sites": Grenoble and Sevran), and `93` did not find it.
struct CommuneTerritories {
  std::vector<std::string> departements, regions;  // codes, in the order of the communes
};
CommuneTerritories commune_territories(const Territories& territories, const YAML::Node& front);

// Navigates "a.b.c" in a YAML map; returns scalars (a sequence yields each scalar).
std::vector<std::string> field_values(const YAML::Node& front, const std::string& path);

}  // namespace pratiques
