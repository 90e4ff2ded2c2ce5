// Results of recent searches, per index generation: real traffic repeats its popular queries
// (and a results page is asked again on "back"), so a bounded LRU cache of search responses (with
// their JSON) answers them without searching again. A new generation empties it; --cache 0 turns
// it off.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "pratiques/search.h"

namespace pratiques::server {

struct CachedSearch {
  SearchResponse response;
  std::string json;  // to_json(response)
  // The JSON gzipped, made at the first request that accepts gzip and kept: compressing a popular
  // response again at every hit cost several times more than serving it.
  const std::string& json_gzip() const;

 private:
  mutable std::once_flag gzip_once_;
  mutable std::string gzip_;
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
