// The contribution form generated from the grid (sheet_form.h).
#include "pratiques/write/sheet_form.h"

#include <algorithm>
#include <set>

#include "pratiques/document.h"
#include "pratiques/pattern.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/yaml_json.h"
#include "pratiques/site/markdown.h"
#include "pratiques/site/templates.h"
#include "pratiques/text.h"
#include "pratiques/validate.h"
#include "pratiques/write/canonical.h"

namespace pratiques::write {

namespace {

constexpr int kMaxGroups = 200;  // repeated groups of one list of objects

using site::html_escape;

bool text_list(FieldType t) {
  return t == FieldType::IdentifierList || t == FieldType::TextList || t == FieldType::Communes;
}

std::string first(const FormValues& v, const std::string& name) {
  auto it = v.find(name);
  return it == v.end() || it->second.empty() ? "" : it->second.front();
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::string yaml_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter e;
  e << n;
  return e.c_str();
}

// --- Markdown → values -------------------------------------------------------------------------

// The choices of a vocabulary field as the form lists them: (value, label), hierarchical entries
// indented.
std::vector<std::pair<std::string, std::string>> choices(const Grid& grid, const FieldSpec& spec) {
  std::vector<std::pair<std::string, std::string>> out;
  if (spec.type == FieldType::DepartementCode) {
    for (const auto& [code, dep] : grid.territories.departements)
      out.emplace_back(code, dep.name + " (" + code + ")");
    return out;
  }
  if (spec.type == FieldType::RegionCode) {
    for (const auto& [code, name] : grid.territories.regions) out.emplace_back(code, name + " (" + code + ")");
    return out;
  }
  for (const auto& v : spec.vocabularies)
    if (const Vocabulary* vocab = grid.vocabulary(v))
      for (const auto& e : vocab->entries) {
        std::string label = e.label;
        if (vocab->hierarchical)
          for (std::size_t depth = vocab->lineage(e.slug).size(); depth > 1; --depth) label = "— " + label;
        out.emplace_back(e.slug, label);
      }
  return out;
}

// A vocabulary list's values in the order the form shows its check boxes, and so posts them: the
// vocabularies' order, then the values outside them as written. The form sent back unchanged then
// has the values read from the sheet (contribution_pages.cpp).
std::vector<std::string> in_form_order(const Grid& grid, const FieldSpec& spec, const std::vector<std::string>& chosen) {
  std::vector<std::string> out;
  const auto taken = [&](const std::string& value) { return std::find(out.begin(), out.end(), value) != out.end(); };
  for (const auto& [value, label] : choices(grid, spec))
    if (std::find(chosen.begin(), chosen.end(), value) != chosen.end() && !taken(value)) out.push_back(value);
  for (const auto& value : chosen)
    if (!taken(value)) out.push_back(value);
  return out;
}

void fill(const Grid& grid, const FieldSpec& spec, const YAML::Node& node, const std::string& name, FormValues& out) {
  if (!node.IsDefined() || node.IsNull()) return;
  switch (spec.type) {
    case FieldType::Object:
      if (!node.IsMap()) break;
      for (const auto& sub : spec.subfields) fill(grid, sub, child(node, sub.key), name + "." + sub.key, out);
      return;
    case FieldType::ObjectList:
      if (!node.IsSequence()) break;
      out[name + ".n"] = {std::to_string(std::min<std::size_t>(node.size(), kMaxGroups))};
      for (std::size_t i = 0; i < node.size() && i < kMaxGroups; ++i)
        if (node[i].IsMap())
          for (const auto& sub : spec.subfields)
            fill(grid, sub, child(node[i], sub.key), name + "." + std::to_string(i) + "." + sub.key, out);
      return;
    case FieldType::VocabList:
      if (node.IsSequence()) {
        std::vector<std::string> chosen;
        for (const auto& x : node) chosen.push_back(yaml_text(x));
        out[name] = in_form_order(grid, spec, chosen);
        return;
      }
      break;
    default:
      if (text_list(spec.type) && node.IsSequence()) {
        std::vector<std::string> lines;
        for (const auto& x : node) {
          // A commune {nom, insee} is one line "Lille (59350)".
          if (spec.type == FieldType::Communes && x.IsMap() && x.size() <= 2 && child(x, "nom").IsScalar() &&
              child(x, "insee").IsScalar())
            lines.push_back(child(x, "nom").Scalar() + " (" + child(x, "insee").Scalar() + ")");
          else if (spec.type == FieldType::Communes && x.IsMap() && x.size() == 1 && child(x, "insee").IsScalar())
            lines.push_back("(" + child(x, "insee").Scalar() + ")");
          else
            lines.push_back(yaml_text(x));
        }
        out[name] = {join_lines(lines)};
        return;
      }
      if (spec.type == FieldType::Boolean && node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
        out[name] = {node.Scalar() == "true" ? "oui" : "non"};
        return;
      }
  }
  out[name] = {yaml_text(node)};  // what the control cannot hold is kept as YAML text (the validator says why)
}

// --- values → Markdown -------------------------------------------------------------------------

std::optional<YAML::Node> build(const FieldSpec& spec, const std::string& name, const FormValues& v) {
  switch (spec.type) {
    case FieldType::Object: {
      YAML::Node m(YAML::NodeType::Map);
      for (const auto& sub : spec.subfields)
        if (auto n = build(sub, name + "." + sub.key, v)) m[sub.key] = *n;
      if (m.size() == 0) return std::nullopt;
      return m;
    }
    case FieldType::ObjectList: {
      const std::string count = first(v, name + ".n");
      const int n = count.size() > 0 && count.size() < 5 && std::all_of(count.begin(), count.end(), ::isdigit)
                        ? std::min(std::stoi(count), kMaxGroups)
                        : 0;
      YAML::Node seq(YAML::NodeType::Sequence);
      for (int i = 0; i < n; ++i) {
        YAML::Node m(YAML::NodeType::Map);
        for (const auto& sub : spec.subfields)
          if (auto x = build(sub, name + "." + std::to_string(i) + "." + sub.key, v)) m[sub.key] = *x;
        if (m.size() > 0) seq.push_back(m);
      }
      if (seq.size() == 0) return std::nullopt;
      return seq;
    }
    case FieldType::VocabList: {
      auto it = v.find(name);
      if (it == v.end()) return std::nullopt;
      YAML::Node seq(YAML::NodeType::Sequence);
      std::set<std::string> seen;
      for (const auto& x : it->second)
        if (const std::string t = text::trim(x); !t.empty() && seen.insert(t).second) seq.push_back(t);
      if (seq.size() == 0) return std::nullopt;
      return seq;
    }
    default: break;
  }
  std::string value = first(v, name);
  if (text_list(spec.type)) {
    YAML::Node seq(YAML::NodeType::Sequence);
    for (std::size_t start = 0; start <= value.size();) {
      const std::size_t nl = std::min(value.find('\n', start), value.size());
      const std::string line = text::trim(value.substr(start, nl - start));
      static const Pattern commune("(.*?) ?\\(([0-9][0-9AB][0-9]{3})\\)");
      std::optional<PatternMatch> m;
      if (spec.type == FieldType::Communes && (m = commune.match(line))) {
        YAML::Node c(YAML::NodeType::Map);
        if (!(*m)[1].empty()) c["nom"] = (*m)[1];
        c["insee"] = (*m)[2];
        seq.push_back(c);
      } else if (!line.empty()) {
        seq.push_back(line);
      }
      start = nl + 1;
    }
    if (seq.size() == 0) return std::nullopt;
    return seq;
  }
  for (char& c : value)
    if (c == '\n') c = ' ';  // one line: a value of the front matter
  value = text::trim(value);
  if (value.empty()) return std::nullopt;
  if (spec.type == FieldType::Boolean && (value == "oui" || value == "non")) value = value == "oui" ? "true" : "false";
  return YAML::Node(value);
}

std::string trim_lines(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == '\n' || s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == '\n' || s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// --- Diagnostics → controls --------------------------------------------------------------------

struct Located {
  int line;
  std::string name;
};

void locate(const Document& doc, const FieldSpec& spec, const YAML::Node& node, const std::string& name,
            std::vector<Located>& out) {
  if (!node.IsDefined() || node.IsNull()) return;
  out.push_back({line_of(doc, node), name});
  if (spec.type == FieldType::Object && node.IsMap())
    for (const auto& sub : spec.subfields) locate(doc, sub, child(node, sub.key), name + "." + sub.key, out);
  if (spec.type == FieldType::ObjectList && node.IsSequence())
    for (std::size_t i = 0; i < node.size() && i < kMaxGroups; ++i) {
      const std::string item = name + "." + std::to_string(i);
      out.push_back({line_of(doc, node[i]), item});
      if (node[i].IsMap())
        for (const auto& sub : spec.subfields) locate(doc, sub, child(node[i], sub.key), item + "." + sub.key, out);
    }
}

std::vector<std::string> quoted(const std::string& message) {
  std::vector<std::string> out;
  for (std::size_t at = message.find("« "); at != std::string::npos; at = message.find("« ", at + 1)) {
    const std::size_t end = message.find(" »", at);
    if (end == std::string::npos) break;
    out.push_back(message.substr(at + 3, end - at - 3));  // "« " is 3 bytes
  }
  return out;
}

// The form name of a dotted path of the grid ("territoire.nom"); `list_item` picks the group of a
// list of objects; "" when the path names no field.
std::string name_of_path(const std::vector<FieldSpec>& fields, const std::string& path, const std::string& list_item) {
  const std::vector<FieldSpec>* specs = &fields;
  std::string name = "f";
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string key = path.substr(start, dot - start);
    auto it = std::find_if(specs->begin(), specs->end(), [&](const FieldSpec& s) { return s.key == key; });
    if (it == specs->end()) return "";
    name += "." + key;
    start = dot + 1;
    if (dot >= path.size()) return name;
    if (it->type == FieldType::ObjectList) {
      if (list_item.rfind(name + ".", 0) != 0) return name;  // the list as a whole
      const std::string rest = list_item.substr(name.size() + 1);
      name += "." + rest.substr(0, rest.find('.'));
    }
    specs = &it->subfields;
  }
  return name;
}

// The grid's help as the form shows it, as HTML. Its references to the source documents
// ("(`003:1491`, `003:3238`)", "agir : `003:3016`)") are the curators', and a parenthesis naming
// vocabularies ("type ∈ `vocab:…`") repeats the choices shown: both left out; then its Markdown
// (`code`, emphasis) rendered, never shown as backticks.
std::string help_markup(const std::string& text) {
  static const std::string ref = "`[0-9]{3}:[^`]*`";
  static const std::string refs = ref + "(?:\\s*[,;]\\s*" + ref + ")*";
  static const Pattern alone(" ?\\(" + refs + "\\)"), after("\\s*:\\s*" + refs + "\\)"),
      vocabularies(" ?\\([^()]*`vocab:[^()]*\\)");
  std::string t = alone.replace_all(text, "");
  t = after.replace_all(t, ")");
  t = vocabularies.replace_all(t, "");
  return site::inline_html(t);
}

const char* status_text(Status s) {
  return s == Status::Mandatory ? "obligatoire" : s == Status::Recommended ? "recommandé" : "facultatif";
}

// --- Controls ----------------------------------------------------------------------------------

struct Renderer {
  const Grid& grid;
  const FormValues& values;
  std::map<std::string, std::vector<const Diagnostic*>> by_name;
  std::set<std::string> locked;
  std::set<std::string> hidden;
  std::string out;
  // Whether an empty control is what the validator reports as missing (cle-obligatoire): a
  // mandatory field whose enclosing objects are mandatory, outside lists of objects (an item's
  // fields are required only once the item exists) and not conditional (sans_objet_si).
  bool required_here = true;
  // The group a field is in, for its accessible name ("Titre" of a source is « Titre (Sources n° 1) »,
  // not a second « Titre (obligatoire) »), and when its mandatory value is due, if not always.
  std::string group{};
  const char* due_if = "";

