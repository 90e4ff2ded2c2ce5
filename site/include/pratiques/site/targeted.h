// A targeted rebuild, right after a publication changed a few sheets: their own pages (deleted when
// a sheet left the index: archived or removed) and the browse pages of every value they had before
// or have now, rendered from the catalogue of the new generation exactly as a full build would.
// Everything else that mentions them (home page, feeds, sitemap, facet indexes and their counts, the
// map, pages that link to them, other sheets' "Pratiques proches", courses) waits for the next full
// build, which the write side runs in the background (docs/ecrire.md, "Publication").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "pratiques/site/build.h"

namespace pratiques::site {

struct TargetedReport {
  std::vector<std::string> written, deleted;  // relative to options.out
  std::size_t sheets_loaded = 0;              // sheets read from the catalogue to render them
  double seconds = 0;
};

// `previous_generation`: the generation directory before the publication (for the values the
// sheets had), or none. Throws std::runtime_error (French) when the index is unusable.
TargetedReport rebuild_sheets(const BuildOptions& options, const std::vector<std::string>& ids,
                              const std::optional<std::string>& previous_generation);

}  // namespace pratiques::site
