// A thread-safe map of the most recently used entries, bounded in bytes: the server's result cache
// and its compressed static files. The caller states what each entry costs.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pratiques::server {

template <class V>
class LruCache {
 public:
  struct Stats {
    std::size_t bytes = 0, hits = 0, misses = 0;
  };

  explicit LruCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The value kept for `key` (now the most recently used), or null.
  std::shared_ptr<const V> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++stats_.misses;
      return nullptr;
    }
    ++stats_.hits;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->value;
  }

  // Keeps `value` for `key`, unless the key is there already or the entry alone would take more
  // than a quarter of the budget (it would evict everything); then drops the least recently used
  // entries past the budget.
  void put(const std::string& key, std::shared_ptr<const V> value, std::size_t cost) {
    std::lock_guard lock(mutex_);
    if (cost > max_bytes_ / 4 || index_.count(key)) return;
    lru_.push_front({key, std::move(value), cost});
    index_[key] = lru_.begin();
    stats_.bytes += cost;
    while (stats_.bytes > max_bytes_) {
      stats_.bytes -= lru_.back().cost;
      index_.erase(lru_.back().key);
      lru_.pop_back();
    }
  }

  void clear() {
    std::lock_guard lock(mutex_);
    lru_.clear();
    index_.clear();
    stats_.bytes = 0;
  }

  Stats stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const V> value;
    std::size_t cost;
  };
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
  Stats stats_;
};

}  // namespace pratiques::server