  // The rules of the live checks (formulaire.js), written from the grid with the validator's own
  // messages and rule ids: data-requis (a mandatory value), data-longueur (the grid's maximum).
  static std::string grid_path(const std::string& name) {
    std::string path;
    std::size_t start = 2;  // after "f."
    while (start <= name.size()) {
      const std::size_t dot = std::min(name.find('.', start), name.size());
      const std::string part = name.substr(start, dot - start);
      if (!part.empty() && part.find_first_not_of("0123456789") != std::string::npos)
        path += (path.empty() ? "" : ".") + part;
      start = dot + 1;
    }
    return path;
  }
  std::string live_rules(const FieldSpec& spec, const std::string& name) const {
    std::string a;
    if (required_here && spec.status == Status::Mandatory && spec.not_applicable_key.empty() && name != "f.id")
      a += " data-requis=\"" + html_escape(missing_key_message(grid_path(name), spec.label)) +
           "\" data-requis-regle=\"cle-obligatoire\"";
    if (spec.max_length && spec.type == FieldType::Text)
      a += " data-longueur=\"" + std::to_string(*spec.max_length) + "\" data-longueur-message=\"" +
           html_escape(length_message(grid_path(name), "{n}", *spec.max_length)) + "\"";
    return a;
  }

  std::string errors_html(const std::string& name, const std::string& id) {
    auto it = by_name.find(name);
    if (it == by_name.end()) return "";
    std::string h = "<ul class=\"erreurs-champ\" id=\"" + id + "-erreurs\">";
    for (const Diagnostic* d : it->second)
      h += std::string("<li class=\"") + (d->severity == Severity::Error ? "erreur" : "avertissement") + "\">" +
           (d->severity == Severity::Error ? "Erreur : " : "Avertissement : ") + html_escape(d->message) +
           " <span class=\"regle\">[" + html_escape(d->rule) + "]</span></li>";
    return h + "</ul>";
  }

