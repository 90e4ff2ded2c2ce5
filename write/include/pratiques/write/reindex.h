// Re-indexing after a publication: the one place that calls the indexer, so that switching to the
// indexing library's in-process "publish these changed files now" (DESIGN-NOTES decision 5) is a
// change here only. Today it runs the incremental `pratiques index` (build_index, keep-going: a
// broken sheet elsewhere in content/ never blocks a publication, and is reported).
#pragma once
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"

namespace pratiques::write {

struct Paths {
  std::string content = "content";
  std::string schemas = "schemas";
  std::string index = "index";   // the link given to `pratiques index --out`
  std::string site = "public";   // `pratiques build --out`
  std::string base_url = "http://localhost:8080";  // the site's absolute URLs
};

struct ReindexResult {
  bool published = false;
  std::string generation;              // the one served now
  Diagnostics diagnostics;             // errors of the changed files (and of any other file)
  std::vector<std::string> rejected;   // files left out of the index
};

// `changed`: the files just written in content/ (paths as given to the indexer's scan).
ReindexResult reindex(const Paths& paths, const std::vector<std::string>& changed);

}  // namespace pratiques::write
