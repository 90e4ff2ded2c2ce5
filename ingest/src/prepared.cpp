#include "prepared.h"

#include <algorithm>
#include <tuple>

#include "pratiques/sheet_document.h"
#include "pratiques/sheet_facets.h"

namespace pratiques {

namespace {

Grid load_checked_grid(const std::string& schemas) {
  Grid grid = load_grid(schemas);
  if (!grid.territories.loaded)
    throw GridError(schemas +
                    "/territoires.tsv : liste officielle des territoires absente ou vide ; elle est produite "
                    "par la construction (cmake --build build --target territoires, depuis node_modules) : sans elle, "
                    "l'index n'aurait ni département ni région");
  return grid;
}

// A sheet that gives its département and not its région is indexed with the région of its
// département (schemas/territoires.tsv), as if written: the contribution form asks for the
// département, the région being optional, and such a sheet was in no région's filter nor found by
// the région's name.
void complete_region(const Grid& grid, YAML::Node& front) {
  if (!front.IsMap()) return;
  YAML::Node territory = front["territoire"];
  if (!territory.IsMap() || !child(territory, "region").IsNull()) return;
  const YAML::Node departement = child(territory, "departement");
  if (!departement.IsScalar()) return;
  const auto dep = grid.territories.departements.find(departement.Scalar());
  if (dep != grid.territories.departements.end()) territory["region"] = dep->second.region;
}

}  // namespace

IndexContext::IndexContext(const std::string& schemas)
    : grid(load_checked_grid(schemas)),
      facets(facet_space(grid)),
      synonyms(grid.synonym_groups(), analyzer,
               std::set<std::string>(grid.search.stopwords.begin(), grid.search.stopwords.end())) {}

bool PreparedFile::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

PreparedFile prepare(const IndexContext& context, ContentFile file) {
  read_content(file);
  PreparedFile p;
  p.doc = parse_document(file.path, file.bytes, p.diagnostics);
  if (file.kind == FileKind::Sheet) {
    validate_sheet(context.grid, p.doc, p.diagnostics);
    if (p.doc.readable) {
      complete_region(context.grid, p.doc.front);
      p.entry = corpus_entry(p.doc);
      p.outline = outline(context.grid, p.doc);
      p.text = extract_text(p.doc);
      p.print = fingerprint(p.text);
    }
  } else if (file.kind == FileKind::Page && p.doc.readable && scalar_or_empty(child(p.doc.front, "titre")).empty()) {
    p.diagnostics.push_back({file.path, 1, 1, Severity::Error, "cle-obligatoire", "page sans « titre »"});
  }
  p.file = std::move(file);
  return p;
}

std::set<std::string> rejected_paths(const Diagnostics& diagnostics) {
  std::set<std::string> out;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) out.insert(d.path);
  return out;
}

void sort_diagnostics(Diagnostics& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
}

}  // namespace pratiques
