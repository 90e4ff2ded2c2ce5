// Results of recent searches, per index generation: real traffic repeats its popular queries
// (and a results page is asked again on "back"), so a bounded LRU cache of search responses, kept
// as gzipped JSON, answers them without searching again. A new generation empties it; --cache 0
// turns it off.
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "pratiques/search.h"
#include "pratiques/server/lru_cache.h"

namespace pratiques::server {

// A search as the cache keeps it: its JSON gzipped (~9 KB; the response with its JSON took ~80 KB,
// and 32 MB held 400 searches, a tenth of the benchmark's distinct queries), and what the search
// log needs. A results page decodes the JSON (from_json).
struct CachedSearch {
  std::string json_gzip;  // gzip(to_json(response)); empty when no one needs it (no cache, a page)
  unsigned total = 0;
  bool corrected = false;
  unsigned complete = 0, collection = 0;  // SearchResponse::complete, ::collection (for the log)
  std::string suggestion;                 // "" = none
};

class ResultCache {
 public:
  using Stats = LruCache<CachedSearch>::Stats;
  explicit ResultCache(std::size_t max_bytes) : lru_(max_bytes), enabled_(max_bytes > 0) {}
  // The key of a request: generation, query, filters (sorted), page, size, order.
  static std::string key(const std::string& generation, const SearchRequest& r);
  std::shared_ptr<const CachedSearch> find(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const CachedSearch> value);
  Stats stats() const { return lru_.stats(); }
  bool enabled() const { return enabled_; }

 private:
  LruCache<CachedSearch> lru_;
  const bool enabled_;
  std::mutex mutex_;        // puts, and the change of generation
  std::string generation_;  // of the entries kept
};

}  // namespace pratiques::server
