// The canonical Markdown of a sheet (and of a course, in the order of schemas/parcours.yaml): what publication writes
// in content/fiches/<id>.md, the same bytes as a hand-written sheet formatted the same way
// (docs/conventions-contenu.md):
//  - front matter keys in grid order (schemas/grille.yaml), sub-keys too; keys the grid does not
//    know follow, in their order;
//  - text, dates and territory codes in double quotes; vocabulary values, identifiers, booleans and
//    integers plain; lists of values in flow style ([a, b]), a list item of free text plain when
//    it is a single word; lists of objects in block style, except lists of objects whose fields
//    are all values or identifiers (fiches_liees) written {id: …, relation: …};
//  - the body: an empty line after the front matter, each "## " heading followed by an empty
//    line, sections separated by one empty line, one newline at the end; the text inside a
//    section is kept byte for byte.
// Reading the canonical text back gives the same sheet (same_sheet), and writing it again gives
// the same bytes.
#pragma once
#include <string>

#include "pratiques/document.h"
#include "pratiques/grid.h"
#include "pratiques/write/kind.h"

namespace pratiques::write {

// Requires a readable document (Document::readable); throws std::invalid_argument otherwise.
std::string canonical_markdown(const Grid& grid, const Document& doc, Kind kind = Kind::Fiche);
// The front matter alone, without its "---" lines (what canonical_markdown writes between them).
std::string canonical_front_matter(const Grid& grid, const YAML::Node& front, Kind kind = Kind::Fiche);

// Same front matter values (scalars compared as text, whatever their quoting), same text before
// the first section, same sections (title and content, blank lines around them ignored).
bool same_sheet(const Document& a, const Document& b);

}  // namespace pratiques::write
