#include "pratiques/validate.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <sstream>

#include "pratiques/near_duplicate_warnings.h"
#include "pratiques/sheet_document.h"
#include "pratiques/parallel.h"
#include "pratiques/pattern.h"
#include "pratiques/text.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

// Compiled on first use, not when any command starts.
const Pattern& date_form() {
  static const Pattern form("([0-9]{4})(-([0-9]{2})(-([0-9]{2}))?)?");
  return form;
}

bool is_empty(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return true;
  if (n.IsScalar()) return text::trim(n.Scalar()).empty();
  return n.size() == 0;
}

std::string guillemets(const std::string& s) { return "« " + s + " »"; }

}  // namespace

std::string missing_key_message(const std::string& path, const std::string& label) {
  return "clé obligatoire absente ou vide : " + guillemets(path) + " (" + label + ")";
}

std::string missing_section_message(const SectionSpec& spec) {
  return "section obligatoire absente : " + guillemets("## " + spec.title);
}

std::string length_message(const std::string& path, const std::string& count, std::size_t max) {
  return guillemets(path) + " fait " + count + " caractères, au plus " + std::to_string(max) + " permis";
}

Status section_status(const SectionSpec& spec, bool methode) {
  // Rule 8: part A of a method sheet may be missing (recommended only).
  return methode && spec.part == "A" && spec.status == Status::Mandatory ? Status::Recommended : spec.status;
}

namespace {

// The first line of a table in a section's Markdown (its header row, counted from the section's
// heading), if it has one: a GFM delimiter row ("|---|:--:|") under a row with a "|", outside code.
std::optional<int> table_line(const std::string& markdown) {
  // [\t-\r ]: the white space of GFM (and of C's isspace), not ICU's \s, which has U+00A0 too.
  static const Pattern delimiter(
      R"( {0,3}\|?[\t-\r ]*:?-+:?[\t-\r ]*(\|[\t-\r ]*:?-+:?[\t-\r ]*)+\|?[\t-\r ]*| {0,3}\|[\t-\r ]*:?-+:?[\t-\r ]*\|[\t-\r ]*)");
  std::istringstream in(markdown);
  std::string previous, line;
  bool fenced = false;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string trimmed = text::trim(line);
    if (trimmed.starts_with("```") || trimmed.starts_with("~~~")) fenced = !fenced;
    if (!fenced && previous.find('|') != std::string::npos && !previous.starts_with("    ") &&
        delimiter.matches(line))
      return n - 1;
    previous = line;
  }
  return std::nullopt;
}

class Checker {
 public:
  Checker(const Grid& grid, const Document& doc, const DocumentFormat& format, Diagnostics& out)
      : grid_(grid), doc_(doc), format_(format), out_(out) {}

  void report(const YAML::Node& at, Severity sev, const char* rule, std::string message) {
    out_.push_back({doc_.path, line_of(doc_, at), column_of(at), sev, rule, std::move(message)});
  }
  void report_line(int line, Severity sev, const char* rule, std::string message) {
    out_.push_back({doc_.path, line, 1, sev, rule, std::move(message)});
  }

