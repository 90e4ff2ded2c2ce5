#include "pratiques/site/targeted.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <map>
#include <set>
#include <stdexcept>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/index_layout.h"
#include "pratiques/site/context.h"
#include "pratiques/site/course_page.h"
#include "pratiques/site/facet_pages.h"
#include "pratiques/site/sheet_page.h"
#include "pratiques/site/site_map_page.h"
#include "pratiques/site/source_refs.h"

namespace fs = std::filesystem;

namespace pratiques::site {

namespace {

bool browsed(const std::string& facet) {
  for (const auto& b : browse_facets())
    if (facet == b.key) return true;
  return false;
}

// The browse values of the sheets in a generation's catalogue.
void values_of(Catalog& cat, const std::vector<std::string>& ids, BrowseValues& out) {
  catalogue::each_sheet_value(
      cat,
      [&out](catalogue::SheetValue& v) {
        if (browsed(v.facet)) out.emplace(std::move(v.facet), std::move(v.value));
      },
      &ids);
}

}  // namespace

BrowseValues browse_values(const std::string& index, const std::vector<std::string>& ids) {
  BrowseValues out;
  const fs::path file = fs::path(resolve_index(index)) / kCatalogFile;
  if (!fs::exists(file)) return out;
  Catalog cat(file.string(), false);
  values_of(cat, ids, out);
  return out;
}

namespace {

std::string checked_base(const BuildOptions& options) {
  std::string base = normalize_base_url(options.base_url);
  if (base.empty()) throw std::runtime_error("--base-url attend une origine http(s)://hôte[:port], sans chemin");
  return base;
}

std::unique_ptr<Searcher> open_searcher(const BuildOptions& options) {
  try {
    return std::make_unique<Searcher>(options.index);
  } catch (const std::exception&) {
    return nullptr;  // no "Pratiques proches", as in a full build without a searcher
  }
}

// What a sheet page shows of other sheets: the titles of those it links to and its "Pratiques
// proches" (listed, not rendered: load_site_data's `whole` leaves their sections out).
void shown_by(Catalog& cat, const Context& probe, const std::vector<std::string>& pages, std::set<std::string>& load) {
  std::map<std::string, std::set<std::string>> linked;
  catalogue::each_link(
      cat, [&linked](catalogue::LinkRow& l) { linked[l.from].insert(l.to); }, &pages);
  for (const auto& [from, to] : linked) load.insert(to.begin(), to.end());
  for (const auto& id : pages)
    for (auto& other : similar_ids(probe, id, linked[id])) load.insert(std::move(other));
}

// What both steps set up: the generation to read, its searcher, the templates, the clock.
struct Step {
  explicit Step(const BuildOptions& o)
      : options(o), base(checked_base(o)), generation(resolve_index(o.index)), searcher(open_searcher(o)) {}
  // A context without sheets: enough to ask for a sheet's "Pratiques proches".
  Context probe() const { return Context{options, none, templates, searcher.get(), base, true}; }
  Context with(const SiteData& data) const { return Context{options, data, templates, searcher.get(), base, true}; }
  std::string catalogue() const { return (fs::path(generation) / kCatalogFile).string(); }
  TargetedReport finish(const OutputWriter& out, std::size_t sheets_loaded) const {
    TargetedReport report;
    report.written = out.written();
    report.deleted = out.deleted();
    report.sheets_loaded = sheets_loaded;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }
  const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  const BuildOptions& options;
  const std::string base, generation;
  const std::unique_ptr<Searcher> searcher;
  const Templates templates;
  const SiteData none;
};

}  // namespace

TargetedReport rebuild_own_pages(const BuildOptions& options, const std::vector<std::string>& ids) {
  const Step step(options);
  std::set<std::string> load(ids.begin(), ids.end());
  {
    Catalog now(step.catalogue(), false);
    shown_by(now, step.probe(), ids, load);
  }
  const std::vector<std::string> selection(load.begin(), load.end());
  const SiteData data = load_site_data(step.generation, &selection, &ids);
  const Context ctx = step.with(data);
  OutputWriter out(options.out, false);
  out.set_guard(options.guard);
  for (const auto& id : ids) {
    if (const Sheet* s = data.sheet(id)) {
      render_sheet(ctx, *s, out);
    } else if (url_safe(id)) {  // archived or removed: its page goes
      for (const char* f : {"index.html", "citation.bib", "citation.ris", "citation.json"})
        out.remove("fiches/" + id + "/" + f);
    }
  }
  return step.finish(out, data.sheets.size());
}

TargetedReport rebuild_dependents(const BuildOptions& options, const std::vector<std::string>& ids,
                                  const BrowseValues& before) {
  const Step step(options);

  // Which values' pages change, and which sheets they list.
  BrowseValues values = before;
  std::set<std::string> load(ids.begin(), ids.end());
  std::set<std::string> courses;     // ids of the courses whose steps name one of the sheets
  std::vector<std::string> linkers;  // other sheets that link to one of them: rendered
  std::set<std::string> whole;       // the sheets rendered (linkers) or quoted whole (course handouts)
  {
    Catalog now(step.catalogue(), false);
    values_of(now, ids, values);
    // A département's page shows its région's count: that value's sheets are read too.
    BrowseValues listed = values;
    for (const auto& [facet, value] : values)
      if (facet == "departement")
        if (std::string region = catalogue::vocabulary_parent(now, "departements", value); !region.empty())
          listed.emplace("region", region);
    for (const auto& [facet, value] : listed)
      for (auto& id : catalogue::sheets_with_value(now, facet, value)) load.insert(std::move(id));
    // The sheets whose "Fiches liées" name them are rewritten too (the title shown there).
    for (const auto& id : ids)
      for (auto& l : catalogue::links_to(now, id))
        if (std::find(ids.begin(), ids.end(), l.from) == ids.end() &&
            std::find(linkers.begin(), linkers.end(), l.from) == linkers.end())
          linkers.push_back(std::move(l.from));
    load.insert(linkers.begin(), linkers.end());
    whole.insert(linkers.begin(), linkers.end());
    shown_by(now, step.probe(), linkers, load);
    // The courses that use them: every sheet of those courses is read (titles, handout texts).
    for (const auto& c : catalogue::courses(now)) {
      const Course course{c.id, c.title, parse_object(c.front_json), {}, {}};
      auto used = course_sheets(course);
      for (std::size_t i = 0, n = used.size(); i < n; ++i)  // a former id cited: its sheet's current id too
        if (std::string current = catalogue::renamed_to(now, used[i]); !current.empty())
          used.push_back(std::move(current));
      if (std::none_of(used.begin(), used.end(),
                       [&ids](const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }))
        continue;
      courses.insert(c.id);
      load.insert(used.begin(), used.end());
      whole.insert(used.begin(), used.end());
    }
  }
  const std::vector<std::string> selection(load.begin(), load.end()), detailed(whole.begin(), whole.end());
  const SiteData data = load_site_data(step.generation, &selection, &detailed);
  const Context ctx = step.with(data);
  OutputWriter out(options.out, false);
  out.set_guard(options.guard);
  for (const auto& id : linkers)
    if (const Sheet* s = data.sheet(id)) render_sheet(ctx, *s, out);
  for (const auto& [facet, value] : values) render_facet_value(ctx, facet, value, out);
  {
    Catalog cat(step.catalogue(), false);
    if (!courses.empty()) {
      const SourceTitles refs(cat);
      for (const auto& c : data.courses)
        if (courses.count(c.id)) render_course(ctx, c, refs, out);
    }
    // The site map lists every sheet by title and counts the sheets of every browse value.
    render_site_map(ctx, out, &cat);
  }
  return step.finish(out, data.sheets.size());
}

TargetedReport rebuild_sheets(const BuildOptions& options, const std::vector<std::string>& ids,
                              const BrowseValues& before) {
  TargetedReport own = rebuild_own_pages(options, ids);
  TargetedReport rest = rebuild_dependents(options, ids, before);
  own.written.insert(own.written.end(), rest.written.begin(), rest.written.end());
  own.deleted.insert(own.deleted.end(), rest.deleted.begin(), rest.deleted.end());
  own.sheets_loaded += rest.sheets_loaded;
  own.seconds += rest.seconds;
  return own;
}

TargetedReport rebuild_courses(const BuildOptions& options, const std::vector<std::string>& ids) {
  const auto start = std::chrono::steady_clock::now();
  TargetedReport report;
  const std::string base = normalize_base_url(options.base_url);
  if (base.empty()) throw std::runtime_error("--base-url attend une origine http(s)://hôte[:port], sans chemin");
  const std::string generation = resolve_index(options.index);
  std::vector<std::string> cited;  // the sheets the courses' steps cite
  {
    const SiteData courses = load_site_data(generation, &cited);
    for (const auto& c : courses.courses)
      if (std::find(ids.begin(), ids.end(), c.id) != ids.end())
        for (auto& id : course_sheets(c)) cited.push_back(std::move(id));
  }
  const SiteData data = load_site_data(generation, &cited);
  report.sheets_loaded = data.sheets.size();
  const Templates templates;
  const Context ctx{options, data, templates, nullptr, base, true};
  const SourceTitles refs(data);
  OutputWriter out(options.out, false);
  out.set_guard(options.guard);
  for (const auto& id : ids) {
    const auto c =
        std::find_if(data.courses.begin(), data.courses.end(), [&id](const Course& x) { return x.id == id; });
    if (c != data.courses.end()) {
      render_course(ctx, *c, refs, out);
    } else if (url_safe(id)) {  // archived: its pages go
      for (const char* f : {"index.html", "etudiants/index.html", "references.ris", "references.bib"})
        out.remove("parcours/" + id + "/" + f);
    }
  }
  render_course_list(ctx, out);
  report.written = out.written();
  report.deleted = out.deleted();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace pratiques::site
