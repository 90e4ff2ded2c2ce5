// Searchers for the server's worker threads, and hot reload. A Searcher is not thread-safe: a
// request leases one (with a catalogue connection) for its duration. Every lease first checks
// where the index link points; when `pratiques index` has published a new generation, one
// thread loads it (searcher, catalogue, completion keys) while the others keep serving the old
// one, then new leases use the new generation and the old searchers are dropped as they come
// back. The published generation is never written, and the indexer keeps the previous one: a
// request that started on it finishes on it (an incremental run rewrites only the generation
// published before that one, see generations.h).
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "pratiques/catalog.h"
#include "pratiques/course_search.h"
#include "pratiques/search.h"
#include "pratiques/server/suggest.h"
#include "pratiques/site/model.h"

namespace pratiques::server {

struct FacetInfo {
  std::string key, label;
};

struct TopValue {
  std::string facet, value, label;
  unsigned count = 0;
};

// What the server knows of one generation beyond the searcher (immutable, shared by leases).
struct Generation {
  std::string dir;   // canonical directory
  std::string name;  // its last component ("000004")
  std::vector<FacetInfo> facets;       // facet keys in display order
  std::set<std::string> facet_keys;
  std::map<std::string, std::string> facet_label;
  std::vector<TopValue> top_themes;    // for the browse links of the zero-results page
  std::size_t sheets = 0;
  Suggester suggester;
  CourseFinder courses;                // courses listed above the sheets of a results page
  std::shared_ptr<const site::SiteData> site;  // what the page frame needs (text pages for the navigation)
  static std::shared_ptr<const Generation> load(const std::string& dir);
};

class SearcherPool {
 public:
  // `index`: the link given to `pratiques index --out`. Throws SearchError when there is no usable
  // index. Leases are not limited here: the server's admission queue bounds the requests that
  // compute at once, hence the searchers in use.
  explicit SearcherPool(std::string index);
  ~SearcherPool();

  class Lease {
   public:
    Lease(Lease&&) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    const Searcher& searcher() const;
    Catalog& catalog();  // opened on first use (read only)
    const Generation& generation() const;
    std::shared_ptr<const Generation> shared_generation() const;

   private:
    friend class SearcherPool;
    struct Slot;
    Lease(SearcherPool* pool, std::unique_ptr<Slot> slot);
    SearcherPool* pool_;
    std::unique_ptr<Slot> slot_;
  };

  Lease acquire();
  // The generation new leases use (after checking the link).
  std::shared_ptr<const Generation> current();
  struct Stats {
    std::size_t reloads = 0, open_searchers = 0;
  };
  Stats stats() const;

 private:
  void refresh();
  void give_back(std::unique_ptr<Lease::Slot> slot);

  std::string index_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Generation> current_;
  std::string current_link_;  // the index link's target when current_ was loaded (readlink)
  std::vector<std::unique_ptr<Lease::Slot>> free_;
  std::size_t open_ = 0, reloads_ = 0;
  bool loading_ = false;
  std::string failed_dir_;  // a generation that could not be loaded, retried after a delay
  std::chrono::steady_clock::time_point failed_at_{};
};

}  // namespace pratiques::server
