// `pratiques index` and publications: content/ → Xapian database + SQLite catalogue.
//
// A full build writes a new generation on every core and switches the index link to it (first
// run, `--complet`, schemas or index format changed, or a change too large to hold in memory).
// Otherwise only what changed is published into the current generation, in place: one Xapian
// commit, then one catalogue commit (index_store.h). Either way a reader, or a kill at any instant,
// sees the previous state or the new one, whole; a second writer is refused by the lock.
#pragma once
#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/index_layout.h"

namespace pratiques {

struct IndexOptions {
  std::string content = "content";
  std::string schemas = "schemas";
  std::string out = "index";
  bool keep_going = false;  // publish valid sheets even when others have errors
  bool full = false;        // a new generation, whatever changed
  // The publication time recorded in the history (sheet_history.h), read once, as late as can be
  // before the publication; empty: the system clock.
  std::function<std::time_t()> clock;
  unsigned threads = 0;     // threads of a full build; 0: one per core
};

struct IndexReport {
  Diagnostics diagnostics;
  std::vector<std::string> rejected;  // files not published because of errors
  std::size_t sheets = 0, added = 0, updated = 0, removed = 0, unchanged = 0, courses = 0, pages = 0;
  std::size_t archived = 0;  // sheets archived in this run's changed files (kept out of the index)
  std::size_t bytes_indexed = 0;
  bool full_rebuild = false;
  bool published = false;
  std::string generation;                   // directory of the generation published (or changed in place)
  long long publication = 0;                // its publication number (1 for a new generation)
  std::vector<std::string> changed_sheets;  // ids added, changed or removed: the pages to render again
};

// `pratiques index`. Throws IndexBusy when another writer holds the lock, IndexError when the
// index cannot be written (read-only, disk full: the previous state stays), GridError when the
// schemas are invalid.
IndexReport build_index(const IndexOptions& options);

// Publication of a few files now, in process (the write side's call, DESIGN-NOTES decision 5).
// The schemas are loaded once, by the constructor; each publish() then costs what the named files
// cost, not what the collection does (bench/: p95 at 30,000 sheets). Thread-safe: calls are
// serialised, and so are they with `pratiques index` by the index lock.
class Publisher {
 public:
  // options.content, schemas and out; `lock_wait`: how long publish() waits for another writer.
  explicit Publisher(IndexOptions options, std::chrono::milliseconds lock_wait = std::chrono::seconds(30));
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Publishes the named files of the content directory (relative to it, or paths under it): each
  // one written, edited, archived or removed since. They are checked with the corpus-level rules
  // against the published sheets; when one has an error nothing is published (report.published is
  // false and report.diagnostics say why), unless options.keep_going. Throws IndexBusy after
  // `lock_wait`, IndexError when there is no index yet or it was built from other schemas
  // (`pratiques index --complet` first).
  IndexReport publish(const std::vector<std::string>& paths);

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::mutex mutex_;
};

}  // namespace pratiques
