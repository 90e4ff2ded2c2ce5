#include "pratiques/write/course_steps.h"

#include "pratiques/document.h"
#include "pratiques/write/canonical.h"
#include "pratiques/write/refusal.h"

namespace pratiques::write {

namespace {

YAML::Node step(const std::string& sheet_id, const std::string& section) {
  YAML::Node s(YAML::NodeType::Map);
  s["fiche"] = sheet_id;
  if (!section.empty()) s["section"] = section;
  return s;
}

}  // namespace

std::string add_step(const Grid& grid, const std::string& course_markdown, const std::string& sheet_id,
                     const std::string& section) {
  Diagnostics ignored;
  Document doc = parse_document("parcours.md", course_markdown, ignored);
  if (!doc.readable || !doc.front.IsMap())
    throw Refusal(Refused::Invalid,
                  "L'en-tête de ce parcours ne se lit pas : corrigez-le dans le formulaire du parcours avant d'y "
                  "ajouter une étape.");
  YAML::Node front = doc.front;
  YAML::Node steps = child(front, "etapes");
  if (!steps.IsSequence()) {
    steps = YAML::Node(YAML::NodeType::Sequence);
    front["etapes"] = steps;
  }
  steps.push_back(step(sheet_id, section));
  return canonical_markdown(grid, doc, Kind::Parcours);
}

std::string new_course(const Grid& grid, const std::string& title, const std::string& sheet_id,
                       const std::string& section) {
  YAML::Node front(YAML::NodeType::Map);
  front["titre"] = title;
  YAML::Node steps(YAML::NodeType::Sequence);
  steps.push_back(step(sheet_id, section));
  front["etapes"] = steps;
  return "---\n" + canonical_front_matter(grid, front, Kind::Parcours) + "---\n";
}

}  // namespace pratiques::write
