// Incremental builds: a second build writes only the files whose bytes change. After one sheet is
// edited, only the pages that depend on it are rewritten; every other file keeps its bytes and
// its timestamp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "pratiques/site/targeted.h"
#include "site_fixture.h"

using namespace sitetest;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
  std::string s = read(file);
  const auto p = s.find(from);
  REQUIRE(p != std::string::npos);
  s.replace(p, from.size(), to);
  write(file, s);
}

// Files of `after` whose bytes or mtime differ from `before`, and the files that did not move.
void compare(const std::map<std::string, SiteFixture::FileState>& before,
             const std::map<std::string, SiteFixture::FileState>& after, std::set<std::string>& changed) {
  for (const auto& [path, state] : after) {
    auto it = before.find(path);
    if (it == before.end() || it->second.bytes != state.bytes || it->second.mtime != state.mtime) changed.insert(path);
  }
}

}  // namespace

TEST_CASE("a build with nothing changed writes nothing", "[site][incremental]") {
  SiteFixture site;
  CHECK(site.first.written == site.first.files);
  const auto before = site.snapshot();
  const auto report = site.rebuild();
  CHECK(report.written == 0);
  CHECK(report.unchanged == report.files);
  CHECK(report.deleted_paths.empty());
  const auto after = site.snapshot();
  REQUIRE(before.size() == after.size());
  for (const auto& [path, state] : before) {
    INFO(path);
    CHECK(after.at(path).bytes == state.bytes);
    CHECK(after.at(path).mtime == state.mtime);
  }
}

TEST_CASE("editing a section of one sheet rewrites that sheet and the pages that show it", "[site][incremental]") {
  SiteFixture site;
  const auto before = site.snapshot();
  replace_once(site.sheet_file("jardin-saint-caprais"), "## Objectifs\n",
               "## Objectifs\n\nUn paragraphe ajouté : les légumes sont partagés.\n\n");
  const auto report = site.rebuild();
  const auto after = site.snapshot();
  std::set<std::string> changed;
  compare(before, after, changed);
  // The writer's report is exactly what moved on disk.
  CHECK(changed == std::set<std::string>(report.written_paths.begin(), report.written_paths.end()));
  CHECK(changed.count("fiches/jardin-saint-caprais/index.html") == 1);
  CHECK(contains(after.at("fiches/jardin-saint-caprais/index.html").bytes, "Un paragraphe ajouté"));
  for (const auto& path : changed) {
    INFO(path);
    // Only sheet pages can depend on a section's text: the edited sheet, and its neighbours whose
    // "Pratiques proches" (relevance feedback, which sees the new words) moved; and the students'
    // handout of a course that uses the sheet (it includes the text).
    const bool edited =
        path.starts_with("fiches/jardin-saint-caprais/") || path == "parcours/parcours-test/etudiants/index.html";
    const bool neighbour = path.starts_with("fiches/") && path.ends_with("/index.html") &&
                           (contains(before.at(path).bytes, "/fiches/jardin-saint-caprais/") ||
                            contains(after.at(path).bytes, "/fiches/jardin-saint-caprais/"));
    // The coverage page counts undocumented sections, and this edit documents "Objectifs".
    const bool coverage = path == "couverture/index.html";
    CHECK((edited || neighbour || coverage));
  }
  CHECK(changed.count("couverture/index.html") == 1);
  for (const char* untouched :
       {"index.html", "grille/index.html", "carte/index.html", "carte/carte.svg", "feed.xml", "sitemap.xml",
        "sitemap-1.xml", "assets/style.css", "thematiques/index.html", "contribuer/index.html",
        "parcours/parcours-test/index.html", "fiches/jardin-saint-caprais/citation.bib",
        "fiches/jardin-saint-caprais/citation.ris"}) {
    INFO(untouched);
    CHECK(changed.count(untouched) == 0);
  }
}

