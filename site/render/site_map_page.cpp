#include "pratiques/site/site_map_page.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "pratiques/catalogue.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/pagination.h"
#include "pratiques/text.h"
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

// A titled group of links: {href, title, id, links}.
Data group(const std::string& href, std::string_view title, const std::string& id, const List& links) {
  Data g = object();
  g["href"] = Data(href);
  put_text(g, "title", title);
  g["id"] = Data(id);
  g["links"] = Data(links);
  return g;
}

}  // namespace

void render_site_map(const Context& ctx, OutputWriter& out, Catalog* cat) {
  // Counts per browse value, and every sheet's title: from ctx.data in a full build, from the
  // catalogue in a targeted one (its SiteData holds only the sheets it renders).
  std::map<std::pair<std::string, std::string>, std::size_t> counts;
  std::vector<std::pair<std::string, std::string>> sheets;  // (title, id)
  if (cat) {
    for (const auto& v : catalogue::value_counts(*cat)) counts[{v.facet, v.value}] = v.sheets;
    catalogue::each_sheet_title(*cat, [&sheets](const std::string& id, const std::string& title) {
      if (url_safe(id)) sheets.emplace_back(title, id);
    });
  } else {
    for (const auto& f : ctx.data.facets)
      for (const auto& v : f.values) counts[{f.key, v.value}] = v.sheets.size();
    for (const auto& sh : ctx.data.sheets) sheets.emplace_back(sh.title, sh.id);
  }

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
    for (const auto& v : facet->values) {
      const auto n = counts.find({facet->key, v.value});
      if (n == counts.end() || n->second == 0) continue;
      // Its first page, which links to the others (sitemap.xml names each one).
      const std::size_t pages = page_count(n->second, ctx.options.pages.list_page_sheets);
      values.push_back(link(facet_path(facet->segment, v.value), v.label.empty() ? v.value : v.label,
                            fr_count(static_cast<long long>(n->second), "fiche", "fiches") +
                                (pages > 1 ? ", " + fr_count(static_cast<long long>(pages), "page", "pages") : "")));
    }
    if (values.empty()) continue;
    groups.push_back(group(facet_path(facet->segment), b.title, "plan-" + std::string(b.segment), values));
  }
  if (!ctx.data.courses.empty()) {
    List courses;
    for (const auto& c : ctx.data.courses) courses.push_back(link(course_path(c.id), c.title));
    groups.push_back(group("/parcours/", "Parcours de formation", "plan-parcours", courses));
  }

  // Every sheet A to Z (accents, case and opening quotes ignored), up to kSiteMapSheets; beyond,
  // the search sorted by title lists them.
  if (!sheets.empty()) {
    std::vector<std::tuple<std::string, std::string, std::string>> sorted;  // (folded title, id, title)
    sorted.reserve(sheets.size());
    for (auto& [title, id] : sheets) sorted.emplace_back(text::filing_key(title), std::move(id), std::move(title));
    std::sort(sorted.begin(), sorted.end());
    List links;
    if (sorted.size() <= kSiteMapSheets)
      for (const auto& [key, id, title] : sorted) links.push_back(link(sheet_path(id), title));
    else
      links.push_back(link("/recherche?tri=titre", "Les " + std::to_string(sorted.size()) +
                                                       " fiches par ordre alphabétique (recherche triée par titre)"));
    groups.push_back(group("/recherche?tri=titre", "Toutes les fiches, de A à Z", "plan-fiches", links));
  }

  Data page = object();
  page["sections"] = Data(sections);
  page["groups"] = Data(groups);
  PageMeta meta;
  meta.title = "Plan du site";
  meta.description =
      "Toutes les rubriques de Pratiques : recherche, thématiques, publics, territoires, parcours de formation, pages "
      "d’information.";
  meta.path = "/plan-du-site/";
  out.write("plan-du-site/index.html", render_page(ctx, meta, ctx.templates.render("site_map", page)));
}

}  // namespace pratiques::site
