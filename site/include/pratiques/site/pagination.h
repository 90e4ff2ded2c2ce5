// Long lists cut into numbered pages: the search's results (server), and the static pages that
// list sheets (a browse value, a SKOS concept): "/thematiques/x/" is the first page,
// "/thematiques/x/page-2/" the second… of BuildOptions::list_page_sheets sheets each.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace pratiques::site {

// The page links of a list: the first and last pages and two on each side of the current one, 0
// standing for a gap ("…"). A gap never hides a single page: that page is listed instead.
std::vector<int> page_window(int current, int last);

// How many pages hold `items` at `per_page` a page: at least one (an empty list has its page).
std::size_t page_count(std::size_t items, std::size_t per_page);

// The path of page `n` of the static list whose first page is `first` ("/thematiques/x/"):
// `first` itself for n = 1, otherwise `first` + "page-<n>/".
std::string list_page_path(const std::string& first, std::size_t n);

}  // namespace pratiques::site