  // aria-describedby (help, diagnostics) and aria-invalid of a control.
  std::string described(const std::string& name, const std::string& id, bool help) {
    std::string ids = help ? id + "-aide" : "";
    bool error = false;
    if (auto it = by_name.find(name); it != by_name.end()) {
      ids += (ids.empty() ? "" : " ") + id + "-erreurs";
      for (const Diagnostic* d : it->second) error = error || d->severity == Severity::Error;
    }
    return (ids.empty() ? "" : " aria-describedby=\"" + ids + "\"") + (error ? " aria-invalid=\"true\"" : "");
  }

  std::string help_html(const FieldSpec& spec, const std::string& id, const std::string& extra = "") {
    std::string text = spec.definition;
    if (!extra.empty()) text += (text.empty() ? "" : " ") + extra;
    return text.empty() ? "" : "<p class=\"aide\" id=\"" + id + "-aide\">" + help_markup(text) + "</p>";
  }

  std::string label_text(const FieldSpec& spec) {
    const bool due_always = spec.status != Status::Mandatory || required_here;
    return html_escape(spec.label.empty() ? spec.key : spec.label) +
           (group.empty() ? "" : " <span class=\"vh\">(" + html_escape(group) + ")</span>") +
           " <span class=\"statut\">(" + status_text(spec.status) + (due_always ? "" : std::string(" ") + due_if) +
           ")</span>";
  }

