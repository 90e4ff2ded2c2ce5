// Results of recent searches, per index generation: real traffic repeats its popular queries
// (and a results page is asked again on "back"), so a bounded LRU cache of search responses, kept
// as gzipped JSON, answers them without searching again. A new generation empties it; --cache 0
// turns it off.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "pratiques/search.h"

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
  explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  // The key of a request: generation, query, filters (sorted), page, size, order.
  static std::string key(const std::string& generation, const SearchRequest& r);
  std::shared_ptr<const CachedSearch> find(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const CachedSearch> value);
  std::size_t bytes() const;
  std::size_t hits() const;
  std::size_t misses() const;
  bool enabled() const { return max_bytes_ > 0; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedSearch>>;
  static std::size_t cost(const Entry& e);
  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::string generation_;
  std::size_t bytes_ = 0, hits_ = 0, misses_ = 0;
};

}  // namespace pratiques::server
