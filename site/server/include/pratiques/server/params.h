// The parameters of /recherche and /api/recherche, with their bounds. Unknown parameters are
// ignored; what cannot be served (over-long query, too many filters, bad UTF-8) is a ClientError(400)
// with a French message; a page number out of range is clamped.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "pratiques/search.h"
#include "pratiques/server/http.h"
#include "pratiques/site/pagination.h"

namespace pratiques::server {

struct Limits {
  std::size_t max_query = kMaxQueryChars;  // characters of q (the library's own bound)
  std::size_t max_filters = kMaxFilters;   // facet values, all facets together
  std::size_t max_value = 200;             // bytes of one facet value
  int max_page = 1000;                     // larger page numbers are clamped (then to the last page)
};

struct SearchParams {
  SearchRequest request;            // query trimmed, filters deduplicated, page ≥ 1
  std::string sort = "pertinence";  // the valid name given, for URLs
  bool explicit_per_page = false;   // par_page was given
  bool courses_only = false;        // type=parcours: every course that matches, and no sheet
  // The canonical parameters of this search (q, filters, tri, par_page, type), without the page:
  // the base of every link of the results page.
  Params base() const;
  // "thematiques=a&publics=b": the filters as logged.
  std::string filters_text() const;
};

// `facet_keys`: the facet keys of the index (Searcher::facet_keys()).
SearchParams parse_search_params(const Params& params, const std::set<std::string>& facet_keys,
                                 const Limits& limits = {});

// The page links of a results page (pratiques/site/pagination.h, shared with the static lists).
using site::page_window;

// Number parameter: digits only, clamped to [lo, hi]; `def` when absent or not a number.
int clamp_int(const std::string& text, int def, int lo, int hi);

// True when `s` is valid UTF-8 without control characters other than tab.
bool clean_utf8(const std::string& s);

}  // namespace pratiques::server
