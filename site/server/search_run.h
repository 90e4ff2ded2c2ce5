// The search of a request, shared by the results page and the search API (search_run.cpp).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "exchange.h"

namespace pratiques::server {

// A search of /recherche or /api/recherche: parameters checked against the served generation,
// result from the cache or from a leased searcher (then cached).
struct SearchRun {
  SearchParams params;
  std::shared_ptr<const Generation> generation;
  std::shared_ptr<const CachedSearch> result;
  std::optional<SearchResponse> fresh;  // searched for this request (not from the cache)
  std::string fresh_json;
  // The response: the fresh one, else decoded from the cache, with what its JSON does not carry
  // (facet labels, selected values) restored from the generation and the request.
  SearchResponse take_response();
  // The JSON body: the fresh one, else the cached one decompressed.
  std::string json() const;
};
SearchRun run_search(State& st, Exchange& ex);
// Records a search in the log (page 1 only; not an empty visit).
void log_search(State& st, const SearchRun& run, const std::string& origin);

}  // namespace pratiques::server
