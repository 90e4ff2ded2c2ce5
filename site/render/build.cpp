#include "pratiques/site/build.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/parallel.h"
#include "pratiques/sheet_history.h"
#include "pratiques/site/context.h"
#include "pratiques/site/coverage_page.h"
#include "pratiques/site/course_page.h"
#include "pratiques/site/facet_pages.h"
#include "pratiques/site/feeds.h"
#include "pratiques/site/grid_page.h"
#include "pratiques/site/home_page.h"
#include "pratiques/site/map_page.h"
#include "pratiques/site/open_data_page.h"
#include "pratiques/site/sheet_page.h"
#include "pratiques/site/site_map_page.h"
#include "pratiques/site/skos.h"

namespace fs = std::filesystem;

namespace pratiques::site {

std::string normalize_base_url(const std::string& url) {
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  std::size_t rest;
  if (u.starts_with("https://"))
    rest = 8;
  else if (u.starts_with("http://"))
    rest = 7;
  else
    return {};
  if (rest >= u.size()) return {};
  // Host, optional port: no path (pages link to each other from the root of the host).
  for (std::size_t i = rest; i < u.size(); ++i) {
    const char c = u[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return {};
  }
  return u;
}

std::string LegalNotice::missing() const {
  std::string out;
  for (const auto& [value, flag] : {std::pair{&publisher, "--editeur"},
                                    {&director, "--directeur-publication"},
                                    {&contact, "--courriel-contact"},
                                    {&host, "--hebergeur"}})
    if (value->empty()) out += (out.empty() ? "" : ", ") + std::string(flag);
  return out;
}

BuildReport build_site(const BuildOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BuildReport report;
  const std::string base = normalize_base_url(options.base_url);
  if (base.empty())
    throw std::runtime_error("--base-url attend une origine http(s)://hôte[:port], sans chemin (reçu « " +
                             options.base_url + " »)");
  if (options.out.empty() || fs::weakly_canonical(options.out) == fs::path("/"))
    throw std::runtime_error("--out : répertoire de sortie invalide");

  // No index, or one that cannot be read: the IndexError that `pratiques search` gives (exit code 4).
  const std::string generation = open_index_to_read(options.index).dir;
  const SiteData data = load_site_listing(generation);  // the sheets' pages load their sheets whole
  std::unique_ptr<Searcher> searcher;
  try {
    searcher = std::make_unique<Searcher>(options.index);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("« Pratiques proches » non calculées : ") + e.what());
  }
  const Templates templates;
  const Context ctx{options, data, templates, nullptr, base};

  OutputWriter out(options.out);
  out.set_guard(options.guard);
  render_assets(ctx, out);
  // Only the sheets' pages ask the searcher ("Pratiques proches"): its neighbour index (about 7 KB
  // per sheet) is let go before the other pages.
  render_sheets(Context{options, data, templates, searcher.get(), base}, out);
  searcher.reset();
  // The open data files read every sheet's front matter again, once per file: with two threads or
  // more they are written beside the other pages (half of a build of 30,000 sheets was this tail).
  const std::function<void()> tail[] = {[&] { render_open_data(ctx, out); },
                                        [&] {
                                          render_facets(ctx, out);
                                          render_map(ctx, out);
                                          render_courses(ctx, out);
                                          render_grid_page(ctx, out);
                                          render_vocabularies(ctx, out);
                                          render_coverage(ctx, out, utc_datestamp(std::time(nullptr)).substr(0, 10));
                                          render_text_pages(ctx, out);
                                          render_home(ctx, out);
                                          render_site_map(ctx, out);
                                          render_feeds(ctx, out);
                                        }};
  const unsigned threads = threads_or_default(options.threads);
  parallel_for(std::size(tail), std::min(threads, 2u), [&](std::size_t i, unsigned) { tail[i](); });
  render_sitemap(ctx, out);  // last: it lists every page of this build
  out.finish();

  for (const auto& p : data.pages)
    if (p.id == kLegalNoticePage && !options.pages.legal.complete())
      report.warnings.push_back("mentions légales incomplètes (« non renseigné » sur la page /" + p.id +
                                "/) : " + options.pages.legal.missing());
    else if (p.id == kAccessibilityPage && options.pages.legal.contact.empty())
      report.warnings.push_back("déclaration d'accessibilité sans adresse de contact (page /" + p.id +
                                "/) : --courriel-contact");
  if (!data.grid) report.warnings.push_back("index sans description de la grille : relancer « pratiques index »");
  for (const auto& p : out.paths()) report.pages += p.ends_with(".html");
  report.files = out.paths().size();
  report.written = out.written().size();
  report.unchanged = out.unchanged();
  report.written_paths = out.written();
  report.deleted_paths = out.deleted();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace pratiques::site