  // Checks the keys of a mapping against the specs of its fields.
  void check_object(const std::vector<FieldSpec>& specs, const YAML::Node& map, const YAML::Node& owner,
                    const std::string& path, bool relax_recommended = false) {
    if (!map.IsMap()) {
      report(map, Severity::Error, "type", guillemets(path) + " doit être un ensemble de clés (objet YAML)");
      return;
    }
    std::vector<std::string> known;
    for (const auto& s : specs) known.push_back(s.key);
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
      auto spec = std::find_if(specs.begin(), specs.end(), [&](const FieldSpec& s) { return s.key == key; });
      const std::string full = path.empty() ? key : path + "." + key;
      if (spec == specs.end()) {
        std::string hint = text::closest(key, known);
        report(it->first, Severity::Error, "cle-inconnue",
               "clé inconnue " + guillemets(full) +
                   (hint.empty() ? "" : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
        continue;
      }
      if (!is_empty(it->second)) check_value(*spec, it->second, it->first, full);
    }
    for (const auto& s : specs) {
      const YAML::Node v = map[s.key];
      if (!is_empty(v)) continue;
      const std::string full = path.empty() ? s.key : path + "." + s.key;
      const YAML::Node at = v.IsDefined() ? v : owner;
      if (!s.not_applicable_key.empty()) {
        const YAML::Node sibling = child(map, s.not_applicable_key);
        if (s.not_applicable_values.empty()
                ? !is_empty(sibling)
                : sibling.IsScalar() && std::find(s.not_applicable_values.begin(), s.not_applicable_values.end(),
                                                  sibling.Scalar()) != s.not_applicable_values.end())
          continue;
      }
      if (s.status == Status::Mandatory)
        report(at, Severity::Error, "cle-obligatoire", missing_key_message(full, s.label));
      else if (s.status == Status::Recommended && !relax_recommended)
        report(at, Severity::Warning, "cle-recommandee",
               "clé recommandée absente : " + guillemets(full) + " (" + s.label + ")");
    }
  }

  void check_vocab_value(const FieldSpec& spec, const YAML::Node& v, const std::string& path) {
    if (!v.IsScalar()) {
      report(v, Severity::Error, "type",
             guillemets(path) + " attend une valeur du vocabulaire, pas une liste ni un objet");
      return;
    }
    const std::string value = v.Scalar();
    std::vector<std::string> all;
    for (const auto& name : spec.vocabularies) {
      const Vocabulary* vocab = grid_.vocabulary(name);
      if (!vocab) continue;
      if (vocab->find(value)) return;
      for (auto& s : vocab->slugs()) all.push_back(s);
      for (const auto& e : vocab->entries) all.push_back(e.label);
    }
    std::string hint = text::closest(value, all);
    // A label was suggested: give its slug, which is what the sheet must contain.
    for (const auto& name : spec.vocabularies)
      if (const Vocabulary* vocab = grid_.vocabulary(name))
        for (const auto& e : vocab->entries)
          if (e.label == hint) hint = e.slug;
    std::string names;
    for (const auto& n : spec.vocabularies) names += (names.empty() ? "" : ", ") + n;
    report(v, Severity::Error, "vocabulaire",
           "valeur " + guillemets(value) + " hors du vocabulaire " + names + " pour " + guillemets(path) +
               (hint.empty() ? " (à proposer en mots_cles ou comme ajout au vocabulaire)"
                             : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
  }

  void check_count(const FieldSpec& spec, const YAML::Node& v, const std::string& path) {
    if (spec.min_items && v.size() < *spec.min_items)
      report(v, Severity::Error, "cardinalite",
             guillemets(path) + " : au moins " + std::to_string(*spec.min_items) + " valeur(s) attendue(s)");
    if (spec.max_items && v.size() > *spec.max_items)
      report(v, Severity::Error, "cardinalite",
             guillemets(path) + " : " + std::to_string(v.size()) + " valeurs, au plus " +
                 std::to_string(*spec.max_items) + " permises");
  }

  // The grid's longueur_max (R2; for identifiers, what a file name and a Xapian term can hold).
  // True when the scalar is too long (reported).
  bool check_length(const FieldSpec& spec, const YAML::Node& v, const std::string& path) {
    if (!spec.max_length || text::length(v.Scalar()) <= *spec.max_length) return false;
    report(v, Severity::Error, "longueur",
           length_message(path, std::to_string(text::length(v.Scalar())), *spec.max_length));
    return true;
  }

  void check_value(const FieldSpec& spec, const YAML::Node& v, const YAML::Node& key, const std::string& path) {
    switch (spec.type) {
      case FieldType::Identifier:
      case FieldType::SheetRef:
        if (!v.IsScalar() || !kebab_case(v.Scalar()))
          report(v, Severity::Error, "id-format",
                 guillemets(path) + " doit être un identifiant ASCII en kebab-case (ex. « mon-action-2024 »)");
        else if (!check_length(spec, v, path) && spec.type == FieldType::SheetRef)
          refs_.push_back({v.Scalar(), v});
        break;
      case FieldType::IdentifierList:
        if (!v.IsSequence()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être une liste");
          break;
        }
        for (const auto& x : v)
          if (!x.IsScalar() || !kebab_case(x.Scalar()))
            report(x, Severity::Error, "id-format", "identifiant invalide dans " + guillemets(path));
          else
            check_length(spec, x, path);
        break;
      case FieldType::Text:
        if (!v.IsScalar()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être un texte");
          break;
        }
        check_length(spec, v, path);
        break;
      case FieldType::TextList:
        if (!v.IsSequence()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être une liste de textes");
          break;
        }
        for (const auto& x : v)
          if (!x.IsScalar()) report(x, Severity::Error, "type", "élément non textuel dans " + guillemets(path));
        check_count(spec, v, path);
        break;
      case FieldType::Date: {
        const std::string s = v.IsScalar() ? v.Scalar() : "";
        const std::optional<PatternMatch> m = date_form().match(s);
        bool ok = m.has_value();
        if (ok && m->matched(3)) {
          int month = std::stoi((*m)[3]);
          ok = month >= 1 && month <= 12;
          if (ok && m->matched(5)) {
            static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            int day = std::stoi((*m)[5]);
            ok = day >= 1 && day <= days[month - 1];
          }
        }
        if (!ok)
          report(v, Severity::Error, "date",
                 guillemets(path) + " : date invalide " + guillemets(s) + " (format AAAA, AAAA-MM ou AAAA-MM-JJ)");
        break;
      }
      case FieldType::Boolean:
        // Only the plain true and false: yaml-cpp also reads yes, no, on, off, y, n (any case) and
        // a quoted "true" as booleans, which the JSON API and the exports (yaml_to_json) write as
        // strings.
        if (!v.IsScalar() || v.Tag() == "!" || (v.Scalar() != "true" && v.Scalar() != "false"))
          report(v, Severity::Error, "type",
                 guillemets(path) + " doit valoir true ou false" +
                     (v.IsScalar() ? ", écrit sans guillemets (et non " +
                                         guillemets(v.Tag() == "!" ? "\"" + v.Scalar() + "\"" : v.Scalar()) + ")"
                                   : ""));
        break;
      case FieldType::Integer: {
        long long i;
        if (!v.IsScalar() || !YAML::convert<long long>::decode(v, i))
          report(v, Severity::Error, "type", guillemets(path) + " doit être un nombre entier");
        break;
      }
      case FieldType::Vocab:
        if (v.IsSequence()) {
          report(v, Severity::Error, "cardinalite", guillemets(path) + " n'accepte qu'une seule valeur");
          break;
        }
        check_vocab_value(spec, v, path);
        break;
      case FieldType::VocabList: {
        if (!v.IsSequence()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être une liste de valeurs");
          break;
        }
        std::set<std::string> seen;
        for (const auto& x : v) {
          check_vocab_value(spec, x, path);
          if (x.IsScalar() && !seen.insert(x.Scalar()).second)
            report(x, Severity::Warning, "doublon",
                   "valeur répétée " + guillemets(x.Scalar()) + " dans " + guillemets(path));
        }
        check_count(spec, v, path);
        break;
      }
      case FieldType::Object: check_object(spec.subfields, v, key, path); break;
      case FieldType::ObjectList:
        if (!v.IsSequence()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être une liste d'objets");
          break;
        }
        for (const auto& x : v) check_object(spec.subfields, x, x, path);
        check_count(spec, v, path);
        break;
      case FieldType::DepartementCode: {
        const std::string code = v.IsScalar() ? v.Scalar() : "";
        if (!grid_.territories.loaded)
          report(v, Severity::Warning, "territoire",
                 "liste officielle des territoires absente (schemas/territoires.tsv) : code non vérifié");
        else if (!grid_.territories.departements.count(code)) {
          std::vector<std::string> codes;
          for (const auto& [c, d] : grid_.territories.departements) {
            codes.push_back(c);
            codes.push_back(d.name);
          }
          std::string hint = text::closest(code, codes);
          for (const auto& [c, d] : grid_.territories.departements)
            if (d.name == hint) hint = c;
          report(v, Severity::Error, "territoire-departement",
                 "code de département inconnu " + guillemets(code) +
                     (hint.empty() ? "" : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
        } else {
          departement_ = code;
        }
        break;
      }
      case FieldType::RegionCode: {
        const std::string code = v.IsScalar() ? v.Scalar() : "";
        if (grid_.territories.loaded && !grid_.territories.regions.count(code)) {
          std::vector<std::string> codes;
          for (const auto& [c, n] : grid_.territories.regions) {
            codes.push_back(c);
            codes.push_back(n);
          }
          std::string hint = text::closest(code, codes);
          for (const auto& [c, n] : grid_.territories.regions)
            if (n == hint) hint = c;
          report(v, Severity::Error, "territoire-region",
                 "code de région inconnu " + guillemets(code) +
                     (hint.empty() ? "" : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
        } else {
          region_ = {code, v};
        }
        break;
      }
      case FieldType::Communes:
        if (!v.IsSequence()) {
          report(v, Severity::Error, "type", guillemets(path) + " doit être une liste de communes");
          break;
        }
        for (const auto& c : v) {
          if (c.IsScalar()) continue;
          if (!c.IsMap()) {
            report(c, Severity::Error, "type", "commune : texte ou objet {nom, insee} attendu");
            continue;
          }
          for (auto it = c.begin(); it != c.end(); ++it)
            if (it->first.Scalar() != "nom" && it->first.Scalar() != "insee")
              report(it->first, Severity::Error, "cle-inconnue",
                     "clé inconnue " + guillemets(it->first.Scalar()) + " pour une commune (nom, insee)");
          const YAML::Node insee = child(c, "insee");
          if (!insee.IsScalar() || !grid_.territories.loaded) continue;
          auto found = grid_.territories.communes.find(insee.as<std::string>(""));
          if (found == grid_.territories.communes.end())
            report(insee, Severity::Error, "territoire-commune",
                   "code INSEE de commune inconnu " + guillemets(insee.as<std::string>("")));
          else
            communes_.push_back({found->second.second, insee});
        }
        break;
      case FieldType::Duration:
        if (!v.IsScalar() || !duration_minutes(v.Scalar()))
          report(v, Severity::Error, "duree",
                 guillemets(path) + " : durée invalide " + guillemets(v.IsScalar() ? v.Scalar() : "?") +
                     " (écrire « 3 h », « 1 h 30 » ou « 45 min »)");
        break;
      case FieldType::SectionRef:
        if (!v.IsScalar() || !grid_.sheet.section_by_ref(v.Scalar()))
          report(v, Severity::Error, "section-inconnue",
                 "section de fiche inconnue " + guillemets(v.IsScalar() ? v.Scalar() : "?"));
        break;
    }
  }

  void check_territory_consistency() {
    if (departement_.empty()) return;
    const auto& dep = grid_.territories.departements.at(departement_);
    if (region_.second.IsDefined() && !region_.first.empty() && region_.first != dep.region)
      report(region_.second, Severity::Error, "territoire-region",
             "la région " + guillemets(region_.first) + " ne contient pas le département " + departement_ + " (" +
                 dep.name + ", région " + dep.region + ")");
    for (const auto& [d, at] : communes_)
      if (d != departement_)
        report(at, Severity::Warning, "territoire-commune", "commune hors du département " + departement_ + " déclaré");
  }

  // Sections: known titles, order, presence of mandatory ones, no table.
  std::map<std::string, const BodySection*> check_sections(bool methode) {
    std::map<std::string, const BodySection*> found;
    int last_index = -1;
    std::string last_title;
    std::vector<std::string> titles;
    for (const auto& s : format_.sections) titles.push_back(s.title);
    for (const auto& sec : doc_.sections) {
      const SectionSpec* spec = format_.section_by_title(sec.title);
      if (!spec) {
        std::string hint = text::closest(sec.title, titles);
        report_line(sec.line, Severity::Error, "section-inconnue",
                    "section inconnue " + guillemets(sec.title) +
                        (hint.empty() ? "" : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
        continue;
      }
      if (found.count(spec->key)) {
        report_line(sec.line, Severity::Error, "section-doublon", "section en double " + guillemets(spec->title));
        continue;
      }
      const int index = static_cast<int>(spec - format_.sections.data());
      if (index < last_index)
        report_line(sec.line, Severity::Error, "section-ordre",
                    "section " + guillemets(spec->title) + " placée après " + guillemets(last_title) +
                        " : l'ordre de la grille est requis");
      else {
        last_index = index;
        last_title = spec->title;
      }
      found[spec->key] = &sec;
      if (const auto at = table_line(sec.markdown))
        report_line(sec.line + *at, Severity::Error, "tableau",
                    "tableau Markdown dans " + guillemets(spec->title) +
                        " : les fiches sont en CommonMark, qui n'a pas de tableaux, et il s'afficherait en lignes de "
                        "« | » ; écrivez une liste (« - **2019** : 12 participants, 4 parcelles »)");
      if (spec->status == Status::Mandatory && text::trim(sec.text).empty())
        report_line(sec.line, Severity::Error, "section-vide",
                    "section obligatoire vide " + guillemets(spec->title) +
                        " : écrire son contenu ou « _Non documenté à ce jour._ »");
    }
    for (const auto& spec : format_.sections) {
      if (found.count(spec.key)) continue;
      const Status status = section_status(spec, methode);
      // Where it belongs: at the heading of the first section the grid puts after it.
      int missing_line = doc_.sections.empty() ? doc_.body_line : doc_.sections.back().line;
      for (auto next = format_.sections.begin() + (&spec - format_.sections.data()); next != format_.sections.end();
           ++next)
        if (const auto it = found.find(next->key); it != found.end()) {
          missing_line = it->second->line;
          break;
        }
      if (status == Status::Mandatory)
        report_line(missing_line, Severity::Error, "section-obligatoire", missing_section_message(spec));
      else if (status == Status::Recommended)
        report_line(missing_line, Severity::Warning, "section-recommandee",
                    "section recommandée absente : " + guillemets("## " + spec.title));
    }
    return found;
  }

  std::vector<std::pair<std::string, YAML::Node>> refs_;
  std::string departement_;
  std::pair<std::string, YAML::Node> region_;
  std::vector<std::pair<std::string, YAML::Node>> communes_;

 private:
  const Grid& grid_;
  const Document& doc_;
  const DocumentFormat& format_;
  Diagnostics& out_;
};

bool documented(const std::map<std::string, const BodySection*>& found, const std::string& key) {
  auto it = found.find(key);
  return it != found.end() && !it->second->undocumented;
}

int section_line(const Document& doc, const std::map<std::string, const BodySection*>& found, const std::string& key) {
  auto it = found.find(key);
  return it != found.end() ? it->second->line : (doc.sections.empty() ? doc.body_line : doc.sections.back().line);
}

void check_id(const Document& doc, Checker& c) {
  if (!kebab_case(doc.id))
    c.report_line(1, Severity::Error, "id-format",
                  "nom de fichier " + guillemets(doc.id + ".md") + " : l'identifiant doit être en ASCII kebab-case");
  const YAML::Node id = child(doc.front, "id");
  if (id && id.IsScalar() && id.Scalar() != doc.id)
    c.report(id, Severity::Error, "id-nom-fichier",
             "l'id " + guillemets(id.Scalar()) + " diffère du nom du fichier " + guillemets(doc.id) +
                 " (l'id est le nom du fichier sans .md)");
}

std::optional<long long> integer_of(const YAML::Node& n) {
  long long i;
  if (n.IsScalar() && YAML::convert<long long>::decode(n, i)) return i;
  return std::nullopt;
}

std::optional<int> minutes_of(const YAML::Node& n) {
  return n.IsScalar() ? duration_minutes(n.Scalar()) : std::nullopt;
}

// Course sessions: unique numbers, steps that name an existing session and fit in its duration.
void check_sessions(const Document& doc, const YAML::Node& steps, Checker& c) {
  struct Session {
    YAML::Node node;
    std::optional<int> minutes;
    int used = 0;
    YAML::Node last_step;
  };
  std::map<long long, Session> sessions;
  if (const YAML::Node list = child(doc.front, "seances"); list.IsSequence())
    for (const auto& s : list) {
      if (!s.IsMap()) continue;
      const auto number = integer_of(child(s, "numero"));
      if (!number) continue;
      if (sessions.count(*number))
        c.report(child(s, "numero"), Severity::Error, "seance-doublon",
                 "séance numéro " + std::to_string(*number) + " déclarée deux fois");
      else
        sessions[*number] = {s, minutes_of(child(s, "duree")), 0, {}};
    }
  for (const auto& step : steps) {
    if (!step.IsMap() || !child(step, "seance").IsDefined()) continue;
    const auto number = integer_of(child(step, "seance"));
    if (!number) continue;  // reported by the type check
    auto it = sessions.find(*number);
    if (it == sessions.end()) {
      c.report(child(step, "seance"), Severity::Error, "seance-inconnue",
               "étape : aucune séance numéro " + std::to_string(*number) + " dans « seances »");
      continue;
    }
    if (const auto m = minutes_of(child(step, "duree"))) {
      it->second.used += *m;
      it->second.last_step.reset(child(step, "duree"));
    }
  }
  for (const auto& [number, s] : sessions)
    if (s.minutes && s.used > *s.minutes)
      c.report(s.last_step, Severity::Warning, "duree-seance",
               "les étapes de la séance " + std::to_string(number) + " durent " + std::to_string(s.used) +
                   " min, plus que la séance (" + std::to_string(*s.minutes) + " min)");
}

// The course page shows the steps session by session (in the order of `seances`, then the steps
// of an undeclared session or of none) and numbers them in that order: a step listed before a step
// of an earlier session has another number there than its place in the list.
void check_step_order(const Document& doc, const YAML::Node& steps, Checker& c) {
  std::vector<std::string> groups;  // session numbers, in the page's order
  if (const YAML::Node list = child(doc.front, "seances"); list.IsSequence())
    for (const auto& s : list)
      if (s.IsMap()) groups.push_back(scalar_or_empty(child(s, "numero")));
  if (groups.empty()) return;
  std::vector<std::pair<std::size_t, std::size_t>> shown;  // (group, place in the list), in the page's order
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string session = steps[i].IsMap() ? scalar_or_empty(child(steps[i], "seance")) : "";
    auto g = std::find(groups.begin(), groups.end(), session);
    if (g == groups.end()) g = groups.insert(groups.end(), session);
    shown.emplace_back(static_cast<std::size_t>(g - groups.begin()), i);
  }
  const auto listed = shown;
  std::stable_sort(shown.begin(), shown.end());
  std::size_t earliest_after = groups.size();  // the earliest group of the steps listed after this one
  for (std::size_t i = listed.size(); i-- > 0;) {
    if (listed[i].first > earliest_after) {
      const auto number = std::find(shown.begin(), shown.end(), listed[i]) - shown.begin() + 1;
      const YAML::Node session = child(steps[i], "seance");
      c.report(session.IsDefined() ? session : steps[i], Severity::Warning, "ordre-etapes",
               "étape n° " + std::to_string(i + 1) + " : placée avant des étapes d'une séance antérieure, la page du " +
                   "parcours la montre avec sa séance, comme étape " + std::to_string(number) +
                   " ; rangez les étapes dans l'ordre des séances");
    }
    earliest_after = std::min(earliest_after, listed[i].first);
  }
}

// Each step's competence domains are among the course's (which sum them up for the reader).
void check_step_domains(const Document& doc, const YAML::Node& steps, Checker& c) {
  std::set<std::string> course;
  if (const YAML::Node d = child(doc.front, "domaines_competences"); d.IsSequence())
    for (const auto& x : d)
      if (x.IsScalar()) course.insert(x.Scalar());
  for (const auto& step : steps) {
    if (!step.IsMap()) continue;
    if (const YAML::Node d = child(step, "domaines_competences"); d.IsSequence())
      for (const auto& x : d)
        if (x.IsScalar() && !course.count(x.Scalar()))
          c.report(
              x, Severity::Warning, "domaine-etape",
              "étape : le domaine " + guillemets(x.Scalar()) + " n'est pas dans les domaines_competences du parcours");
  }
}

}  // namespace

void validate_sheet(const Grid& grid, const Document& doc, Diagnostics& out) {
  if (!doc.readable) return;
  Checker c(grid, doc, grid.sheet, out);
  const YAML::Node& fm = doc.front;
  check_id(doc, c);
  c.check_object(grid.sheet.fields, fm, fm, "");
  c.check_territory_consistency();
  const bool methode = child(fm, "type_fiche").IsDefined() && child(fm, "type_fiche").IsScalar() &&
                       child(fm, "type_fiche").Scalar() == "methode";
  auto found = c.check_sections(methode);

  // Rule 4: every obstacle has its workaround.
  if (documented(found, "freins_difficultes") && !documented(found, "contournements_leviers"))
    c.report_line(section_line(doc, found, "contournements_leviers"), Severity::Error, "R4-freins-contournements",
                  "« Freins et difficultés » est renseignée mais « Solutions de contournement et leviers » est vide : "
                  "pour chaque frein, dire comment il a été levé ou contourné");
  // Rule 5: testimonies need consent.
  if (documented(found, "paroles")) {
    const YAML::Node consent =
        child(fm, "curation").IsMap() ? child(child(fm, "curation"), "consentement") : YAML::Node();
    if (!consent || !consent.IsScalar() || consent.Scalar() == "non-recueilli")
      c.report(consent ? consent : fm, Severity::Error, "R5-paroles-consentement",
               "« Paroles d'acteurs » contient des témoignages : curation.consentement doit indiquer un consentement "
               "recueilli");
  }
  // Rule 6: an ongoing action has a next review date.
  const YAML::Node periode = child(fm, "periode");
  if (periode.IsMap() && child(periode, "en_cours").IsScalar() && child(periode, "en_cours").as<bool>(false)) {
    const YAML::Node curation = child(fm, "curation");
    if (!curation.IsMap() || is_empty(child(curation, "prochaine_revue")))
      c.report(child(periode, "en_cours"), Severity::Error, "R6-en-cours-revue",
               "action en cours (periode.en_cours: true) : curation.prochaine_revue doit être renseignée");
  }
  // Rule 7: a completed evaluation is described.
  const YAML::Node evaluation = child(fm, "evaluation");
  if (evaluation.IsMap() && child(evaluation, "etat").IsScalar() && child(evaluation, "etat").Scalar() == "realisee") {
    if (!documented(found, "evaluation_effets"))
      c.report(child(evaluation, "etat"), Severity::Error, "R7-evaluation-realisee",
               "evaluation.etat vaut « realisee » mais « Évaluation et effets observés » ne décrit aucune évaluation");
    if (is_empty(child(evaluation, "documents")))
      c.report(child(evaluation, "etat"), Severity::Warning, "R7-evaluation-realisee",
               "évaluation réalisée : citer le document d'évaluation dans evaluation.documents s'il est disponible");
  }
  // Rule 8: a method sheet keeps its milestones, lessons and transferability.
  if (methode)
    for (const char* key : {"jalons", "apprentissages", "reproductibilite"})
      if (!documented(found, key)) {
        const SectionSpec* spec = grid.sheet.section_by_ref(key);
        c.report_line(
            section_line(doc, found, key), Severity::Error, "R8-methode",
            "fiche-méthode : la section « " + (spec ? spec->title : std::string(key)) + " » doit avoir un contenu");
      }
  // Rule 10: a participation level above consultation is read in the text, not assumed.
  if (const YAML::Node level = child(fm, "niveau_participation");
      level.IsScalar() && !documented(found, "participation")) {
    const Vocabulary* levels = grid.vocabulary("niveaux_participation");
    const VocabEntry* value = levels ? levels->find(level.Scalar()) : nullptr;
    const VocabEntry* consultation = levels ? levels->find("consultation") : nullptr;
    if (value && consultation && value->order > consultation->order)
      c.report(
          level, Severity::Warning, "R10-participation-non-documentee",
          "niveau_participation vaut " + guillemets(level.Scalar()) +
              " mais « Participation des personnes concernées » n'est pas documentée : décrire ce qui fonde ce niveau, "
              "ou choisir « non-documente »");
  }
}

SheetOutline outline(const Grid& grid, const Document& doc) {
  SheetOutline o;
  o.id = doc.id;
  for (const auto& s : doc.sections)
    if (const SectionSpec* spec = grid.sheet.section_by_title(s.title); spec && !s.undocumented)
      o.sections.insert(spec->key);
  const YAML::Node curation = child(doc.front, "curation");
  o.archived = scalar_or_empty(child(curation, "statut")) == "archivee";
  o.replaced_by = scalar_or_empty(child(curation, "remplacee_par"));
  if (const YAML::Node old = child(doc.front, "anciens_ids"); old.IsSequence())
    for (const auto& x : old)
      if (x.IsScalar()) o.old_ids.push_back(x.Scalar());
  return o;
}

void validate_course(const Grid& grid, const Document& doc, const std::vector<SheetOutline>& sheets, Diagnostics& out) {
  if (!doc.readable) return;
  Checker c(grid, doc, grid.course, out);
  check_id(doc, c);
  c.check_object(grid.course.fields, doc.front, doc.front, "");
  c.check_sections(false);
  const YAML::Node steps = child(doc.front, "etapes");
  if (!steps.IsSequence()) return;
  check_sessions(doc, steps, c);
  check_step_order(doc, steps, c);
  check_step_domains(doc, steps, c);
  for (const auto& step : steps) {
    if (!step.IsMap() || !child(step, "fiche").IsScalar()) continue;
    const std::string id = child(step, "fiche").Scalar();
    auto sheet = std::find_if(sheets.begin(), sheets.end(), [&](const SheetOutline& s) { return s.id == id; });
    // A former id still names its sheet (its address redirects there, as fiches_liees and
    // remplacee_par accept it): the step keeps working, and the trainer is told the id to cite now.
    if (sheet == sheets.end()) {
      sheet = std::find_if(sheets.begin(), sheets.end(), [&](const SheetOutline& s) {
        return std::find(s.old_ids.begin(), s.old_ids.end(), id) != s.old_ids.end();
      });
      if (sheet != sheets.end())
        c.report(child(step, "fiche"), Severity::Warning, "fiche-renommee",
                 "étape : " + guillemets(id) + " est un ancien identifiant de la fiche " + guillemets(sheet->id) +
                     " : citez-la sous son identifiant actuel");
    }
    if (sheet == sheets.end()) {
      std::vector<std::string> ids;
      for (const auto& s : sheets) ids.push_back(s.id);
      std::string hint = text::closest(id, ids);
      c.report(child(step, "fiche"), Severity::Error, "fiche-inconnue",
               "étape : fiche inconnue " + guillemets(id) +
                   (hint.empty() ? "" : " ; vouliez-vous dire " + guillemets(hint) + " ?"));
      continue;
    }
    // An archived sheet is out of the search and the site: the step would send learners nowhere.
    if (sheet->archived) {
      c.report(child(step, "fiche"), Severity::Error, "fiche-archivee",
               "étape : la fiche " + guillemets(id) + " est archivée (retirée du référentiel) ; " +
                   (sheet->replaced_by.empty()
                        ? "citez une autre fiche ou retirez l'étape"
                        : "elle est remplacée par " + guillemets(sheet->replaced_by) + " : citez celle-ci"));
      continue;
    }
    const YAML::Node section = child(step, "section");
    if (section && section.IsScalar()) {
      const SectionSpec* spec = grid.sheet.section_by_ref(section.Scalar());
      if (spec && !sheet->sections.count(spec->key))
        c.report(section, Severity::Error, "section-non-documentee",
                 "étape : la section " + guillemets(spec->title) + " de la fiche " + guillemets(id) +
                     " est absente ou non documentée");
    }
  }
}

std::set<std::string> course_sheet_ids(const Document& course) {
  std::set<std::string> out;
  if (const YAML::Node steps = child(course.front, "etapes"); steps.IsSequence())
    for (const auto& step : steps)
      if (step.IsMap() && child(step, "fiche").IsScalar()) out.insert(child(step, "fiche").Scalar());
  return out;
}

CorpusEntry corpus_entry(const Document& doc) {
  CorpusEntry e;
  e.path = doc.path;
  const YAML::Node id = child(doc.front, "id");
  e.id = {doc.id, line_of(doc, id), column_of(id)};
  if (const YAML::Node old = child(doc.front, "anciens_ids"); old.IsSequence())
    for (const auto& x : old)
      if (x.IsScalar()) e.old_ids.push_back({x.Scalar(), line_of(doc, x), column_of(x)});
  if (const YAML::Node linked = child(doc.front, "fiches_liees"); linked.IsSequence())
    for (const auto& l : linked)
      if (l.IsMap() && child(l, "id").IsScalar())
        e.links.push_back({child(l, "id").Scalar(), line_of(doc, child(l, "id")), column_of(child(l, "id"))});
  return e;
}

bool kebab_case(const std::string& id) {
  static const Pattern form("[a-z0-9]+(-[a-z0-9]+)*");  // compiled on first use
  return form.matches(id);
}

std::string document_id(const Document& doc) {
  const YAML::Node id = child(doc.front, "id");
  return id.IsScalar() && !id.Scalar().empty() ? id.Scalar() : doc.id;
}


void validate_corpus(const std::vector<CorpusEntry>& sheets, Diagnostics& out) {
  struct Claim {
    const CorpusEntry* entry;
    const CorpusEntry::Ref* ref;
  };
  std::map<std::string, Claim> claims;  // the first claim of each id, in the order of `sheets`
  // Two files claiming one id are both in error, each at its own line naming the other: which one
  // is right is for the person who fixes it to say, and the first one is not always the older.
  auto claim = [&](const CorpusEntry::Ref& ref, const CorpusEntry& e) {
    auto [it, inserted] = claims.emplace(ref.id, Claim{&e, &ref});
    if (inserted || it->second.entry == &e) return;
    const Claim& first = it->second;
    out.push_back({e.path, ref.line, ref.column, Severity::Error, "id-doublon",
                   "identifiant « " + ref.id + " » déjà utilisé par " + first.entry->path});
    out.push_back({first.entry->path, first.ref->line, first.ref->column, Severity::Error, "id-doublon",
                   "identifiant « " + ref.id + " » également utilisé par " + e.path});
  };
  for (const auto& e : sheets) claim(e.id, e);
  for (const auto& e : sheets)
    for (const auto& old : e.old_ids) claim(old, e);
  std::map<std::string, std::set<std::string>> links;
  for (const auto& e : sheets)
    for (const auto& l : e.links) links[e.id.id].insert(l.id);
  std::vector<std::string> ids;
  for (const auto& [id, first] : claims) ids.push_back(id);
  for (const auto& e : sheets) {
    for (const auto& l : e.links) {
      auto it = claims.find(l.id);
      if (it == claims.end()) {
        std::string hint = text::closest(l.id, ids);
        out.push_back({e.path, l.line, l.column, Severity::Error, "fiche-liee-inconnue",
                       "fiches_liees : aucune fiche « " + l.id + " »" +
                           (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?")});
      } else if (it->second.entry == &e) {
        out.push_back({e.path, l.line, l.column, Severity::Error, "fiche-liee-inconnue",
                       "fiches_liees : une fiche ne peut pas être liée à elle-même"});
      } else if (!links[it->second.entry->id.id].count(e.id.id)) {
        out.push_back({e.path, l.line, l.column, Severity::Warning, "fiche-liee-reciproque",
                       "fiches_liees : « " + l.id + " » ne renvoie pas vers « " + e.id.id +
                           " » (lien à déclarer dans les deux fiches)"});
      }
    }
  }
}

namespace {

enum class Kind { Sheet, Course, Page };

Kind kind_of(const fs::path& p) {
  for (fs::path dir = p.parent_path(); !dir.empty() && dir != dir.parent_path(); dir = dir.parent_path()) {
    const std::string name = dir.filename().string();
    if (name == "parcours") return Kind::Course;
    if (name == "pages") return Kind::Page;
    if (name == "fiches") return Kind::Sheet;
  }
  return Kind::Sheet;
}

void collect(const fs::path& p, std::vector<fs::path>& out, Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (refused_link(it->path().string(), diagnostics)) continue;
      if (!it->is_symlink(ec) && it->is_regular_file(ec) && it->path().extension() == ".md" &&
          it->path().filename() != "README.md")
        out.push_back(it->path());
    }
  } else {
    out.push_back(p);
  }
}

// What the corpus-level rules need of a sheet once it is read (and checked): its Document, front
// matter nodes and sections, is dropped, so that checking a collection of 100,000 sheets holds
// summaries (a few hundred bytes and a fingerprint each), not documents.
struct SheetSummary {
  bool readable = false;
  std::string path, file_id, declared_id;  // file_id: the file name's, declared_id: document_id
  int id_line = 1, id_column = 1;
  CorpusEntry entry;
  SheetOutline outline;
  Fingerprint print;
  struct Replacement {  // curation.remplacee_par, when it is an id
    std::string id;
    int line = 1, column = 1;
  };
  std::optional<Replacement> replaced_by;
};

SheetSummary summarise(const Grid& grid, const Document& d) {
  SheetSummary s;
  s.readable = d.readable;
  s.path = d.path;
  s.file_id = d.id;
  if (!d.readable) return s;
  s.declared_id = document_id(d);
  const YAML::Node id = child(d.front, "id");
  s.id_line = line_of(d, id);
  s.id_column = column_of(id);
  s.entry = corpus_entry(d);
  s.outline = outline(grid, d);
  s.print = fingerprint(extract_text(d));
  const YAML::Node target = child(child(d.front, "curation"), "remplacee_par");
  if (target.IsScalar() && kebab_case(target.Scalar()))  // id-format reports the others
    s.replaced_by = SheetSummary::Replacement{target.Scalar(), line_of(d, target), column_of(target)};
  return s;
}

Diagnostic id_collision(const std::string& path, int line, int column, const std::string& id, const std::string& whose) {
  return {path,
          line,
          column,
          Severity::Error,
          "id-doublon",
          "« id » : " + guillemets(id) + " est déjà l'identifiant " + whose +
              " ; une fiche et un parcours ne peuvent pas porter le même identifiant : choisissez-en un autre"};
}

// curation.remplacee_par of an archived sheet names the sheet that replaces it (its page answers 410
// with a link there): it must be a sheet of the collection (an id, or a former id that redirects).
void check_replacements(std::span<const SheetSummary> sheets, const std::vector<CorpusEntry>& corpus,
                        Diagnostics& out) {
  std::set<std::string> known;
  for (const auto& e : corpus) {
    known.insert(e.id.id);
    for (const auto& old : e.old_ids) known.insert(old.id);
  }
  const std::vector<std::string> ids(known.begin(), known.end());
  for (const auto& d : sheets) {
    if (!d.replaced_by) continue;
    const auto& [id, line, column] = *d.replaced_by;
    if (id == d.declared_id) {
      out.push_back({d.path, line, column, Severity::Error, "remplacee-par",
                     "curation.remplacee_par : une fiche ne peut pas se remplacer elle-même"});
    } else if (!known.count(id)) {
      const std::string hint = text::closest(id, ids);
      out.push_back({d.path, line, column, Severity::Error, "remplacee-par",
                     "curation.remplacee_par : aucune fiche « " + id + " »" +
                         (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?")});
    }
  }
}

// The content directory of a file of fiches/ or parcours/ (the parent of that folder); "" if none.
fs::path content_root(const fs::path& file) {
  for (fs::path dir = file.parent_path(); !dir.empty() && dir != dir.parent_path(); dir = dir.parent_path())
    if (dir.filename() == "fiches" || dir.filename() == "parcours") return dir.parent_path();
  return {};
}

// Sheets and courses share their ids: each checked sheet against the courses of its content
// directory, each checked course against its sheets (ids and former ids, `corpus`).
void check_shared_ids(const std::vector<fs::path>& files, std::span<const SheetSummary> sheets,
                      const std::vector<SheetSummary>& corpus, const std::vector<Document>& courses,
                      Diagnostics& out) {
  std::map<std::string, std::string> sheet_of;  // id or former id → whose
  for (const auto& d : corpus) {
    if (!d.readable) continue;
    sheet_of.emplace(d.entry.id.id, "de la fiche " + d.path);
    for (const auto& old : d.entry.old_ids) sheet_of.emplace(old.id, "d'un ancien identifiant de la fiche " + d.path);
  }
  for (const auto& c : courses)
    if (auto it = sheet_of.find(c.id); c.readable && it != sheet_of.end())
      out.push_back(id_of_other_kind(c, it->second));
  if (sheets.empty()) return;
  std::map<std::string, std::string> course_of;  // id → path, the checked courses and the others
  for (const auto& c : courses)
    if (c.readable) course_of.emplace(c.id, c.path);
  std::set<fs::path> roots;
  for (const auto& f : files)
    if (kind_of(f) == Kind::Sheet) roots.insert(content_root(f));
  Diagnostics ignored;
  for (const auto& root : roots) {
    std::vector<fs::path> others;
    if (!root.empty() && fs::is_directory(root / "parcours")) collect(root / "parcours", others, ignored);
    for (const auto& o : others)
      if (!course_of.count(o.stem().string())) course_of.emplace(o.stem().string(), o.string());
  }
  for (const auto& d : sheets)
    if (auto it = course_of.find(d.file_id); d.readable && it != course_of.end())
      out.push_back(id_collision(d.path, d.id_line, d.id_column, d.declared_id, "du parcours " + it->second));
}

// Reads the sheets at `paths` on every core, each summarised once read (and checked, with
// `checked`: its diagnostics then go to `diagnostics[i]`).
std::vector<SheetSummary> read_sheets(const Grid& grid, const std::vector<fs::path>& paths, bool checked,
                                      std::vector<Diagnostics>& diagnostics) {
  std::vector<SheetSummary> out(paths.size());
  diagnostics.assign(paths.size(), {});
  parallel_for(paths.size(), default_threads(), [&](std::size_t i, unsigned) {
    Diagnostics& diags = diagnostics[i];
    const Document doc = read_document(paths[i].string(), diags);
    if (checked) validate_sheet(grid, doc, diags);
    out[i] = summarise(grid, doc);
  });
  return out;
}

// A sheet's text again, for an exact near-duplicate comparison.
std::string sheet_text(const std::string& path) {
  Diagnostics ignored;
  const Document doc = read_document(path, ignored);
  return doc.readable ? extract_text(doc) : std::string();
}

}  // namespace

Diagnostic id_of_other_kind(const Document& doc, const std::string& whose) {
  const YAML::Node id = child(doc.front, "id");
  return id_collision(doc.path, line_of(doc, id), column_of(id), document_id(doc), whose);
}

CheckResult check_paths(const Grid& grid, const std::vector<std::string>& paths) {
  CheckResult result;
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    if (!fs::exists(p)) {
      result.diagnostics.push_back({p, 1, 1, Severity::Error, "lecture", "chemin introuvable"});
      continue;
    }
    collect(p, files, result.diagnostics);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  result.files = files.size();

  // Each file's own diagnostics, in file order; the sheets are read and checked on every core.
  std::vector<fs::path> sheet_files;
  for (const auto& f : files)
    if (kind_of(f) == Kind::Sheet) sheet_files.push_back(f);
  std::vector<Diagnostics> sheet_diags;
  // The checked sheets, then (below) the other sheets of their directories: the corpus.
  std::vector<SheetSummary> corpus = read_sheets(grid, sheet_files, true, sheet_diags);
  const std::size_t checked_sheets = corpus.size();
  std::vector<Document> courses;
  std::set<std::string> checked;
  for (std::size_t f = 0, s = 0; f < files.size(); ++f) {
    checked.insert(fs::weakly_canonical(files[f]).string());
    switch (kind_of(files[f])) {
      case Kind::Sheet:
        for (auto& d : sheet_diags[s++]) result.diagnostics.push_back(std::move(d));
        break;
      case Kind::Course:
        courses.push_back(read_document(files[f].string(), result.diagnostics));
        break;
      case Kind::Page: {
        const Document doc = read_document(files[f].string(), result.diagnostics);
        if (doc.readable && is_empty(child(doc.front, "titre")))
          result.diagnostics.push_back({doc.path, 1, 1, Severity::Error, "cle-obligatoire", "page sans « titre »"});
        break;
      }
    }
  }

  // References resolve against the whole sheet directory, even when one file is checked.
  std::set<fs::path> sheet_dirs;
  for (const auto& f : files) {
    if (kind_of(f) == Kind::Sheet) sheet_dirs.insert(f.parent_path());
    if (kind_of(f) == Kind::Course) sheet_dirs.insert(f.parent_path().parent_path() / "fiches");
  }
  Diagnostics ignored;
  std::vector<fs::path> context_files;
  for (const auto& dir : sheet_dirs) {
    std::vector<fs::path> others;
    if (fs::is_directory(dir)) collect(dir, others, ignored);
    for (const auto& o : others)
      if (!checked.count(fs::weakly_canonical(o).string()) && kind_of(o) == Kind::Sheet) context_files.push_back(o);
  }
  std::vector<Diagnostics> context_diags;
  for (auto& d : read_sheets(grid, context_files, false, context_diags)) corpus.push_back(std::move(d));
  const std::span<const SheetSummary> sheets(corpus.data(), checked_sheets);
  {
    std::vector<CorpusEntry> entries;
    for (const auto& d : corpus)
      if (d.readable) entries.push_back(d.entry);
    Diagnostics corpus_diags;
    validate_corpus(entries, corpus_diags);
    for (auto& d : corpus_diags)
      if (checked.count(fs::weakly_canonical(d.path).string())) result.diagnostics.push_back(std::move(d));
    check_replacements(sheets, entries, result.diagnostics);
  }
  if (!courses.empty()) {
    std::vector<SheetOutline> outlines;
    for (const auto& d : corpus)
      if (d.readable) outlines.push_back(d.outline);
    for (const auto& c : courses) validate_course(grid, c, outlines, result.diagnostics);
  }
  check_shared_ids(files, sheets, corpus, courses, result.diagnostics);
  std::vector<NearDuplicateCandidate> candidates;
  for (std::size_t i = 0; i < corpus.size(); ++i)
    candidates.push_back({corpus[i].path, corpus[i].file_id, corpus[i].print, i < checked_sheets});
  for (auto& d : near_duplicate_warnings(candidates, [&](std::size_t i) { return sheet_text(corpus[i].path); }))
    result.diagnostics.push_back(std::move(d));

  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return result;
}

}  // namespace pratiques
