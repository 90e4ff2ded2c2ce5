#include "pratiques/server/cache.h"

#include <algorithm>
#include <vector>

namespace pratiques::server {

std::string ResultCache::key(const std::string& generation, const SearchRequest& r) {
  std::vector<std::pair<std::string, std::string>> filters = r.filters;
  std::sort(filters.begin(), filters.end());
  std::string k = generation;
  k += '\x1f';
  k += r.query;
  for (const auto& [f, v] : filters) {
    k += '\x1f';
    k += f;
    k += '=';
    k += v;
  }
  k += '\x1f' + std::to_string(r.page) + '\x1f' + std::to_string(r.per_page) + '\x1f' +
       std::to_string(static_cast<int>(r.sort));
  return k;
}

std::shared_ptr<const CachedSearch> ResultCache::find(const std::string& key) {
  return enabled_ ? lru_.find(key) : nullptr;
}

void ResultCache::put(const std::string& key, std::shared_ptr<const CachedSearch> value) {
  if (!enabled_) return;
  const std::string generation = key.substr(0, key.find('\x1f'));
  std::lock_guard lock(mutex_);
  if (generation < generation_) return;  // a request that started on the previous index
  if (generation != generation_) {       // a new index: the old results are never asked for again
    lru_.clear();
    generation_ = generation;
  }
  // The key (twice: the list and the map), the body, and the nodes and headers around them.
  const std::size_t cost = 2 * key.size() + value->json_gzip.size() + 256;
  lru_.put(key, std::move(value), cost);
}

}  // namespace pratiques::server