  void field(const FieldSpec& spec, const std::string& name) {
    if (hidden.count(name)) return;
    const std::string id = control_id(name);
    switch (spec.type) {
      case FieldType::Object: {
        out += "<fieldset class=\"groupe\" id=\"" + id + "\"" + described(name, id, !spec.definition.empty()) +
               "><legend>" + label_text(spec) + "</legend>" + help_html(spec, id) + errors_html(name, id);
        const bool outer = required_here;
        const std::string outer_group = group;
        const char* outer_due = due_if;
        required_here = outer && spec.status == Status::Mandatory && spec.not_applicable_key.empty();
        group = spec.label.empty() ? spec.key : spec.label;
        due_if = "si ce groupe est rempli";
        for (const auto& sub : spec.subfields) field(sub, name + "." + sub.key);
        required_here = outer;
        group = outer_group;
        due_if = outer_due;
        out += "</fieldset>\n";
        return;
      }
      case FieldType::ObjectList: {
        int n = 0;
        if (const std::string c = first(values, name + ".n"); !c.empty() && c.size() < 5) n = std::stoi(c);
        out += "<fieldset class=\"groupe\" id=\"" + id + "\"" + described(name, id, true) + "><legend>" +
               label_text(spec) + "</legend>" +
               help_html(
                   spec, id,
                   "Un groupe par élément ; le dernier, vide, en ajoute un (enregistrez pour en obtenir un autre).") +
               errors_html(name, id);
        const int groups = std::min(n + 1, kMaxGroups);
        const bool outer = required_here;
        const std::string outer_group = group;
        const char* outer_due = due_if;
        required_here = false;
        due_if = "si cet élément est rempli";
        for (int i = 0; i < groups; ++i) {
          group = spec.label.empty() ? spec.key : spec.label;
          group += i < n ? " n° " + std::to_string(i + 1) : ", nouvel élément";
          const std::string item = name + "." + std::to_string(i);
          const std::string item_id = control_id(item);
          out += "<fieldset class=\"element\" id=\"" + item_id + "\"" + described(item, item_id, false) + "><legend>" +
                 html_escape(spec.label) + (i < n ? " n° " + std::to_string(i + 1) : " : ajouter") + "</legend>" +
                 errors_html(item, item_id);
          for (const auto& sub : spec.subfields) field(sub, item + "." + sub.key);
          out += "</fieldset>\n";
        }
        required_here = outer;
        group = outer_group;
        due_if = outer_due;
        out += "<input type=\"hidden\" name=\"" + html_escape(name) + ".n\" value=\"" + std::to_string(groups) +
               "\"></fieldset>\n";
        return;
      }
      case FieldType::VocabList: {
        std::vector<std::string> chosen;
        if (auto it = values.find(name); it != values.end()) chosen = it->second;
        out += "<fieldset class=\"choix\" id=\"" + id + "\"" + described(name, id, !spec.definition.empty()) +
               live_rules(spec, name) + "><legend>" + label_text(spec) + "</legend>" + help_html(spec, id) +
               errors_html(name, id) + "<ul>";
        auto box = [&](const std::string& value, const std::string& label, int k) {
          const bool on = std::find(chosen.begin(), chosen.end(), value) != chosen.end();
          out += "<li><input type=\"checkbox\" id=\"" + id + "-" + std::to_string(k) + "\" name=\"" +
                 html_escape(name) + "\" value=\"" + html_escape(value) + "\"" + (on ? " checked" : "") +
                 "> <label for=\"" + id + "-" + std::to_string(k) + "\">" + html_escape(label) + "</label></li>";
        };
        int k = 0;
        std::set<std::string> known;
        for (const auto& [value, label] : choices(grid, spec)) {
          box(value, label, k++);
          known.insert(value);
        }
        for (const auto& value : chosen)
          if (!known.count(value)) box(value, value + " (hors du vocabulaire)", k++);
        out += "</ul></fieldset>\n";
        return;
      }
      default: break;
    }
    const std::string value = first(values, name);
    // A date's forms, as the validator accepts them (rule « date »): said in its help, which stays
    // in view and is read with the field, not in a placeholder that typing removes.
    const std::string extra = spec.type == FieldType::Date
                                  ? "Format : AAAA-MM-JJ, AAAA-MM ou AAAA (par exemple 2019-09-15, 2019-09 ou 2019)."
                                  : "";
    out += "<div class=\"champ\"><label for=\"" + id + "\">" + label_text(spec) + "</label>" +
           help_html(spec, id, extra) + errors_html(name, id);
    std::string attrs = " id=\"" + id + "\" name=\"" + html_escape(name) + "\"" +
                        described(name, id, !spec.definition.empty() || !extra.empty());
    if (locked.count(name)) {
      out += "<input" + attrs + " value=\"" + html_escape(value) + "\" readonly></div>\n";
      return;
    }
    attrs += live_rules(spec, name);
    if (spec.type == FieldType::Vocab || spec.type == FieldType::DepartementCode ||
        spec.type == FieldType::RegionCode || spec.type == FieldType::Boolean) {
      std::vector<std::pair<std::string, std::string>> options =
          spec.type == FieldType::Boolean
              ? std::vector<std::pair<std::string, std::string>>{{"oui", "Oui"}, {"non", "Non"}}
              : choices(grid, spec);
      if (!options.empty() || spec.type == FieldType::Boolean) {
        out += "<select" + attrs + "><option value=\"\">— Choisir —</option>";
        bool found = value.empty();
        for (const auto& [v, label] : options) {
          out += "<option value=\"" + html_escape(v) + "\"" + (v == value ? " selected" : "") + ">" +
                 html_escape(label) + "</option>";
          found = found || v == value;
        }
        if (!found)
          out += "<option value=\"" + html_escape(value) + "\" selected>" + html_escape(value) +
                 " (hors du vocabulaire)</option>";
        out += "</select></div>\n";
        return;
      }
    }
    if (text_list(spec.type)) {
      out +=
          "<textarea" + attrs + " rows=\"3\">" + html_escape(value) + "</textarea><p class=\"aide\">" +
          (spec.type == FieldType::Communes ? "Une commune par ligne, son code INSEE entre parenthèses : Lille (59350)."
                                            : "Une valeur par ligne.") +
          "</p></div>\n";
      return;
    }
    if (spec.type == FieldType::Text && spec.max_length && *spec.max_length > 200) {
      out += "<textarea" + attrs + " rows=\"4\" maxlength=\"" + std::to_string(*spec.max_length) + "\">" +
             html_escape(value) + "</textarea></div>\n";
      return;
    }
    std::string type = "text";
    if (spec.type == FieldType::Date || spec.type == FieldType::Integer) type = "text\" inputmode=\"numeric";
    out += "<input type=\"" + type + "\"" + attrs + " value=\"" + html_escape(value) + "\" maxlength=\"" +
           std::to_string(spec.max_length ? *spec.max_length : 2000) + "\"></div>\n";
  }