TEST_CASE("retitling a sheet rewrites its page, its facet pages, its links, feeds, nothing else",
          "[site][incremental]") {
  SiteFixture site;
  const auto before = site.snapshot();
  replace_once(site.sheet_file("jardin-saint-caprais"), "titre: \"Le Jardin de Saint Caprais",
               "titre: \"Le Potager de Saint Caprais");
  const auto report = site.rebuild();
  const auto after = site.snapshot();
  std::set<std::string> changed;
  compare(before, after, changed);
  CHECK(changed == std::set<std::string>(report.written_paths.begin(), report.written_paths.end()));
  for (const char* expected :
       {"fiches/jardin-saint-caprais/index.html", "fiches/jardin-saint-caprais/citation.bib",
        "fiches/jardin-saint-caprais/citation.ris", "thematiques/isolement-lien-social/index.html",
        "thematiques/alimentation/index.html", "fiches/gironde-as-quartier-liens/index.html",
        "parcours/parcours-test/index.html", "feed.xml", "index.html"}) {
    INFO(expected);
    CHECK(changed.count(expected) == 1);
  }
  // Every rewritten file shows the new title (or is a neighbour whose list changed with it).
  for (const auto& path : changed) {
    INFO(path);
    CHECK(contains(after.at(path).bytes, "Le Potager de Saint Caprais"));
  }
  for (const char* untouched : {"grille/index.html", "carte/index.html", "contribuer/index.html", "sitemap.xml",
                                "sitemap-1.xml", "thematiques/parentalite/index.html", "publics/familles/index.html",
                                "assets/style.css", "fiches/fiche-hostile/citation.bib"}) {
    INFO(untouched);
    CHECK(changed.count(untouched) == 0);
    CHECK(after.at(untouched).mtime == before.at(untouched).mtime);
  }
}

TEST_CASE("a removed sheet's pages are deleted through the build manifest", "[site][incremental]") {
  SiteFixture site;
  // Unlink it first: links to a missing sheet are an error of the validator.
  replace_once(site.sheet_file("gironde-as-quartier-liens"),
               "fiches_liees:\n  - id: jardin-saint-caprais\n    relation: voir-aussi\n", "");
  {
    std::string s = read(site.content / "parcours/parcours-test.md");
    const auto a = s.find("  - fiche: jardin-saint-caprais");
    s.erase(a, s.find("  - fiche: fiche-hostile") - a);
    write(site.content / "parcours/parcours-test.md", s);
  }
  fs::remove(site.sheet_file("jardin-saint-caprais"));
  const auto report = site.rebuild();
  const std::set<std::string> deleted(report.deleted_paths.begin(), report.deleted_paths.end());
  CHECK(deleted.count("fiches/jardin-saint-caprais/index.html") == 1);
  CHECK(deleted.count("fiches/jardin-saint-caprais/citation.bib") == 1);
  CHECK_FALSE(fs::exists(site.out / "fiches/jardin-saint-caprais"));
  // A facet value left without sheets loses its page.
  CHECK_FALSE(fs::exists(site.out / "thematiques/alimentation/index.html"));
  CHECK_FALSE(contains(site.page("sitemap-1.xml"), "jardin-saint-caprais"));
  // Files that are not the site's are never deleted.
  write(site.out / "a-moi.txt", "x");
  site.rebuild();
  CHECK(fs::exists(site.out / "a-moi.txt"));
}

TEST_CASE("the sheets' pages rendered on several threads, a few sheets at a time, give the same site", "[site][parallel]") {
  SiteFixture site;  // one thread
  REQUIRE(site.options.threads == 1);
  const auto one_thread = site.snapshot();
  pratiques::site::BuildOptions parallel = site.options;
  parallel.out = (site.dir / "parallel").string();
  parallel.threads = 4;
  parallel.sheets_per_batch = 3;  // several batches of the fixture's sheets
  const auto report = pratiques::site::build_site(parallel);
  CHECK(report.files == site.first.files);
  CHECK(report.pages == site.first.pages);
  std::set<std::string> written(report.written_paths.begin(), report.written_paths.end());
  CHECK(written == std::set<std::string>(site.first.written_paths.begin(), site.first.written_paths.end()));
  std::size_t compared = 0;
  for (const auto& e : fs::recursive_directory_iterator(parallel.out)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), parallel.out).string();
    INFO(rel);
    REQUIRE(one_thread.count(rel));
    CHECK(read(e.path()) == one_thread.at(rel).bytes);
    ++compared;
  }
  CHECK(compared == one_thread.size());
  CHECK(std::any_of(written.begin(), written.end(), [](const std::string& p) { return p.starts_with("fiches/"); }));
}

