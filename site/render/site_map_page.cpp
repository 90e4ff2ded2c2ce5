#include "pratiques/site/site_map_page.h"

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

Data link(const std::string& href, std::string_view label, const std::string& note = {}) {
  Data o = object();
  o["href"] = Data(href);
  put_text(o, "label", label);
  put(o, "note", note);
  return o;
}

}  // namespace

void render_site_map(const Context& ctx, OutputWriter& out) {
  List sections;
  sections.push_back(link("/", "Accueil"));
  sections.push_back(link("/recherche", "Rechercher une pratique"));
  sections.push_back(link("/carte/", "Carte des fiches"));
  sections.push_back(link("/grille/", "La grille de capitalisation"));
  sections.push_back(link("/vocabulaires/", "Les vocabulaires (SKOS)"));
  sections.push_back(link("/donnees/", "Données ouvertes (CSV, JSON, OAI-PMH)"));
  sections.push_back(link("/couverture/", "Couverture de la collection"));
  for (const auto& p : ctx.data.pages)
    if (url_safe(p.id)) sections.push_back(link("/" + p.id + "/", p.title));
  sections.push_back(link("/feed.xml", "Flux Atom des nouveautés"));
  sections.push_back(link("/sitemap.xml", "Plan du site pour les moteurs de recherche (XML)"));

  List groups;
  for (const auto& b : browse_facets()) {
    const Facet* facet = ctx.data.facet(b.key);
    if (!facet || facet->segment.empty()) continue;
    List values;
    for (const auto& v : facet->values)
      if (!v.sheets.empty())
        values.push_back(link(facet_path(facet->segment, v.value), v.label.empty() ? v.value : v.label,
                              fr_count(static_cast<long long>(v.sheets.size()), "fiche", "fiches")));
    if (values.empty()) continue;
    Data g = object();
    g["href"] = Data(facet_path(facet->segment));
    put_text(g, "title", b.title);
    g["id"] = Data("plan-" + std::string(b.segment));
    g["links"] = Data(values);
    groups.push_back(std::move(g));
  }
  if (!ctx.data.courses.empty()) {
    List courses;
    for (const auto& c : ctx.data.courses) courses.push_back(link(course_path(c.id), c.title));
    Data g = object();
    g["href"] = Data("/parcours/");
    put_text(g, "title", "Parcours de formation");
    g["id"] = Data("plan-parcours");
    g["links"] = Data(courses);
    groups.push_back(std::move(g));
  }

  Data page = object();
  page["sections"] = Data(sections);
  page["groups"] = Data(groups);
  PageMeta meta;
  meta.title = "Plan du site";
  meta.description = "Toutes les rubriques de Pratiques : recherche, thématiques, publics, territoires, parcours de formation, pages d’information.";
  meta.path = "/plan-du-site/";
  out.write("plan-du-site/index.html", render_page(ctx, meta, ctx.templates.render("site_map", page)));
}

}  // namespace pratiques::site
