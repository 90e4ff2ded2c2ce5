#include "pratiques/site/feeds.h"

#include <algorithm>

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

// Atom wants RFC 3339 timestamps: "2026-11" → "2026-11-01T00:00:00Z".
std::string rfc3339(const std::string& iso) {
  if (iso.size() < 4) return "1970-01-01T00:00:00Z";
  std::string d = iso.substr(0, 4) + "-" + (iso.size() >= 7 ? iso.substr(5, 2) : "01") + "-" +
                  (iso.size() >= 10 ? iso.substr(8, 2) : "01");
  return d + "T00:00:00Z";
}

constexpr std::size_t kFeedEntries = 50;

// A stylesheet as served: the sources keep one rule a line; the line breaks after a rule ("}") and
// blank lines are dropped (the same rules, fewer bytes: sheet pages weigh their HTML and CSS).
std::string joined_rules(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  for (char c : css)
    if (c != '\n' || !(out.empty() || out.back() == '}' || out.back() == '\n')) out += c;
  return out;
}

}  // namespace

void render_feeds(const Context& ctx, OutputWriter& out) {
  // Atom: the sheets most recently published or revised.
  std::vector<const Sheet*> sheets;
  for (const auto& s : ctx.data.sheets) sheets.push_back(&s);
  std::sort(sheets.begin(), sheets.end(), [](const Sheet* a, const Sheet* b) {
    const std::string ua = a->updated(), ub = b->updated();
    return ua != ub ? ua > ub : a->id < b->id;
  });
  if (sheets.size() > kFeedEntries) sheets.resize(kFeedEntries);
  List entries;
  for (const Sheet* s : sheets) {
    Object e;
    e["title"] = Data(fr_typo(s->title));  // as the sheet's own page writes it
    e["url"] = Data(ctx.absolute(sheet_path(s->id)));
    put(e, "published", s->date_published.empty() ? "" : rfc3339(s->date_published));
    e["updated"] = Data(rfc3339(s->updated()));
    e["summary"] = Data(s->summary);
    List authors, categories;
    const JsonObject front = s->parsed_front();
    for (const auto& r : json_objects(front, "redacteurs"))
      if (auto n = r->optValue<std::string>("nom", ""); !n.empty()) {
        Object a;
        a["name"] = Data(n);
        authors.push_back(Data(a));
      }
    for (const auto& t : json_strings(front, "thematiques")) {
      Object c;
      c["term"] = Data(t);
      c["label"] = Data(ctx.data.label("thematiques", t));
      categories.push_back(Data(c));
    }
    e["authors"] = list_or_false(authors);
    e["categories"] = list_or_false(categories);
    entries.push_back(Data(e));
  }
  Object feed;
  feed["base"] = Data(ctx.base_url);
  feed["updated"] = Data(rfc3339(sheets.empty() ? std::string("1970") : sheets.front()->updated()));
  feed["entries"] = Data(entries);
  out.write("feed.xml", ctx.templates.render("feed.xml", Data(feed)));

  Object robots;
  robots["base"] = Data(ctx.base_url);
  out.write("robots.txt", ctx.templates.render("robots.txt", Data(robots)));

  // OpenSearch description (<link rel="search"> of every page): the search server answers
  // /opensearch.xml itself with the same template; this copy keeps the link valid on a static host.
  Object opensearch;
  opensearch["base"] = Data(ctx.base_url);
  out.write("opensearch.xml", ctx.templates.render("serveur-opensearch.xml", Data(opensearch)));

  PageMeta meta;
  meta.title = "Page introuvable";
  meta.path = "/404.html";
  meta.noindex = true;
  out.write("404.html", render_page(ctx, meta, ctx.templates.render("404", Data(Object{}))));
}

void render_assets(const Context& ctx, OutputWriter& out) {
  out.write("assets/style.css", joined_rules(embedded_file("assets/style.css")));
  out.write("assets/carte.css", embedded_file("assets/carte.css"));
  out.write("assets/recherche.css",
            embedded_file("assets/recherche.css"));  // the search forms of the home and error pages
  out.write("assets/formulaires.css", embedded_file("assets/formulaires.css"));  // the server's forms and messages
  out.write("assets/donnees.css", embedded_file("assets/donnees.css"));          // the tables of the data pages
  out.write("assets/parcours.css", embedded_file("assets/parcours.css"));        // course titles on phones
  out.write("assets/copie.js", embedded_file("assets/copie.js"));
  // The icon at the root too: /favicon.ico is asked by clients that read no page (feed readers,
  // bookmarks, older browsers); the pages name both (layout.mustache).
  out.write("favicon.ico", embedded_file("assets/favicon.ico"));
  out.write("favicon.svg", embedded_file("assets/favicon.svg"));
  // The print stylesheet shows the absolute URL after each link: it needs the base URL.
  kainjow::mustache::mustache print{std::string(embedded_file("assets/print.css"))};
  out.write("assets/print.css", joined_rules(print.render(Data("base_url", Data(ctx.base_url)))));
}

void render_sitemap(const Context& ctx, OutputWriter& out) {
  // Every page of this build, its sheets with their date. The protocol allows 50,000 URLs per file
  // (a single file of 100,000 sheets was refused whole by search engines): /sitemap.xml is an index
  // of files of at most options.sitemap_urls URLs each, at the root (a sitemap file may only list
  // URLs below its own directory), in the order of the pages' paths.
  List urls;
  std::vector<std::string> dates;  // each URL's lastmod ("" when none)
  for (const auto& rel : out.paths()) {
    if (!rel.ends_with("index.html")) continue;
    const std::string dir = rel.substr(0, rel.size() - 10);  // "fiches/x/" or ""
    // Old addresses of renamed sheets are redirects, not pages.
    if (dir.starts_with("fiches/") && dir.size() > 8 && !ctx.data.sheet(dir.substr(7, dir.size() - 8))) continue;
    Object u;
    u["loc"] = Data(ctx.absolute("/" + dir));
    std::string lastmod;
    if (dir.starts_with("fiches/") && dir.size() > 8)
      if (const Sheet* s = ctx.data.sheet(dir.substr(7, dir.size() - 8))) lastmod = s->updated();
    put(u, "lastmod", lastmod);
    urls.push_back(Data(u));
    dates.push_back(std::move(lastmod));
  }
  const std::size_t per_file = std::max<std::size_t>(1, ctx.options.sitemap_urls);
  List files;
  for (std::size_t first = 0, n = 1; n == 1 || first < urls.size(); first += per_file, ++n) {
    const std::size_t last = std::min(urls.size(), first + per_file);
    const std::string name = "sitemap-" + std::to_string(n) + ".xml";
    Object sitemap;
    sitemap["urls"] =
        Data(List(urls.begin() + static_cast<std::ptrdiff_t>(first), urls.begin() + static_cast<std::ptrdiff_t>(last)));
    out.write(name, ctx.templates.render("sitemap.xml", Data(sitemap)));
    Object f;
    f["loc"] = Data(ctx.absolute("/" + name));
    // The latest date of its URLs: a crawler fetches again only the files that changed.
    std::string newest;
    for (std::size_t i = first; i < last; ++i) newest = std::max(newest, dates[i]);
    put(f, "lastmod", newest);
    files.push_back(Data(f));
  }
  Object index;
  index["sitemaps"] = Data(files);
  out.write("sitemap.xml", ctx.templates.render("sitemap_index.xml", Data(index)));
}

}  // namespace pratiques::site
