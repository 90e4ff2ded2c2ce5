#include "pratiques/site/facet_pages.h"

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

Data value_item(const Facet& facet, const FacetValue& v) {
  Object o;
  put_text(o, "label", v.label);
  put(o, "href", v.sheets.empty() ? "" : facet_path(facet.segment, v.value));
  o["count"] = Data(fr_number(static_cast<long long>(v.sheets.size())));
  o["children"] = Data(false);
  return Data(o);
}

void render_index(const Context& ctx, const BrowseFacet& b, const Facet& facet, OutputWriter& out) {
  List values;
  std::size_t with_sheets = 0;
  for (const auto& v : facet.values) {
    if (!v.sheets.empty()) ++with_sheets;
    if (!v.parent.empty() && facet.find(v.parent)) continue;  // shown under its parent
    Data item = value_item(facet, v);
    List children;
    for (const auto& c : facet.values)
      if (c.parent == v.value) children.push_back(value_item(facet, c));
    if (!children.empty()) {
      Object ch;
      ch["items"] = Data(children);
      item.set("children", Data(ch));
    }
    values.push_back(std::move(item));
  }
  Object page;
  put_text(page, "title", b.title);
  put_text(page, "intro",
           fr_count(static_cast<long long>(with_sheets), "valeur a", "valeurs ont") + " au moins une fiche, sur " +
               fr_number(static_cast<long long>(facet.values.size())) + ". Le nombre de fiches suit chaque valeur.");
  page["values"] = Data(values);
  page["map"] = Data(facet.key == "departement" || facet.key == "region");
  PageMeta meta;
  meta.title = b.title;
  meta.description = std::string(b.title) + " : les fiches de pratiques classées par " + facet.label + ".";
  meta.path = facet_path(facet.segment);
  meta.nav = facet.segment;
  out.write(file_of(meta.path), render_page(ctx, meta, ctx.templates.render("facet_index", Data(page))));
}

void render_value(const Context& ctx, const BrowseFacet& b, const Facet& facet, const FacetValue& v,
                  OutputWriter& out) {
  Data page = object();
  put_text(page, "label", v.label);
  put_text(page, "facet", b.singular);
  page["index_href"] = Data(facet_path(facet.segment));
  put_text(page, "index_title", b.title);
  page["count"] = Data(fr_count(static_cast<long long>(v.sheets.size()), "fiche", "fiches"));
  page["parent"] = Data(false);
  if (!v.parent.empty())
    if (const FacetValue* p = facet.find(v.parent); p && !p->sheets.empty()) {
      Data o = object();
      put_text(o, "label", p->label);
      o["href"] = Data(facet_path(facet.segment, p->value));
      page["parent"] = std::move(o);
    }
  // Related values with their counts: sub-modes of a mode, départements of a région.
  List related;
  std::string related_title;
  if (facet.key == "region") {
    related_title = "Départements de la région";
    if (const Facet* deps = ctx.data.facet("departement"))
      for (const auto& d : deps->values) {
        auto it = ctx.data.departement_region.find(d.value);
        if (it == ctx.data.departement_region.end() || it->second != v.value || d.sheets.empty()) continue;
        Object o;
        put_text(o, "label", d.label + " (" + d.value + ")");
        o["href"] = Data(facet_path(deps->segment, d.value));
        o["count"] = Data(fr_number(static_cast<long long>(d.sheets.size())));
        related.push_back(Data(o));
      }
  } else if (facet.key == "departement") {
    related_title = "Région";
    if (auto it = ctx.data.departement_region.find(v.value); it != ctx.data.departement_region.end())
      if (const Facet* regions = ctx.data.facet("region"))
        if (const FacetValue* r = regions->find(it->second); r && !r->sheets.empty()) {
          Object o;
          put_text(o, "label", r->label);
          o["href"] = Data(facet_path(regions->segment, r->value));
          o["count"] = Data(fr_number(static_cast<long long>(r->sheets.size())));
          related.push_back(Data(o));
        }
  } else {
    related_title = "Précisions";
    for (const auto& c : facet.values)
      if (c.parent == v.value && !c.sheets.empty()) {
        Object o;
        put_text(o, "label", c.label);
        o["href"] = Data(facet_path(facet.segment, c.value));
        o["count"] = Data(fr_number(static_cast<long long>(c.sheets.size())));
        related.push_back(Data(o));
      }
  }
  if (!related.empty()) {
    Data r = object();
    r["items"] = Data(related);
    page["related"] = std::move(r);
    put_text(page, "related_title", related_title);
  } else {
    page["related"] = Data(false);
  }
  // Beyond one page, the search filtered on the value: the same sheets with every other facet.
  const bool several = v.sheets.size() > ctx.options.pages.list_page_sheets;
  put(page, "search_href", several && url_safe(v.value) ? "/recherche?" + facet.key + "=" + v.value : "");
  std::vector<const Sheet*> sheets;
  sheets.reserve(v.sheets.size());
  for (std::size_t i : v.sheets) sheets.push_back(&ctx.data.sheets[i]);
  PageMeta meta;
  meta.title = std::string(b.singular) + " : " + v.label;
  meta.description = fr_count(static_cast<long long>(v.sheets.size()), "fiche", "fiches") + " de pratiques — " +
                     b.singular + " : « " + v.label + " ».";
  meta.path = facet_path(facet.segment, v.value);
  meta.nav = facet.segment;
  write_sheet_pages(ctx, meta, "facet_value", page, sheets, out);
}

}  // namespace

bool render_facet_value(const Context& ctx, std::string_view facet_key, std::string_view value, OutputWriter& out) {
  for (const auto& b : browse_facets()) {
    if (b.key != facet_key) continue;
    const Facet* facet = ctx.data.facet(b.key);
    if (!facet || facet->segment.empty()) return false;
    const FacetValue* v = facet->find(value);
    if (v && !v->sheets.empty())
      render_value(ctx, b, *facet, *v, out);
    else if (url_safe(value))
      remove_sheet_pages(facet_path(facet->segment, value), 1, out);
    return true;
  }
  return false;
}

void render_facets(const Context& ctx, OutputWriter& out) {
  for (const auto& b : browse_facets()) {
    const Facet* facet = ctx.data.facet(b.key);
    if (!facet || facet->segment.empty()) continue;
    render_index(ctx, b, *facet, out);
    for (const auto& v : facet->values)
      if (!v.sheets.empty()) render_value(ctx, b, *facet, v, out);
  }
}

}  // namespace pratiques::site
