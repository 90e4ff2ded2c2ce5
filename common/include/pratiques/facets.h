// The facet space: every (facet, value) pair a sheet can be filtered on, numbered so that a
// document stores its values compactly in one Xapian value slot and counting is array indexing.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

class Catalog;

// A facet of the search configuration (schemas/recherche.yaml): a front-matter field filtered on.
struct FacetSpec {
  std::string key, label, field, vocabulary;
};

struct FacetValueDef {
  std::uint16_t id = 0;
  std::string facet, value, label, parent;
};

class FacetSpace {
 public:
  static constexpr std::size_t kMaxValues = 65535;  // ids are 16 bits

  FacetSpace() = default;
  explicit FacetSpace(std::vector<FacetSpec> facets) : facets_(std::move(facets)) {}
  static FacetSpace load(Catalog& catalog);
  void save(Catalog& catalog) const;

  const std::vector<FacetSpec>& facets() const { return facets_; }
  const FacetSpec* facet(std::string_view key) const;
  std::optional<std::uint16_t> id(const std::string& facet, const std::string& value) const;
  const FacetValueDef& def(std::uint16_t id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }
  // Values of a facet in vocabulary order.
  std::vector<std::uint16_t> values_of(const std::string& facet) const;
  // Numbers the next value; throws std::length_error past kMaxValues.
  void add(const std::string& facet, const std::string& value, const std::string& label, const std::string& parent);

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
};

}  // namespace pratiques
