// Section-by-section comparison of two versions of a sheet (what part 2 shows side by side):
// the front matter fields that changed, and each grid section unchanged, changed (with a line
// diff), added or removed.
#pragma once
#include <string>
#include <vector>

#include "pratiques/grid.h"
#include "pratiques/write/kind.h"

namespace pratiques::write {

struct FieldChange {
  std::string key;            // dotted path of a top-level key of the grid ("territoire", "curation")
  std::string label;          // its label in the grid ("Territoire"), or the key
  std::string before, after;  // canonical YAML of the value ("" when absent)
};

struct LineChange {
  enum Kind { Same, Removed, Added } kind = Same;
  std::string line;
};

struct SectionChange {
  enum Kind { Unchanged, Changed, Added, Removed } kind = Unchanged;
  std::string key;                // grid key ("genese_contexte"), or "" for a section the grid does not know
  std::string title;              // as written
  std::string before, after;      // Markdown of the section in each version
  std::vector<LineChange> lines;  // Changed: the line diff (before → after)
};

struct Comparison {
  bool readable = true;                 // false when one version has no readable front matter (then only `text`)
  std::vector<FieldChange> fields;      // changed fields only, grid order
  std::vector<SectionChange> sections;  // every section of either version, grid order then unknown ones
  std::vector<LineChange> text;         // whole-text line diff, when not readable
};

Comparison compare_sheets(const Grid& grid, const std::string& before, const std::string& after,
                          Kind kind = Kind::Fiche);

// Line diff (longest common subsequence). Beyond `max_cells` (lines × lines) the texts are shown
// as removed then added rather than aligned.
std::vector<LineChange> diff_lines(const std::string& before, const std::string& after,
                                   std::size_t max_cells = 4000000);

}  // namespace pratiques::write