  void section(const SectionSpec& s) {
    const std::string name = "s." + s.key;
    const std::string id = control_id(name);
    std::string help = s.definition;
    out += "<div class=\"champ section\"><label for=\"" + id + "\">" + std::to_string(s.number) + ". " +
           html_escape(s.title) + " <span class=\"statut\">(" + status_text(s.status) +
           ")</span></label><div class=\"aide\" id=\"" + id + "-aide\"><p>" + help_markup(s.definition) + "</p>";
    if (!s.questions.empty()) {
      out += "<ul>";
      for (const auto& q : s.questions) out += "<li>" + help_markup(q) + "</li>";
      out += "</ul>";
    }
    // An empty mandatory section is left out of the Markdown: the validator reports it missing.
    const bool methode = first(values, "f.type_fiche") == "methode";
    const std::string live = section_status(s, methode) == Status::Mandatory
                                 ? " data-requis=\"" + html_escape(missing_section_message(s)) +
                                       "\" data-requis-regle=\"section-obligatoire\""
                                 : "";
    out += "</div>" + errors_html(name, id) + "<textarea" + (" id=\"" + id + "\" name=\"" + name + "\"") +
           described(name, id, true) + live + " rows=\"8\">" + html_escape(first(values, name)) + "</textarea></div>\n";
  }
};

}  // namespace

std::string control_id(const std::string& name) {
  std::string id = name.rfind("f.", 0) == 0   ? "c-" + name.substr(2)
                   : name.rfind("s.", 0) == 0 ? "s-" + name.substr(2)
                                              : name;
  for (char& c : id)
    if (c == '.' || c == '_') c = '-';
  return id;
}

FormValues form_values(const Grid& grid, const std::string& markdown, Kind kind) {
  const DocumentFormat& format = format_of(grid, kind);
  FormValues out;
  Diagnostics ignored;
  const Document doc = parse_document("fiche.md", markdown, ignored);
  if (!doc.readable) return out;
  for (const auto& spec : format.fields) fill(grid, spec, child(doc.front, spec.key), "f." + spec.key, out);
  for (const auto& s : doc.sections)
    if (const SectionSpec* spec = format.section_by_title(s.title)) out["s." + spec->key] = {trim_lines(s.markdown)};
  return out;
}

FormValues form_values(const FormFields& posted) {
  FormValues out;
  for (const auto& [k, v] : posted)
    if (k.rfind("f.", 0) == 0 || k.rfind("s.", 0) == 0) out[k].push_back(v);
  return out;
}

std::vector<std::string> curator_fields(const Grid& grid, Kind kind) {
  std::vector<std::string> out;
  if (const FieldSpec* curation = format_of(grid, kind).field("curation"))
    for (const auto& sub : curation->subfields)
      if (sub.key != "consentement") out.push_back("f.curation." + sub.key);
  return out;
}

namespace {

// The keys of a form name's field in the front matter ("f.curation.curateur" → curation, curateur).
std::vector<std::string> front_path(const std::string& name) {
  std::vector<std::string> keys;
  std::size_t from = name.starts_with("f.") ? 2 : 0;
  for (std::size_t dot; (dot = name.find('.', from)) != std::string::npos; from = dot + 1)
    keys.push_back(name.substr(from, dot - from));
  keys.push_back(name.substr(from));
  return keys;
}

// The node at `keys` under `n` (null when absent).
YAML::Node node_at(const YAML::Node& n, const std::vector<std::string>& keys, std::size_t i = 0) {
  return i == keys.size() ? n : node_at(child(n, keys[i]), keys, i + 1);
}

// Sets `keys` of `front` to a copy of `value`, or removes it when `value` is null (then the maps it
// leaves empty too). Nodes are never assigned to one another: yaml-cpp would alias them.
void set_at(YAML::Node front, const std::vector<std::string>& keys, const YAML::Node& value, std::size_t i = 0) {
  const std::string& key = keys[i];
  if (i + 1 == keys.size()) {
    if (value.IsNull())
      front.remove(key);
    else
      front[key] = YAML::Clone(value);
    return;
  }
  if (!child(front, key).IsMap()) {
    if (value.IsNull()) return;
    front[key] = YAML::Node(YAML::NodeType::Map);
  }
  YAML::Node inner = front[key];
  set_at(inner, keys, value, i + 1);
  if (inner.size() == 0) front.remove(key);
}

}  // namespace

KeptFields keep_fields(const Grid& grid, const std::string& sent, const std::string& base, Kind kind,
                       const std::vector<std::string>& kept) {
  KeptFields out{sent, {}};
  Diagnostics ignored;
  Document doc = parse_document("fiche.md", sent, ignored);
  if (kept.empty() || !doc.readable || !doc.front.IsMap()) return out;  // an unreadable text: refused as it is
  const Document before = parse_document("fiche.md", base, ignored);
  // Compared as the form reads them: the same values, whatever their quoting.
  const FormValues sent_values = form_values(grid, sent, kind), base_values = form_values(grid, base, kind);
  auto values_under = [](const FormValues& values, const std::string& name) {
    FormValues subset;
    for (const auto& [k, v] : values)
      if (k == name || k.starts_with(name + ".")) subset[k] = v;
    return subset;
  };
  for (const auto& name : kept) {
    if (values_under(sent_values, name) == values_under(base_values, name)) continue;
    out.ignored.push_back(name);
    set_at(doc.front, front_path(name), before.readable ? node_at(before.front, front_path(name)) : YAML::Node());
  }
  if (!out.ignored.empty()) out.markdown = canonical_markdown(grid, doc, kind);
  return out;
}

std::string field_label(const Grid& grid, const std::string& name, Kind kind) {
  const std::vector<std::string> keys = front_path(name);
  const FieldSpec* spec = format_of(grid, kind).field(keys.front());
  for (std::size_t i = 1; spec && i < keys.size(); ++i) spec = spec->sub(keys[i]);
  return spec && !spec->label.empty() ? spec->label : name;
}

std::string item_label(const Grid& grid, const std::string& name, Kind kind) {
  const std::vector<std::string> keys = front_path(name);
  const std::vector<FieldSpec>* specs = &format_of(grid, kind).fields;
  std::string label;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto it = std::find_if(specs->begin(), specs->end(), [&](const FieldSpec& s) { return s.key == keys[i]; });
    if (it == specs->end()) break;
    if (it->type == FieldType::ObjectList && i + 1 < keys.size() && !keys[i + 1].empty() && keys[i + 1].size() < 5 &&
        keys[i + 1].find_first_not_of("0123456789") == std::string::npos) {
      label = (it->label.empty() ? it->key : it->label) + " n° " + std::to_string(std::stoi(keys[i + 1]) + 1);
      ++i;  // the item's number
    }
    specs = &it->subfields;
  }
  return label;
}

