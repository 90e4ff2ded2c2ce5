#include "pratiques/site/layout.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "util.h"

namespace pratiques::site {

namespace detail {

std::string browse_href(const Context& ctx, std::string_view facet_key, std::string_view value) {
  const Facet* facet = ctx.data.facet(facet_key);
  if (!facet || facet->segment.empty()) return {};
  const FacetValue* v = facet->find(value);
  if (!v || v->sheets.empty()) return {};
  return facet_path(facet->segment, value);
}

Data sheet_item(const Context& ctx, const Sheet& sheet) {
  Data o = object();
  o["href"] = Data(sheet_path(sheet.id));
  o["title"] = Data(sheet.display_title);
  o["title_html"] = Data(ctx.data.foreign_terms.html(sheet.display_title));  // « Community organizing… »
  put(o, "place", sheet.place);
  return o;
}

namespace {
std::string find_label(const JsonObject& format, std::string_view key) {
  if (!format) return {};
  auto fields = format->getArray("champs");
  for (std::size_t i = 0; fields && i < fields->size(); ++i) {
    auto f = fields->getObject(static_cast<unsigned>(i));
    if (f && f->optValue<std::string>("cle", "") == key) return f->optValue<std::string>("libelle", "");
  }
  return {};
}
}  // namespace

std::string field_label(const Context& ctx, std::string_view key, std::string_view fallback, bool course) {
  // Asked for every sheet: memoised per grid (the JSON lookups are slow next to a map), for pages
  // rendered on several threads at once.
  static std::map<std::tuple<const void*, bool, std::string>, std::string> memo;
  static std::mutex memo_mutex;
  const std::lock_guard lock(memo_mutex);
  const auto k = std::make_tuple(static_cast<const void*>(ctx.data.grid.get()), course, std::string(key));
  auto it = memo.find(k);
  if (it == memo.end()) {
    std::string l = ctx.data.grid ? find_label(ctx.data.grid->getObject(course ? "parcours" : "fiche"), key) : "";
    it = memo.emplace(k, std::move(l)).first;
  }
  return it->second.empty() ? std::string(fallback) : it->second;
}

std::vector<JsonObject> grid_sections(const Context& ctx, bool course) {
  static std::map<std::pair<const void*, bool>, std::vector<JsonObject>> memo;
  static std::mutex memo_mutex;
  const std::lock_guard lock(memo_mutex);
  const auto k = std::make_pair(static_cast<const void*>(ctx.data.grid.get()), course);
  if (auto it = memo.find(k); it != memo.end()) return it->second;
  std::vector<JsonObject> out;
  if (ctx.data.grid) {
    auto format = ctx.data.grid->getObject(course ? "parcours" : "fiche");
    auto sections = format ? format->getArray("sections") : nullptr;
    for (std::size_t i = 0; sections && i < sections->size(); ++i)
      if (auto s = sections->getObject(static_cast<unsigned>(i))) out.push_back(s);
  }
  memo.emplace(k, out);
  return out;
}

std::string licence_url(std::string_view slug) {
  if (slug == "cc-by-4-0") return "https://creativecommons.org/licenses/by/4.0/deed.fr";
  if (slug == "cc-by-sa-4-0") return "https://creativecommons.org/licenses/by-sa/4.0/deed.fr";
  if (slug == "licence-ouverte-etalab-2-0") return "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
  return {};
}

std::string share_html(const Context& ctx, std::string_view title, const std::string& path) {
  // mailto: parameters are percent-encoded UTF-8 (RFC 6068); only unreserved characters stay.
  const auto encode = [](const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "#&+/:;=?@,", out);
    return out;
  };
  const std::string url = ctx.absolute(path);
  Data o = object();
  o["subject"] = Data(encode(std::string(title)));
  o["body"] = Data(encode(url));
  return ctx.templates.render("partage", o);
}

std::string excerpt(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = text.rfind(' ', max);
  if (cut == std::string_view::npos || cut < max / 2) {
    cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
    out.pop_back();
  return out + "\u2026";
}

}  // namespace detail

using namespace detail;

std::string script_safe_json(const std::string& json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_page(const Context& ctx, const PageMeta& meta, const std::string& main_html) {
  static const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> nav = {
      {"accueil", {"/", "Accueil"}},
      {"thematiques", {"/thematiques/", "Thématiques"}},
      {"publics", {"/publics/", "Publics"}},
      {"carte", {"/carte/", "Carte"}},
      {"parcours", {"/parcours/", "Parcours"}},
      {"grille", {"/grille/", "La grille"}},
      {"contribuer", {"/contribuer/", "Contribuer"}},
  };
  Data page = object();
  const std::string title = fr_typo(meta.title);
  page["title"] = Data(meta.path == "/" ? title : title + " \u2013 Pratiques");
  page["og_title"] = Data(title);
  put_text(page, "description", meta.description);
  page["url"] = Data(ctx.absolute(meta.path));
  page["og_type"] = Data(meta.og_type);
  page["has_jsonld"] = Data(!meta.jsonld.empty());
  page["jsonld"] = Data(meta.jsonld);
  page["head_meta"] = Data(meta.head_meta);
  page["copy_script"] = Data(meta.copy_script);
  page["noindex"] = Data(meta.noindex);
  page["map_css"] = Data(meta.map_css);
  page["main"] = Data(main_html);
  page["results_link"] = Data(meta.results_link);
  page["header_search"] = Data(meta.header_search);
  // Text pages that ask for a footer link (front matter `pied`: the link's text), in id order.
  List footer;
  for (const auto& p : ctx.data.pages)
    if (std::string label = json_string(p.front, "pied"); !label.empty() && url_safe(p.id)) {
      Data it = object();
      it["href"] = Data("/" + p.id + "/");
      put_text(it, "label", label);
      footer.push_back(std::move(it));
    }
  page["footer_pages"] = Data(footer);
  List items;
  const bool contribute = ctx.data.has_page(kContributePage);
  for (const auto& [key, link] : nav) {
    if (key == "contribuer" && !contribute) continue;  // the page comes from content/pages/contribuer.md
    Data it = object();
    it["href"] = Data(link.first);
    it["label"] = Data(link.second);
    it["current"] = Data(key == meta.nav);
    items.push_back(std::move(it));
  }
  page["nav"] = Data(items);
  return ctx.templates.render("layout", page);
}

}  // namespace pratiques::site
