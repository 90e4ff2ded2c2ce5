#include "pratiques/site/grid_page.h"

#include <Poco/JSON/Array.h>

#include <set>

#include "pratiques/site/layout.h"
#include "pratiques/site/markdown.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

std::string status_text(const std::string& code, bool feminine) {
  if (code == "M") return feminine ? "obligatoire" : "obligatoire";
  if (code == "R") return feminine ? "recommandée" : "recommandé";
  return feminine ? "optionnelle" : "optionnel";
}

std::vector<JsonObject> objects(const JsonObject& o, const std::string& key) {
  std::vector<JsonObject> out;
  auto a = o ? o->getArray(key) : nullptr;
  for (std::size_t i = 0; a && i < a->size(); ++i)
    if (auto x = a->getObject(static_cast<unsigned>(i))) out.push_back(x);
  return out;
}

void add_fields(List& rows, const JsonObject& field, const std::string& prefix, const ForeignTerms& foreign) {
  const std::string key = prefix + field->optValue<std::string>("cle", "");
  Object o;
  put_text(o, "label", field->optValue<std::string>("libelle", ""));
  o["key"] = Data(key);
  o["status"] = Data(status_text(field->optValue<std::string>("statut", "O"), false));
  o["definition"] = Data(inline_html(field->optValue<std::string>("definition", ""), &foreign));
  rows.push_back(Data(o));
  for (const auto& sub : objects(field, "sous_champs")) add_fields(rows, sub, key + ".", foreign);
}

}  // namespace

void render_grid_page(const Context& ctx, OutputWriter& out) {
  const JsonObject grid = ctx.data.grid;
  Object page;
  put_text(page, "title", grid ? grid->optValue<std::string>("titre", "La grille") : "La grille");
  page["version"] = Data(grid ? grid->optValue<std::string>("version", "") : "");
  const JsonObject sheet = grid ? grid->getObject("fiche") : nullptr;
  List parts;
  std::string example;
  for (const auto& p : objects(grid, "parties")) {
    const std::string code = p->optValue<std::string>("code", "");
    if (!url_safe(code)) continue;
    Object part;
    part["code"] = Data(code);
    put_text(part, "title", p->optValue<std::string>("titre", ""));
    List sections;
    for (const auto& s : objects(sheet, "sections")) {
      if (s->optValue<std::string>("partie", "") != code) continue;
      const std::string anchor = s->optValue<std::string>("ancre", "");
      if (!url_safe(anchor)) continue;
      if (example.empty() || anchor == "freins-et-difficultes") example = anchor;
      Object o;
      o["anchor"] = Data(anchor);
      o["number"] = Data(std::to_string(s->optValue<int>("numero", 0)));
      put_text(o, "title", s->optValue<std::string>("titre", ""));
      o["status"] = Data(status_text(s->optValue<std::string>("statut", "O"), true));
      put(o, "prefix", s->optValue<std::string>("prefixe", ""));
      o["definition"] = Data(markdown_to_html(s->optValue<std::string>("definition", ""), 4, &ctx.data.foreign_terms));
      List questions;
      if (auto q = s->getArray("questions"))
        for (std::size_t i = 0; i < q->size(); ++i) {
          Object item;
          item["html"] = Data(inline_html(q->getElement<std::string>(static_cast<unsigned>(i)), &ctx.data.foreign_terms));
          questions.push_back(Data(item));
        }
      Object qs;
      qs["items"] = Data(questions);
      o["questions"] = questions.empty() ? Data(false) : Data(qs);
      sections.push_back(Data(o));
    }
    part["sections"] = Data(sections);
    parts.push_back(Data(part));
  }
  page["parts"] = Data(parts);
  page["example_anchor"] = Data(example.empty() ? std::string("freins-et-difficultes") : example);
  List fields;
  for (const auto& f : objects(sheet, "champs")) add_fields(fields, f, "", ctx.data.foreign_terms);
  page["fields"] = Data(fields);
  List rules;
  for (const auto& r : objects(grid, "regles")) {
    Object o;
    o["html"] = Data(inline_html(r->optValue<std::string>("texte", ""), &ctx.data.foreign_terms));
    rules.push_back(Data(o));
  }
  page["has_rules"] = Data(!rules.empty());
  page["rules"] = Data(rules);
  const JsonObject course = grid ? grid->getObject("parcours") : nullptr;
  List course_fields;
  for (const auto& f : objects(course, "champs")) add_fields(course_fields, f, "", ctx.data.foreign_terms);
  page["course_fields"] = Data(course_fields);
  std::string course_sections;
  for (const auto& s : objects(course, "sections"))
    course_sections += (course_sections.empty() ? "« " : ", « ") + s->optValue<std::string>("titre", "") + " »";
  put_text(page, "course_sections", course_sections);

  PageMeta meta;
  meta.title = "La grille de capitalisation";
  meta.description =
      "La grille commune des fiches Pratiques : parties, sections, questions-guides, métadonnées et règles de "
      "validation.";
  meta.path = "/grille/";
  meta.nav = "grille";
  out.write("grille/index.html", render_page(ctx, meta, ctx.templates.render("grid", Data(page))));
}

namespace {

// The publisher identity of the legal notice, from the options (never from the content): each item
// with its value, or "Non renseigné".
Data legal_notice(const LegalNotice& legal) {
  List items;
  auto item = [&items](std::string_view label, const std::string& value, const std::string& href = {}) {
    Data o = object();
    put_text(o, "label", label);
    put_text(o, "value", value);
    put(o, "href", value.empty() ? "" : href);
    items.push_back(std::move(o));
  };
  item("Éditeur", legal.publisher);
  item("Directeur ou directrice de la publication", legal.director);
  item("Contact", legal.contact, "mailto:" + legal.contact);
  item("Hébergeur", legal.host);
  Data o = object();
  o["items"] = Data(items);
  o["complete"] = Data(legal.complete());
  return o;
}

}  // namespace

void render_text_pages(const Context& ctx, OutputWriter& out) {
  static const std::set<std::string> reserved = {
      "fiches", "parcours", "thematiques", "publics", "modes",        "porteurs", "regions",    "departements", "carte",
      "grille", "assets",   "recherche",   "api",     "plan-du-site", "donnees",  "couverture", "vocabulaires", "oai"};
  for (const auto& p : ctx.data.pages) {
    if (reserved.count(p.id)) continue;
    Object page;
    put_marked(page, ctx, "title", p.title);
    put_marked(page, ctx, "summary", json_string(p.front, "resume"));
    page["html"] = Data(markdown_to_html(p.body, 2, &ctx.data.foreign_terms));
    page["legal"] = p.id == kLegalNoticePage ? legal_notice(ctx.options.pages.legal) : Data(false);
    if (p.id == kAccessibilityPage) {
      Data contact = object();
      put(contact, "address", ctx.options.pages.legal.contact);
      page["contact"] = std::move(contact);
    } else {
      page["contact"] = Data(false);
    }
    PageMeta meta;
    meta.title = p.title;
    meta.description = excerpt(json_string(p.front, "resume"), 300);
    meta.path = "/" + p.id + "/";
    meta.nav = p.id;
    out.write(p.id + "/index.html", render_page(ctx, meta, ctx.templates.render("page", Data(page))));
  }
}

}  // namespace pratiques::site
