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

// Raw (facet, value) pairs of a sheet's front matter, parents of hierarchical values included.
std::vector<std::pair<std::string, std::string>> sheet_facet_values(const FacetSpace& space, const YAML::Node& front);

// Navigates "a.b.c" in a YAML map; returns scalars (a sequence yields each scalar).
std::vector<std::string> field_values(const YAML::Node& front, const std::string& path);

}  // namespace pratiques