TEST_CASE("a sitemap of more URLs than one file may hold is split, and its index names every part", "[site][feeds]") {
  // The protocol allows 50,000 URLs per file: at 100,000 sheets a single sitemap.xml was invalid and
  // dropped whole by search engines. The limit lowered to 10 splits the fixture's pages the same way.
  SiteFixture site;
  const auto locs = [](const std::string& xml, const std::string& element) {
    std::vector<std::string> out;
    const std::string open = "<" + element + "><loc>";
    for (auto p = xml.find(open); p != std::string::npos; p = xml.find(open, p + 1)) {
      const auto from = p + open.size();
      out.push_back(xml.substr(from, xml.find("</loc>", from) - from));
    }
    return out;
  };
  std::vector<std::string> whole;  // every URL of the default build (one part at this size)
  for (const auto& part : locs(site.page("sitemap.xml"), "sitemap")) {
    const auto parts_urls = locs(site.page(part.substr(part.rfind('/') + 1)), "url");
    whole.insert(whole.end(), parts_urls.begin(), parts_urls.end());
  }
  REQUIRE(whole.size() > 25);

  site.options.sitemap_urls = 10;
  site.rebuild();
  const std::string index = site.page("sitemap.xml");
  CHECK(contains(index, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
  CHECK_FALSE(contains(index, "<urlset"));
  CHECK(contains(site.page("robots.txt"), "Sitemap: https://pratiques.example.org/sitemap.xml\n"));
  const auto parts = locs(index, "sitemap");
  CHECK(parts.size() == (whole.size() + 9) / 10);
  std::vector<std::string> split;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string name = "sitemap-" + std::to_string(i + 1) + ".xml";
    INFO(name);
    // At the root: a sitemap file may only list the URLs below its own directory.
    CHECK(parts[i] == "https://pratiques.example.org/" + name);
    const std::string xml = site.page(name);
    CHECK(contains(xml, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    const auto urls = locs(xml, "url");
    CHECK(urls.size() <= 10);
    CHECK_FALSE(urls.empty());
    split.insert(split.end(), urls.begin(), urls.end());
  }
  CHECK(split == whole);  // every URL once, in the same order
  // A part's date is the latest of its sheets'.
  CHECK(contains(index, "<lastmod>2026-11-23</lastmod>"));

  // Fewer parts at the next build: the ones left over are deleted.
  site.options.sitemap_urls = 1000;
  site.rebuild();
  CHECK(locs(site.page("sitemap.xml"), "sitemap").size() == 1);
  CHECK(fs::exists(site.out / "sitemap-1.xml"));
  CHECK_FALSE(fs::exists(site.out / "sitemap-2.xml"));
}

namespace {

// The sheets a list page links to, in order (its <ul class="fiches">).
std::vector<std::string> listed_sheets(const std::string& html) {
  std::vector<std::string> out;
  const auto from = html.find("<ul class=\"fiches\">");
  if (from == std::string::npos) return out;
  const auto to = html.find("</ul>", from);
  for (auto p = html.find("href=\"/fiches/", from); p < to; p = html.find("href=\"/fiches/", p + 1))
    out.push_back(html.substr(p + 6, html.find('"', p + 6) - p - 6));
  return out;
}

// The pages of a list, first page first, while they exist: page-2/, page-3/…
std::vector<std::string> list_pages(const SiteFixture& site, const std::string& first) {
  std::vector<std::string> out;
  for (int n = 1;; ++n) {
    const std::string rel = first + (n == 1 ? "" : "page-" + std::to_string(n) + "/") + "index.html";
    if (!fs::exists(site.out / rel)) break;
    out.push_back(site.page(rel));
  }
  return out;
}

// What a page of `pages` shows: its title and heading number, its navigation, its sheet.
void check_page(const std::string& html, const std::string& first, int n, int pages) {
  INFO("page " << n << " sur " << pages);
  const std::string of = " — page " + std::to_string(n) + " sur " + std::to_string(pages);
  const auto title = html.substr(html.find("<title>"), html.find("</title>") - html.find("<title>"));
  CHECK(contains(title, of));
  const auto h1 = html.substr(html.find("<h1>"), html.find("</h1>") - html.find("<h1>"));
  CHECK(contains(h1, of));
  CHECK(contains(html, "<nav class=\"pagination\" aria-label=\"Pages de la liste des fiches\">"));
  const auto path = [&](int k) { return first + (k == 1 ? "" : "page-" + std::to_string(k) + "/"); };
  CHECK(contains(html, "<a href=\"" + path(n) + "\" aria-current=\"page\"><span class=\"vh\">Page </span>" +
                           std::to_string(n) + "</a>"));
  CHECK(contains(html, "rel=\"prev\"") == (n > 1));
  CHECK(contains(html, "rel=\"next\"") == (n < pages));
  if (n > 1) CHECK(contains(html, "<a href=\"" + path(n - 1) + "\" rel=\"prev\">"));
  if (n < pages) CHECK(contains(html, "<a href=\"" + path(n + 1) + "\" rel=\"next\">"));
  for (int k = 1; k <= pages; ++k) CHECK(contains(html, "<a href=\"" + path(k) + "\""));
}

}  // namespace

TEST_CASE("a value's sheets are listed on numbered pages of a bounded size, each once in order", "[site][pagination]") {
  SiteFixture site;
  const std::string first = "thematiques/isolement-lien-social/";
  const auto whole = listed_sheets(site.page(first + "index.html"));
  REQUIRE(whole.size() == 4);
  CHECK_FALSE(contains(site.page(first + "index.html"), "class=\"pagination\""));
  CHECK_FALSE(fs::exists(site.out / first / "page-2"));

  site.options.pages.list_page_sheets = 1;
  site.rebuild();
  auto pages = list_pages(site, first);
  REQUIRE(pages.size() == 4);
  std::vector<std::string> split;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto listed = listed_sheets(pages[i]);
    CHECK(listed.size() == 1);
    split.insert(split.end(), listed.begin(), listed.end());
    check_page(pages[i], "/" + first, static_cast<int>(i + 1), 4);
  }
  CHECK(split == whole);  // every sheet once, in the same order
  // Later pages: the first one in the breadcrumb, the search on the value offered.
  CHECK(contains(pages[2], "<li><a href=\"/" + first + "\">"));
  CHECK(contains(pages[2], "<li><span aria-current=\"page\">Page 3</span></li>"));
  CHECK(contains(pages[0], "href=\"/recherche?thematiques=isolement-lien-social\""));
  // The sitemap names every page; the site map gives the value's number of pages.
  const std::string urls = site.page("sitemap-1.xml");
  for (int n = 2; n <= 4; ++n)
    CHECK(contains(urls, "<loc>https://pratiques.example.org/" + first + "page-" + std::to_string(n) + "/</loc>"));
  CHECK(contains(site.page("plan-du-site/index.html"), "4\u00a0fiches, 4\u00a0pages"));
  // A SKOS concept's sheets too.
  CHECK(fs::exists(site.out / "vocabulaires/statuts_curation/publiee/page-2/index.html"));

  // Larger pages at the next build: the pages past the last one are deleted.
  site.options.pages.list_page_sheets = 3;
  site.rebuild();
  pages = list_pages(site, first);
  REQUIRE(pages.size() == 2);
  CHECK(listed_sheets(pages[0]) == std::vector<std::string>(whole.begin(), whole.begin() + 3));
  CHECK(listed_sheets(pages[1]) == std::vector<std::string>{whole[3]});
  check_page(pages[1], "/" + first, 2, 2);
  CHECK_FALSE(fs::exists(site.out / first / "page-3"));
  CHECK_FALSE(fs::exists(site.out / first / "page-4"));
}

TEST_CASE("a targeted rebuild rewrites a value's shifted pages and deletes those past its new end",
          "[site][incremental][pagination]") {
  SiteFixture site;
  site.options.pages.list_page_sheets = 1;
  site.rebuild();
  const std::string first = "thematiques/isolement-lien-social/";
  std::vector<std::string> whole;
  for (const auto& page : list_pages(site, first))
    for (auto& id : listed_sheets(page)) whole.push_back(std::move(id));
  REQUIRE(whole.size() == 4);

  // A publication takes the value from one sheet: the next ones move up a page, the last page goes.
  const std::string id = "gironde-as-quartier-liens";
  const auto before = pratiques::site::browse_values(site.options.index, {id});
  replace_once(site.sheet_file(id), "thematiques: [isolement-lien-social, ", "thematiques: [");
  site.reindex();
  const auto report = pratiques::site::rebuild_sheets(site.options, {id}, before);
  CHECK(std::count(report.deleted.begin(), report.deleted.end(), first + "page-4/index.html") == 1);
  CHECK_FALSE(fs::exists(site.out / first / "page-4"));
  const auto pages = list_pages(site, first);
  REQUIRE(pages.size() == 3);
  std::vector<std::string> split, expected;
  for (const auto& s : whole)
    if (s != "/fiches/" + id + "/") expected.push_back(s);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    for (auto& s : listed_sheets(pages[i])) split.push_back(std::move(s));
    check_page(pages[i], "/" + first, static_cast<int>(i + 1), 3);
  }
  CHECK(split == expected);
}
