// The result cache (site/server/cache.cpp): bounded in bytes, it evicts the least recently used
// search; a new generation empties it; a late answer computed on the previous index is not kept.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "pratiques/server/cache.h"

using pratiques::SearchRequest;
using pratiques::server::CachedSearch;
using pratiques::server::ResultCache;

namespace {

std::string key_of(const std::string& generation, const std::string& query) {
  SearchRequest r;
  r.query = query;
  return ResultCache::key(generation, r);
}

std::shared_ptr<const CachedSearch> search_of(std::size_t bytes) {
  auto s = std::make_shared<CachedSearch>();
  s->json_gzip.assign(bytes, 'j');
  return s;
}

// A cache sized for exactly eight searches of 1,000 bytes with keys of the same length.
struct EightSlots {
  std::size_t one = 0;  // what one such search costs
  std::unique_ptr<ResultCache> cache;
  EightSlots() {
    ResultCache probe(1 << 20);
    probe.put(key_of("000001", "q0"), search_of(1000));
    one = probe.stats().bytes;
    cache = std::make_unique<ResultCache>(8 * one);
  }
  void put(const std::string& q, std::size_t bytes = 1000) { cache->put(key_of("000001", q), search_of(bytes)); }
  bool has(const std::string& q) { return cache->find(key_of("000001", q)) != nullptr; }
};

}  // namespace

TEST_CASE("result cache: the least recently used search is evicted when the cache is full", "[server][cache]") {
  EightSlots f;
  for (const char* q : {"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"}) f.put(q);
  CHECK(f.cache->stats().bytes == 8 * f.one);  // full, nothing evicted yet
  CHECK(f.has("q1"));                          // q1 is now the most recently used; q2 the least
  f.put("q9");
  CHECK_FALSE(f.has("q2"));
  for (const char* q : {"q3", "q4", "q5", "q6", "q7", "q8", "q9", "q1"}) {  // read in this order
    INFO(q);
    CHECK(f.has(q));
  }
  CHECK(f.cache->stats().bytes == 8 * f.one);
  // A search worth almost two others evicts the two least recently read, q3 and q4.
  f.put("qa", 1000 + f.one - 100);
  CHECK(f.has("qa"));
  CHECK_FALSE(f.has("q3"));
  CHECK_FALSE(f.has("q4"));
  for (const char* q : {"q5", "q6", "q7", "q8", "q1", "q9"}) {
    INFO(q);
    CHECK(f.has(q));
  }
  CHECK(f.cache->stats().bytes == 8 * f.one - 100);
}

TEST_CASE("result cache: a search larger than a quarter of the cache is not kept", "[server][cache]") {
  EightSlots f;
  f.put("q1");
  f.put("qx", 1000 + 2 * f.one);  // costs three searches: more than a quarter of eight
  CHECK_FALSE(f.has("qx"));
  CHECK(f.has("q1"));  // and it evicted nothing
  CHECK(f.cache->stats().bytes == f.one);
}

TEST_CASE("result cache: a new generation empties it, an answer from the previous one is dropped", "[server][cache]") {
  EightSlots f;
  f.put("q1");
  f.cache->put(key_of("000002", "q1"), search_of(1000));
  CHECK(f.cache->find(key_of("000001", "q1")) == nullptr);
  CHECK(f.cache->find(key_of("000002", "q1")) != nullptr);
  CHECK(f.cache->stats().bytes == f.one);
  f.put("q2");  // a request that started on the previous index
  CHECK(f.cache->find(key_of("000001", "q2")) == nullptr);
  CHECK(f.cache->stats().bytes == f.one);
}

TEST_CASE("result cache: --cache 0 keeps nothing", "[server][cache]") {
  ResultCache off(0);
  off.put(key_of("000001", "q1"), search_of(10));
  CHECK_FALSE(off.enabled());
  CHECK(off.find(key_of("000001", "q1")) == nullptr);
  CHECK(off.stats().bytes == 0);
}
