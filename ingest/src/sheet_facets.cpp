#include "pratiques/sheet_facets.h"

#include <algorithm>
#include <stdexcept>

#include "pratiques/document.h"

namespace pratiques {

namespace {
constexpr int kFirstYear = 1850, kLastYear = 2100;
}

std::vector<std::string> field_values(const YAML::Node& front, const std::string& path) {
  std::vector<std::string> out;
  YAML::Node node;
  node.reset(front);  // reset() rebinds; operator= would write into the front matter
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    node.reset(child(node, key));
    if (dot == std::string::npos || node.IsNull()) break;
    start = dot + 1;
  }
  if (!node.IsDefined() || node.IsNull()) return out;
  if (node.IsScalar()) {
    if (!node.Scalar().empty()) out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& x : node)
      if (x.IsScalar() && !x.Scalar().empty()) out.push_back(x.Scalar());
  }
  return out;
}

FacetSpace facet_space(const Grid& grid) {
  FacetSpace fs(grid.search.facets);
  auto add = [&fs](const std::string& facet, const std::string& value, const std::string& label,
                   const std::string& parent) {
    if (fs.size() >= FacetSpace::kMaxValues)
      throw GridError("recherche.yaml:1: trop de valeurs de facettes (65 535 au plus)");
    fs.add(facet, value, label, parent);
  };
  for (const auto& f : fs.facets()) {
    if (f.vocabulary == "departements") {
      for (const auto& [code, dep] : grid.territories.departements) add(f.key, code, dep.name, "");
    } else if (f.vocabulary == "regions") {
      for (const auto& [code, name] : grid.territories.regions) add(f.key, code, name, "");
    } else if (f.vocabulary == "annees") {
      for (int y = kLastYear; y >= kFirstYear; --y) add(f.key, std::to_string(y), std::to_string(y), "");
    } else if (const Vocabulary* v = grid.vocabulary(f.vocabulary)) {
      for (const auto& e : v->entries) add(f.key, e.slug, e.label, e.parent);
    } else {
      throw GridError("recherche.yaml:1: la facette « " + f.key + " » cite un vocabulaire inconnu « " + f.vocabulary +
                      " »");
    }
  }
  return fs;
}

CommuneTerritories commune_territories(const Territories& territories, const YAML::Node& front) {
  CommuneTerritories out;
  const YAML::Node communes = child(child(front, "territoire"), "communes");
  if (!communes.IsSequence()) return out;
  const auto declared = [&](const char* path) {
    const std::vector<std::string> values = field_values(front, path);
    return values.empty() ? std::string() : values[0];
  };
  const std::string declared_departement = declared("territoire.departement"),
                    declared_region = declared("territoire.region");
  for (const auto& commune : communes) {
    const YAML::Node insee = commune.IsMap() ? child(commune, "insee") : YAML::Node();
    const auto found = territories.communes.find(insee.IsScalar() ? insee.Scalar() : std::string());
    if (found == territories.communes.end()) continue;
    const std::string& departement = found->second.second;
    if (departement != declared_departement &&
        std::find(out.departements.begin(), out.departements.end(), departement) == out.departements.end())
      out.departements.push_back(departement);
    const auto dep = territories.departements.find(departement);
    if (dep == territories.departements.end()) continue;
    const std::string& region = dep->second.region;
    if (region != declared_region && std::find(out.regions.begin(), out.regions.end(), region) == out.regions.end())
      out.regions.push_back(region);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> sheet_facet_values(const FacetSpace& space, const YAML::Node& front,
                                                                    const Territories& territories) {
  std::vector<std::pair<std::string, std::string>> out;
  const CommuneTerritories communes = commune_territories(territories, front);
  for (const auto& f : space.facets()) {
    std::vector<std::string> values = field_values(front, f.field);
    if (f.vocabulary == "departements")
      values.insert(values.end(), communes.departements.begin(), communes.departements.end());
    if (f.vocabulary == "regions") values.insert(values.end(), communes.regions.begin(), communes.regions.end());
    for (std::string v : values) {
      if (f.vocabulary == "annees") v = v.substr(0, 4);
      // A value and its ancestors: filtering on a parent mode includes its children.
      for (int depth = 0; depth < 16 && !v.empty(); ++depth) {
        const auto id = space.id(f.key, v);
        if (!id) break;
        if (std::find(out.begin(), out.end(), std::make_pair(f.key, v)) == out.end()) out.emplace_back(f.key, v);
        v = space.def(*id).parent;
      }
    }
  }
  return out;
}

}  // namespace pratiques
