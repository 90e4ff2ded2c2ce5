// Searchers for the server's worker threads, and hot reload. A Searcher is not thread-safe: a
// request leases one (with the catalogue it reads) for its duration. Every lease first checks
// whether the index changed: another generation (the link, one readlink) or a publication in place
// (the catalogue's PRAGMA data_version, at most every few milliseconds). Then one thread loads the
// new state (searcher, catalogue) while the others keep serving the old one, and new leases use the
// new state; old searchers are dropped as they come back. The completion keys of a new state are
// built by a thread of their own (0.75 s at 30,000 sheets, too long to hold up the first search
// after a publication): until they are ready, the previous state's keys answer. A searcher reads one
// publication of its generation (index_store.h), and opens the index again if two more commits
// came meanwhile: a request that started on the old state finishes, on it or on the new one.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
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

// What the server knows of one publication of a generation beyond the searcher (immutable, shared
// by leases).
struct Generation {
  std::string dir;   // canonical directory
  std::string name;  // its last component and the publication ("000004.12"): what results are cached under
  long long publication = 0;
  std::vector<FacetInfo> facets;  // facet keys in display order
  std::set<std::string> facet_keys;
  std::map<std::string, std::string> facet_label;
  std::vector<TopValue> top_themes;  // for the browse links of the zero-results page
  std::size_t sheets = 0;
  // When the (primary's) publication was made, UTC ("" for an index older than the key), and when
  // this server loaded it: /api/etat's figures of a read node's delay.
  std::string published_at;
  std::time_t loaded_at = 0;
  // Its own completion keys once built, the previous state's until then.
  std::shared_ptr<const Suggester> suggester() const { return suggester_.load(); }
  mutable std::atomic<std::shared_ptr<const Suggester>> suggester_;
  CourseFinder courses;                        // courses listed above the sheets of a results page
  std::shared_ptr<const site::SiteData> site;  // what the page frame needs (text pages for the navigation)
  // With `keys` null, the completion keys are built from the searcher's catalogue at once.
  static std::shared_ptr<const Generation> load(const Searcher& searcher, std::shared_ptr<const Suggester> keys);
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
  // The index has just been published by this process (a curator's action): the next acquire()
  // looks for a new publication at once, not within the delay between two checks, so that the
  // sheet is searchable from the very next request.
  void recheck();
  // The generation new leases use (after checking the link).
  std::shared_ptr<const Generation> current();
  struct Stats {
    std::size_t reloads = 0, open_searchers = 0;
  };
  Stats stats() const;

 private:
  void refresh();
  void give_back(std::unique_ptr<Lease::Slot> slot);
  void build_keys();  // the thread that builds the completion keys of `keys_wanted_`

  std::string index_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Generation> current_;
  std::string current_link_;  // the index link's target when current_ was loaded (readlink)
  std::vector<std::unique_ptr<Lease::Slot>> free_;
  std::size_t open_ = 0, reloads_ = 0;
  bool loading_ = false;
  std::unique_ptr<Catalog> probe_;  // the current generation's catalogue, for PRAGMA data_version
  long long probe_version_ = -1;
  std::chrono::steady_clock::time_point checked_at_{};  // of probe_
  std::string failed_;  // a state ("dir publication") that could not be loaded: said once, retried
  std::chrono::steady_clock::time_point failed_at_{};
  std::string failed_link_;  // the link's target when it failed
  std::shared_ptr<const Generation> keys_wanted_;  // the newest state whose own keys are not built yet
  bool stopping_ = false;
  std::condition_variable keys_cv_;
  std::thread keys_thread_;  // last: started once the rest is initialised
};

}  // namespace pratiques::server