std::string form_markdown(const Grid& grid, const FormValues& posted, const std::string& base, Kind kind,
                          const std::vector<std::string>& kept) {
  const DocumentFormat& format = format_of(grid, kind);
  FormValues values = posted;
  if (!kept.empty()) {  // not in the form: the version edited's values, whatever was posted
    const FormValues before = form_values(grid, base, kind);
    auto under = [&](const std::string& k) {
      return std::any_of(kept.begin(), kept.end(),
                         [&](const std::string& name) { return k == name || k.starts_with(name + "."); });
    };
    std::erase_if(values, [&](const auto& v) { return under(v.first); });
    for (const auto& [k, v] : before)
      if (under(k)) values[k] = v;
  }
  Diagnostics ignored;
  const Document before = parse_document("fiche.md", base, ignored);
  YAML::Node front(YAML::NodeType::Map);
  std::set<std::string> known;
  for (const auto& spec : format.fields) known.insert(spec.key);
  if (before.readable && before.front.IsMap())  // keys the grid does not know: kept as they were
    for (auto it = before.front.begin(); it != before.front.end(); ++it)
      if (it->first.IsScalar() && !known.count(it->first.Scalar())) front[it->first.Scalar()] = it->second;
  for (const auto& spec : format.fields)
    if (auto n = build(spec, "f." + spec.key, values)) front[spec.key] = *n;
  std::string md = "---\n" + (front.size() ? canonical_front_matter(grid, front, kind) : std::string()) + "---\n";
  if (before.readable && !trim_lines(before.preamble).empty()) md += "\n" + trim_lines(before.preamble) + "\n";
  for (const auto& s : format.sections)
    if (const std::string text = trim_lines(first(values, "s." + s.key)); !text.empty())
      md += "\n## " + s.title + "\n\n" + text + "\n";
  if (before.readable)
    for (const auto& s : before.sections)
      if (!format.section_by_title(s.title)) md += "\n## " + s.title + "\n\n" + trim_lines(s.markdown) + "\n";
  return md;
}

