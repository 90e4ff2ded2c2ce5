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
// Checks one course; `sheets` maps sheet ids (and former ids) to their documented section keys.
struct SheetOutline {
  std::string id;
  std::set<std::string> sections;  // keys of sections with content
  bool archived = false;           // curation.statut: archivee (out of the search and the site)
  std::string replaced_by;         // its curation.remplacee_par
  std::vector<std::string> old_ids;  // anciens_ids a step may still cite (warning fiche-renommee)
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

// Sheets and courses share one namespace of ids (contributions, the API's "fiche", search results):
// `doc`, a sheet or a course, has the id of a document of the other kind, which `whose` names ("du
// parcours content/parcours/x.md", "de la fiche publiée /fiches/x/"). An error of rule id-doublon on
// the id's line, naming the field "id".
Diagnostic id_of_other_kind(const Document& doc, const std::string& whose);
// The id a document declares (its front matter's "id"), or the one of its file name.
std::string document_id(const Document& doc);
// Is `id` of the form of an id: ASCII kebab-case ("mon-action-2024")?
bool kebab_case(const std::string& id);

// The validator's messages and section statuses, shared with the contribution form's live checks
// (write/sheet_form.cpp emits them into the page; the browser's script only shows them).
std::string missing_key_message(const std::string& path, const std::string& label);  // cle-obligatoire
std::string missing_section_message(const SectionSpec& spec);                        // section-obligatoire
// longueur; `count` as written ("{n}" for the form's template).
std::string length_message(const std::string& path, const std::string& count, std::size_t max);
// A section's status in a sheet (rule 8: part A of a method sheet is recommended, not mandatory).
Status section_status(const SectionSpec& spec, bool methode);

// Outline of a parsed sheet (for course validation and the catalogue).
SheetOutline outline(const Grid& grid, const Document& doc);

struct CheckResult {
  Diagnostics diagnostics;
  std::size_t files = 0;
};
// `pratiques check`: every .md under the paths (a directory holds fiches/, parcours/, pages/;
// files are classified by their parent directory name). A checked sheet or course is also checked
// against the ids of the other kind in its content directory (id_of_other_kind).
CheckResult check_paths(const Grid& grid, const std::vector<std::string>& paths);

}  // namespace pratiques
