// Re-indexing after a publication: the one place that calls the indexer (DESIGN-NOTES decision 5).
// It publishes the files just written in place, through the indexing library's Publisher, which
// loads the schemas once and touches only those files (no scan of content/, no copy of the index).
// When that cannot be done (no index yet, or one built from other schemas) it runs the incremental
// `pratiques index` instead. Keep-going: a broken sheet elsewhere never blocks a publication.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/site/build.h"

namespace pratiques {
class Publisher;
}

namespace pratiques::write {

struct Paths {
  std::string content = "content";
  std::string schemas = "schemas";
  std::string index = "index";                     // the link given to `pratiques index --out`
  std::string site = "public";                     // `pratiques build --out`
  std::string base_url = "http://localhost:8080";  // the site's absolute URLs
  site::PageOptions pages;                         // `pratiques build --editeur …, --proches …, --fiches-par-page …`
};

struct ReindexResult {
  bool published = false;
  bool full_run = false;              // the in-place publication could not be used
  std::string generation;             // the one served now
  Diagnostics diagnostics;            // errors of the changed files (and of any other file)
  std::vector<std::string> rejected;  // files left out of the index
};

class Reindexer {
 public:
  explicit Reindexer(Paths paths);
  ~Reindexer();

  // `changed`: the files just written, archived or removed in content/ (paths under it).
  ReindexResult reindex(const std::vector<std::string>& changed);

 private:
  Paths paths_;
  std::mutex mutex_;
  std::unique_ptr<pratiques::Publisher> publisher_;  // made at the first publication, kept
};

}  // namespace pratiques::write