std::vector<PlacedDiagnostic> place_diagnostics(const Grid& grid, const std::string& markdown,
                                                const Diagnostics& diagnostics, Kind kind) {
  const DocumentFormat& format = format_of(grid, kind);
  Diagnostics ignored;
  const Document doc = parse_document("fiche.md", markdown, ignored);
  std::vector<Located> at;
  if (doc.readable)
    for (const auto& spec : format.fields) locate(doc, spec, child(doc.front, spec.key), "f." + spec.key, at);
  // The located name on `line` (the deepest), or the nearest one before it.
  auto by_line = [&](int line, const std::string& prefix) {
    std::string best;
    int best_line = 0;
    for (const auto& l : at)
      if (l.line <= line && l.name.rfind(prefix, 0) == 0 &&
          (l.line > best_line || (l.line == best_line && l.name.size() > best.size()))) {
        best = l.name;
        best_line = l.line;
      }
    return best;
  };
  // The deepest name located on `line` itself ("" when none).
  auto at_line = [&at](int line) {
    std::string best;
    for (const auto& l : at)
      if (l.line == line && l.name.size() > best.size()) best = l.name;
    return best;
  };
  // A whole list of objects ("f.seances"), which a message may quote as what it refers to.
  auto whole_list = [&format](const std::string& name) {
    return std::any_of(format.fields.begin(), format.fields.end(),
                       [&name](const FieldSpec& s) { return s.type == FieldType::ObjectList && "f." + s.key == name; });
  };
  std::vector<PlacedDiagnostic> out;
  for (const auto& d : diagnostics) {
    // A refusal about the title, worded for people (« Donnez au moins un titre. »): its field by its rule.
    std::string name = d.rule == "titre-absent" ? "f.titre" : "";
    for (const auto& q : quoted(d.message)) {
      if (q.rfind("## ", 0) == 0) {
        if (const SectionSpec* s = format.section_by_title(q.substr(3))) name = "s." + s->key;
      } else if (q.find_first_of(" /") == std::string::npos) {
        const std::string top = "f." + q.substr(0, q.find('.'));
        name = name_of_path(format.fields, q, by_line(d.line, top + "."));
      }
      if (!name.empty()) break;
    }
    // « seances » in "étape : aucune séance numéro 3 dans « seances »" is where the message looked,
    // not the field in error: the one on the diagnostic's line, outside that list (the step's séance).
    // A list missing or empty (« redacteurs » absent) is the field in error: its own group, never
    // the field the front matter's first line holds (the title, the id).
    const bool missing = d.rule == "cle-obligatoire" || d.rule == "cle-recommandee";
    if (!missing && whole_list(name))
      if (const std::string here = at_line(d.line); !here.empty() && here.rfind(name + ".", 0) != 0) name = here;
    if (name.empty() && doc.readable && d.line >= doc.body_line && doc.body_line > 0) {
      const BodySection* current = nullptr;
      for (const auto& s : doc.sections)
        if (s.line <= d.line) current = &s;
      if (current)
        if (const SectionSpec* s = format.section_by_title(current->title)) name = "s." + s->key;
    } else if (name.empty() && doc.readable && d.line > 1) {
      name = by_line(d.line, "f.");
    }
    out.push_back({name, d});
  }
  return out;
}

