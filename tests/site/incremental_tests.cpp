// Incremental builds: a second build writes only the files whose bytes change. After one sheet is
// edited, only the pages that depend on it are rewritten; every other file keeps its bytes and
// its timestamp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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
