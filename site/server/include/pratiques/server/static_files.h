// The static site built by `pratiques build` (--site), as the server reads it: its root, and a
// bounded cache of compressed bodies (StaticFileHandler serves the files, static_files.cpp).
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "pratiques/server/lru_cache.h"

namespace pratiques::server {

class StaticFiles {
 public:
  static constexpr std::size_t kCacheBytes = 32u << 20;  // compressed bodies kept
  explicit StaticFiles(std::string root, std::size_t cache_bytes = kCacheBytes);
  const std::string& root() const { return root_; }
  // gzip of `raw`, the content of `path` at version `etag`: compressed once, then from the cache.
  std::shared_ptr<const std::string> gzipped(const std::string& path, const std::string& etag, const std::string& raw);

 private:
  std::string root_;
  LruCache<std::string> cache_;  // key: path, newline, etag
};

}  // namespace pratiques::server
