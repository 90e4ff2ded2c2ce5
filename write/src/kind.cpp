#include "pratiques/write/kind.h"

namespace pratiques::write {

std::string_view kind_slug(Kind k) { return k == Kind::Parcours ? "parcours" : "fiche"; }

std::string_view kind_label(Kind k) { return kind_slug(k); }

std::optional<Kind> parse_kind(std::string_view slug) {
  if (slug == "fiche") return Kind::Fiche;
  if (slug == "parcours") return Kind::Parcours;
  return std::nullopt;
}

std::string_view kind_folder(Kind k) { return k == Kind::Parcours ? "parcours" : "fiches"; }

const DocumentFormat& format_of(const Grid& grid, Kind k) { return k == Kind::Parcours ? grid.course : grid.sheet; }

std::string published_path(Kind k, const std::string& id) { return "/" + std::string(kind_folder(k)) + "/" + id + "/"; }

}  // namespace pratiques::write
