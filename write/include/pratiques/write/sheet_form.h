// The contribution form of the server's pages, generated from the grid (schemas/grille.yaml for a sheet,
// schemas/parcours.yaml for a course — the Kind —, and the vocabularies): a
// field or a section added to the grid appears in the form with no change here. Each front matter
// field of the grid is one control named after its path ("f.territoire.nom", "f.partenaires.0.role",
// a list of objects being repeated groups with one empty group to add another), each section one
// text area ("s.genese_contexte"). The form and the sheet's Markdown convert both ways; what the
// grid does not know (other keys, text before the first section, other sections) is carried over
// from the version edited. Diagnostics of the validator (`pratiques check`) are placed on the
// control they are about.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <optional>
#include <utility>

#include "pratiques/diagnostic.h"
#include "pratiques/grid.h"
#include "pratiques/site/model.h"
#include "pratiques/write/kind.h"

namespace pratiques::write {

// Form name → values (several for a group of check boxes).
using FormValues = std::map<std::string, std::vector<std::string>>;
// The fields of a POSTed form, in order.
using FormFields = std::vector<std::pair<std::string, std::string>>;

// The values of a sheet's fields and sections (none when its front matter cannot be read).
FormValues form_values(const Grid& grid, const std::string& markdown, Kind kind = Kind::Fiche);
// The values of a POSTed form (fields named "f.…" and "s.…").
FormValues form_values(const FormFields& posted);
// The sheet's Markdown (front matter in canonical form). `base`: the version edited ("" for a new one).
// `kept`: form names not in the form (curator_fields): their values are base's, whatever was posted.
std::string form_markdown(const Grid& grid, const FormValues& values, const std::string& base, Kind kind = Kind::Fiche,
                          const std::vector<std::string>& kept = {});
// A sheet sent whole (an import) by someone whose form leaves out `kept` (curator_fields): as
// form_markdown does, those fields are `base`'s (the version edited; "" for a new sheet: absent),
// whatever the text says. The text is returned as sent when it already agrees; else with its front
// matter in canonical form. `ignored`: the names of the fields whose value in the text was not taken.
struct KeptFields {
  std::string markdown;
  std::vector<std::string> ignored;
};
KeptFields keep_fields(const Grid& grid, const std::string& sent, const std::string& base, Kind kind,
                       const std::vector<std::string>& kept);
// The grid's label of a form name's field ("f.curation.curateur" → its label), the name when unknown.
std::string field_label(const Grid& grid, const std::string& name, Kind kind = Kind::Fiche);
// The fields a documentaliste fills, hidden from the other roles' form: the curation's (status,
// dates, curator, grid version, replacement…) but the consent, which the author knows and rule
// R5 asks of her. A field added to the curation in the grid is one of them.
std::vector<std::string> curator_fields(const Grid& grid, Kind kind);

// A diagnostic and the form name of the control it is about ("" when none).
struct PlacedDiagnostic {
  std::string name;
  Diagnostic diagnostic;
};
std::vector<PlacedDiagnostic> place_diagnostics(const Grid& grid, const std::string& markdown,
                                                const Diagnostics& diagnostics, Kind kind = Kind::Fiche);

// The element of a list of objects a form name is in, as its group's legend names it
// ("f.etapes.1.consigne" → "Étapes n° 2"); "" outside such a list.
std::string item_label(const Grid& grid, const std::string& name, Kind kind = Kind::Fiche);

// The HTML id of a form name's control ("f.territoire.nom" → "c-territoire-nom").
std::string control_id(const std::string& name);

// The controls as HTML (escaped; each with the grid's label and help, its diagnostics beside it,
// aria-describedby and aria-invalid): the front matter's fields, then the sections. `locked`: names
// shown read-only (the id of a published sheet); `hidden`: names left out (curator_fields). The
// grid's help is shown without its references to the source documents, its Markdown rendered.
struct FormHtml {
  std::string fields, sections;
};
FormHtml form_html(const Grid& grid, const FormValues& values, const std::vector<PlacedDiagnostic>& placed,
                   const std::vector<std::string>& locked = {}, Kind kind = Kind::Fiche,
                   const std::vector<std::string>& hidden = {});

// The sheet as the site's model knows it, for a preview of its page ("Aperçu"); none when its front
// matter cannot be read.
std::optional<site::Sheet> preview_sheet(const Grid& grid, const std::string& markdown, const std::string& sheet_id);
// The course as the site's model knows it (sections keyed and anchored by schemas/parcours.yaml, as
// the catalogue stores them), for the preview of its page; none when its front matter cannot be read.
std::optional<site::Course> preview_course(const Grid& grid, const std::string& markdown, const std::string& course_id);

}  // namespace pratiques::write
