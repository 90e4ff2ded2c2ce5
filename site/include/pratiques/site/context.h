// What every renderer receives: the data, the templates, the options and the search library
// (for "Pratiques proches").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/search.h"
#include "pratiques/site/build.h"
#include "pratiques/site/model.h"
#include "pratiques/site/templates.h"

namespace pratiques::site {

struct Context {
  const BuildOptions& options;
  const SiteData& data;
  const Templates& templates;
  const Searcher* searcher = nullptr;  // null: no "Pratiques proches"
  std::string base_url;                // normalised options.base_url
  // "Pratiques proches" asked of Xapian sheet by sheet (Searcher::similar, same result): for a
  // targeted rebuild of a few pages. Otherwise every sheet's neighbours are computed in memory at
  // the first page (Searcher::similar_ids), which a full build amortises.
  bool similar_per_sheet = false;
  // A preview of a document never published (the server's "Aperçu"): its permanent address does not
  // answer yet, so it is shown as text, said to be active at publication, not as a link.
  bool unpublished = false;

  std::string absolute(std::string_view path) const { return base_url + std::string(path); }
};

// URL paths (with a trailing slash) and file paths of the pages.
std::string sheet_path(std::string_view id);                                    // /fiches/<id>/
std::string course_path(std::string_view id);                                   // /parcours/<id>/
std::string facet_path(std::string_view segment, std::string_view value = {});  // /thematiques/<slug>/
std::string file_of(std::string_view url_path);                                 // /a/b/ → a/b/index.html
// True for identifiers usable in a URL path ([A-Za-z0-9-], not empty, not starting with '-').
bool url_safe(std::string_view id);

}  // namespace pratiques::site
