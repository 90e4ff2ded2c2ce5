// `pratiques build`: the static site, rendered from an index directory (catalogue + Xapian).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "pratiques/site/writer.h"

namespace pratiques::site {

struct BuildOptions {
  std::string index = "index";                     // the path given to `pratiques index --out`
  std::string out = "public";                      // the site directory (created if needed)
  std::string base_url = "http://localhost:8080";  // absolute URLs: feeds, citations, sitemap, OpenGraph
  int similar = 5;                                 // "Pratiques proches" per sheet
  WriteGuard guard;                                // wraps every file operation (background rebuilds)
};

struct BuildReport {
  std::size_t pages = 0;      // HTML pages
  std::size_t files = 0;      // every file of the site
  std::size_t written = 0;    // files whose bytes changed (or new)
  std::size_t unchanged = 0;  // files left untouched (same bytes, same timestamps)
  std::vector<std::string> written_paths, deleted_paths;  // relative to out
  std::vector<std::string> warnings;
  double seconds = 0;
};

// Throws std::runtime_error (French message) when the index or the options are unusable.
BuildReport build_site(const BuildOptions& options);

// "http://host[:port]" without a trailing slash, or "" when the URL is not an http(s) origin.
std::string normalize_base_url(const std::string& url);

}  // namespace pratiques::site
