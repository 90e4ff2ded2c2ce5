// A targeted rebuild, right after a publication changed a few sheets: their own pages (deleted when
// a sheet left the index: archived or removed), the browse pages of every value they had before or
// have now, the courses whose steps use them (page, students' handout, references), the pages of
// the sheets whose "Fiches liées" name them, and the HTML site map (/plan-du-site/: every sheet's
// title, every value's count), rendered from the catalogue of the new generation exactly as a full
// build would. Everything else that mentions them (home page, feeds, sitemap.xml, facet indexes and
// their counts, the map, other sheets' "Pratiques proches") waits for the next full build, which the write side runs in
// the background (docs/ecrire.md, "Publication").
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

// `before`: browse_values() of the same sheets before the publication. Throws std::runtime_error
// (French) when the index is unusable.
TargetedReport rebuild_sheets(const BuildOptions& options, const std::vector<std::string>& ids,
                              const BrowseValues& before);

// After a course is published (or archived): its pages (deleted when it left the index) and the
// course list /parcours/, rendered with the sheets its steps cite. The home page waits for the full
// build.
TargetedReport rebuild_courses(const BuildOptions& options, const std::vector<std::string>& ids);

}  // namespace pratiques::site
