// The facet space: every (facet, value) pair a sheet can be filtered on, numbered so that a
// document stores its values compactly in one Xapian value slot and counting is array indexing.
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pratiques/grid.h"

namespace pratiques {

class Catalog;

struct FacetValueDef {
  std::uint16_t id = 0;
  std::string facet, value, label, parent;
};

class FacetSpace {
 public:
  static FacetSpace from_grid(const Grid& grid);
  static FacetSpace load(Catalog& catalog);
  void save(Catalog& catalog) const;

  const std::vector<FacetSpec>& facets() const { return facets_; }
  const FacetSpec* facet(std::string_view key) const;
  std::optional<std::uint16_t> id(const std::string& facet, const std::string& value) const;
  const FacetValueDef& def(std::uint16_t id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }
  // Values of a facet in vocabulary order.
  std::vector<std::uint16_t> values_of(const std::string& facet) const;

  // Raw (facet, value) pairs of a sheet's front matter, parents of hierarchical values included.
  std::vector<std::pair<std::string, std::string>> sheet_values(const YAML::Node& front) const;
  static std::string encode(const std::vector<std::uint16_t>& ids);
  static void decode(const std::string& slot, std::vector<std::uint16_t>& out);

  // Xapian boolean filter term of a value.
  static std::string filter_term(const std::string& facet, const std::string& value) {
    return "XF" + facet + ":" + value;
  }

 private:
  std::vector<FacetSpec> facets_;
  std::vector<FacetValueDef> values_;
  std::map<std::pair<std::string, std::string>, std::uint16_t> index_;
  void add(const std::string& facet, const std::string& value, const std::string& label, const std::string& parent);
};

// Navigates "a.b.c" in a YAML map; returns scalars (a sequence yields each scalar).
std::vector<std::string> field_values(const YAML::Node& front, const std::string& path);

}  // namespace pratiques
