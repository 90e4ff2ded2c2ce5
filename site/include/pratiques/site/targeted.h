// Targeted rebuilds, after a publication changed a few sheets, rendered from the catalogue of the
// new generation exactly as a full build would, in two steps:
// - rebuild_own_pages(): the sheets' own pages (page, citations, the redirects of their former
//   ids; deleted when a sheet left the index: archived or removed). What a publication answers
//   after: it reads the sheets, the titles of those they link to and their "Pratiques proches",
//   nothing that grows with the collection.
// - rebuild_dependents(): the pages that list or include them: the browse pages of every value
//   they had before or have now (each page of the value's list: the later ones shift; those past
//   its new last page deleted), the courses whose steps use them (page, students' handout,
//   references), the pages of the sheets whose "Fiches liées" name them, and the HTML site map
//   (/plan-du-site/: every sheet's title, every value's count). The write side runs it in the
//   background, right after the answer.
// Everything else that mentions them (home page, feeds, sitemap.xml, facet indexes and their
// counts, the map, other sheets' "Pratiques proches") waits for the next full build, which the
// write side runs in the background after the dependent pages (docs/ecrire.md, "Publication").
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/site/build.h"

namespace pratiques::site {

struct TargetedReport {
  std::vector<std::string> written, deleted;  // relative to options.out
  std::size_t sheets_loaded = 0;              // sheets read from the catalogue to render them
  double seconds = 0;
};

// (facet, value) pairs of the browse facets (browse_facets()).
using BrowseValues = std::set<std::pair<std::string, std::string>>;

// The browse values these sheets have in the index (the link given to `pratiques index --sortie`)
// now: taken before a publication, whose re-index may change the generation in place, so that the
// pages of the values a sheet loses are rewritten too. None when there is no index yet.
BrowseValues browse_values(const std::string& index, const std::vector<std::string>& ids);

// The sheets' own pages. Throws std::runtime_error (French) when the index is unusable.
TargetedReport rebuild_own_pages(const BuildOptions& options, const std::vector<std::string>& ids);

// The pages that depend on them. `before`: browse_values() of the same sheets before the
// publication. Throws std::runtime_error (French) when the index is unusable.
TargetedReport rebuild_dependents(const BuildOptions& options, const std::vector<std::string>& ids,
                                  const BrowseValues& before);

// Both, one after the other (a program that publishes and waits for the pages).
TargetedReport rebuild_sheets(const BuildOptions& options, const std::vector<std::string>& ids,
                              const BrowseValues& before);

// After a course is published (or archived): its pages (deleted when it left the index) and the
// course list /parcours/, rendered with the sheets its steps cite. The home page waits for the full
// build.
TargetedReport rebuild_courses(const BuildOptions& options, const std::vector<std::string>& ids);

}  // namespace pratiques::site
