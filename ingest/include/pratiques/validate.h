// Grid × documents → diagnostics. One rule, one id (see README, "Règles de validation").
#pragma once
#include <set>
#include <string>
#include <vector>

#include "pratiques/document.h"
#include "pratiques/grid.h"

namespace pratiques {

// Checks one sheet on its own (keys, types, vocabularies, sections, rules R1-R8).
void validate_sheet(const Grid& grid, const Document& doc, Diagnostics& out);
// Checks one course; `sheets` maps sheet ids to their documented section keys.
struct SheetOutline {
  std::string id;
  std::set<std::string> sections;  // keys of sections with content
};
void validate_course(const Grid& grid, const Document& doc, const std::vector<SheetOutline>& sheets, Diagnostics& out);
// The sheets a course's steps cite.
std::set<std::string> course_sheet_ids(const Document& course);
// What corpus-level rules need of a sheet (from a parsed file or from the catalogue).
struct CorpusEntry {
  struct Ref {
    std::string id;
    int line = 1, column = 1;
  };
  std::string path;
  Ref id;
  std::vector<Ref> old_ids;  // anciens_ids
  std::vector<Ref> links;    // fiches_liees targets
};
CorpusEntry corpus_entry(const Document& doc);
// Checks across sheets: duplicate ids (including anciens_ids), fiches_liees targets, reciprocity.
void validate_corpus(const std::vector<CorpusEntry>& sheets, Diagnostics& out);

// Outline of a parsed sheet (for course validation and the catalogue).
SheetOutline outline(const Grid& grid, const Document& doc);

struct CheckResult {
  Diagnostics diagnostics;
  std::size_t files = 0;
};
// `pratiques check`: every .md under the paths (a directory holds fiches/, parcours/, pages/;
// files are classified by their parent directory name).
CheckResult check_paths(const Grid& grid, const std::vector<std::string>& paths);

}  // namespace pratiques
