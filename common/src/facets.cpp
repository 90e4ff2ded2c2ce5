#include "pratiques/facets.h"

#include <stdexcept>

#include "pratiques/catalog.h"

namespace pratiques {

void FacetSpace::add(const std::string& facet, const std::string& value, const std::string& label,
                     const std::string& parent) {
  if (values_.size() >= kMaxValues) throw std::length_error("trop de valeurs de facettes (65 535 au plus)");
  FacetValueDef d;
  d.id = static_cast<std::uint16_t>(values_.size());
  d.facet = facet;
  d.value = value;
  d.label = label;
  d.parent = parent;
  index_[{facet, value}] = d.id;
  values_.push_back(std::move(d));
}

FacetSpace FacetSpace::load(Catalog& catalog) {
  FacetSpace fs;
  auto facets = catalog.prepare("SELECT key, label, field, vocabulary FROM facets ORDER BY ord");
  while (facets.step()) fs.facets_.push_back({facets.text(0), facets.text(1), facets.text(2), facets.text(3)});
  auto values = catalog.prepare("SELECT id, facet, value, label, parent FROM facet_values ORDER BY id");
  while (values.step()) fs.add(values.text(1), values.text(2), values.text(3), values.text(4));
  return fs;
}

void FacetSpace::save(Catalog& catalog) const {
  catalog.exec("DELETE FROM facets; DELETE FROM facet_values;");
  auto f = catalog.prepare("INSERT INTO facets VALUES(?, ?, ?, ?, ?)");
  long long ord = 0;
  for (const auto& x : facets_)
    f.bind(1, ord++).bind(2, x.key).bind(3, x.label).bind(4, x.field).bind(5, x.vocabulary).run();
  auto v = catalog.prepare("INSERT INTO facet_values VALUES(?, ?, ?, ?, ?)");
  for (const auto& d : values_)
    v.bind(1, static_cast<long long>(d.id)).bind(2, d.facet).bind(3, d.value).bind(4, d.label).bind(5, d.parent).run();
}

const FacetSpec* FacetSpace::facet(std::string_view key) const {
  for (const auto& f : facets_)
    if (f.key == key) return &f;
  return nullptr;
}

std::optional<std::uint16_t> FacetSpace::id(const std::string& facet, const std::string& value) const {
  auto it = index_.find({facet, value});
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint16_t> FacetSpace::values_of(const std::string& facet) const {
  std::vector<std::uint16_t> out;
  for (const auto& d : values_)
    if (d.facet == facet) out.push_back(d.id);
  return out;
}

std::string FacetSpace::encode(const std::vector<std::uint16_t>& ids) {
  std::string s;
  s.reserve(ids.size() * 2);
  for (auto id : ids) {
    s += static_cast<char>(id >> 8);
    s += static_cast<char>(id & 0xFF);
  }
  return s;
}

void FacetSpace::decode(const std::string& slot, std::vector<std::uint16_t>& out) {
  out.clear();
  for (std::size_t i = 0; i + 1 < slot.size(); i += 2)
    out.push_back(static_cast<std::uint16_t>((static_cast<unsigned char>(slot[i]) << 8) |
                                             static_cast<unsigned char>(slot[i + 1])));
}

}  // namespace pratiques
