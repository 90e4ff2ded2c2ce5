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
  k += '\x1f' + std::to_string(r.page) + '\x1f' + std::to_string(r.per_page) + '\x1f' + std::to_string(static_cast<int>(r.sort));
  return k;
}

std::size_t ResultCache::cost(const Entry& e) {
  // The key (twice: the list and the map), the body, and the nodes and headers around them.
  return 2 * e.first.size() + e.second->json_gzip.size() + 256;
}

std::shared_ptr<const CachedSearch> ResultCache::find(const std::string& key) {
  if (!max_bytes_) return nullptr;
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void ResultCache::put(const std::string& key, std::shared_ptr<const CachedSearch> value) {
  if (!max_bytes_) return;
  const std::string generation = key.substr(0, key.find('\x1f'));
  std::lock_guard lock(mutex_);
  if (generation < generation_) return;  // a request that started on the previous index
  if (generation != generation_) {       // a new index: the old results are never asked for again
    lru_.clear();
    index_.clear();
    bytes_ = 0;
    generation_ = generation;
  }
  if (index_.count(key)) return;
  lru_.emplace_front(key, std::move(value));
  const std::size_t c = cost(lru_.front());
  if (c > max_bytes_ / 4) {  // one huge response would evict everything
    lru_.pop_front();
    return;
  }
  index_[key] = lru_.begin();
  bytes_ += c;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= cost(lru_.back());
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::size_t ResultCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}
std::size_t ResultCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}
std::size_t ResultCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace pratiques::server