FormHtml form_html(const Grid& grid, const FormValues& values, const std::vector<PlacedDiagnostic>& placed,
                   const std::vector<std::string>& locked, Kind kind, const std::vector<std::string>& hidden) {
  const DocumentFormat& format = format_of(grid, kind);
  Renderer r{grid, values, {}, {locked.begin(), locked.end()}, {hidden.begin(), hidden.end()}, {}};
  for (const auto& p : placed)
    if (!p.name.empty()) r.by_name[p.name].push_back(&p.diagnostic);
  FormHtml h;
  for (const auto& spec : format.fields) r.field(spec, "f." + spec.key);
  h.fields = std::move(r.out);
  r.out.clear();
  for (const auto& s : format.sections) r.section(s);
  h.sections = std::move(r.out);
  return h;
}

namespace {

// A draft's parsed text and its page in the site's model (a Sheet or a Course) with its id, front
// matter and title; none when the front matter cannot be read.
template <class Page>
std::optional<std::pair<Document, Page>> preview_of(const std::string& folder, const std::string& id,
                                                    const std::string& markdown) {
  Diagnostics ignored;
  std::pair<Document, Page> out{parse_document(folder + "/" + id + ".md", markdown, ignored), Page{}};
  if (!out.first.readable || !out.first.front.IsMap()) return std::nullopt;
  out.second.id = id;
  out.second.front = site::parse_object(yaml_to_json(out.first.front));
  out.second.title = site::json_string(out.second.front, "titre");
  return out;
}

}  // namespace

std::optional<site::Sheet> preview_sheet(const Grid& grid, const std::string& markdown, const std::string& sheet_id) {
  auto parsed = preview_of<site::Sheet>("fiches", sheet_id, markdown);
  if (!parsed) return std::nullopt;
  const Document& doc = parsed->first;
  site::Sheet& s = parsed->second;
  s.summary = site::json_string(s.front, "en_bref");
  s.type = site::json_string(s.front, "type_fiche");
  s.date_start = site::json_string(s.front, "periode.debut");
  s.date_published = site::json_string(s.front, "curation.date_publication");
  s.date_reviewed = site::json_string(s.front, "curation.date_derniere_revue");
  for (const auto& b : doc.sections)
    if (const SectionSpec* spec = grid.sheet.section_by_title(b.title))
      s.sections.push_back({spec->key, spec->title, spec->anchor, b.markdown, spec->number, b.undocumented});
  std::stable_sort(s.sections.begin(), s.sections.end(),
                   [](const site::Section& a, const site::Section& b) { return a.ord < b.ord; });
  try {
    s.values = sheet_facet_values(facet_space(grid), doc.front, grid.territories);
  } catch (const GridError&) {
  }
  for (const auto& l : site::json_objects(s.front, "fiches_liees"))
    s.links.push_back({l->optValue<std::string>("id", ""), l->optValue<std::string>("relation", "")});
  s.display_title = s.title;
  s.place = site::json_string(s.front, "territoire.nom");
  return std::move(s);
}

std::optional<site::Course> preview_course(const Grid& grid, const std::string& markdown,
                                           const std::string& course_id) {
  auto parsed = preview_of<site::Course>("parcours", course_id, markdown);
  if (!parsed) return std::nullopt;
  const Document& doc = parsed->first;
  site::Course& c = parsed->second;
  c.body = doc.preamble;
  int ord = 0;
  for (const auto& b : doc.sections) {  // as the catalogue stores a course's sections
    const SectionSpec* spec = grid.course.section_by_title(b.title);
    c.sections.push_back({spec ? spec->key : text::slugify(b.title), b.title,
                          spec ? spec->anchor : text::slugify(b.title), b.markdown, ord++, false});
  }
  return std::move(c);
}

}  // namespace pratiques::write
