// A search of /recherche or /api/recherche: from the result cache, else on a search thread with a
// leased searcher (then cached); and its line in the search log.
#include "search_run.h"

#include <algorithm>

namespace pratiques::server {

SearchRun run_search(State& st, Exchange& ex) {
  SearchRun run;
  run.generation = st.pool.current();
  run.params = parse_search_params(ex.params(), run.generation->facet_keys);
  const auto t0 = Clock::now();
  const std::string key = ResultCache::key(run.generation->name, run.params.request);
  run.result = st.cache.find(key);
  if (run.result) {
    ex.add_timing("cache", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    return run;
  }
  const Params& params = ex.params();
  // Compressed for the cache, or for this client; a page without the cache needs no JSON at all.
  const bool keep = st.cache.enabled(), api = ex.is_api();
  const bool compress = keep || (api && accepts_gzip(ex.request.get("Accept-Encoding", "")));
  run = st.searchers.run([&st, &params, run, keep, api, compress]() mutable {
    auto lease = st.pool.acquire();
    if (lease.generation().name != run.generation->name) {  // reloaded meanwhile: search the new one
      run.generation = lease.shared_generation();
      run.params = parse_search_params(params, run.generation->facet_keys);
    }
    run.fresh = lease.searcher().search(run.params.request);
    if (keep || api) run.fresh_json = to_json(*run.fresh);
    auto result = std::make_shared<CachedSearch>();
    if (compress) result->json_gzip = gzip(run.fresh_json, kGzipDynamic);
    result->total = run.fresh->total;
    result->corrected = run.fresh->corrected;
    result->complete = run.fresh->complete;
    result->collection = run.fresh->collection;
    result->suggestion = run.fresh->suggestion.value_or("");
    run.result = std::move(result);
    return run;
  });
  ex.add_timing("recherche", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  if (keep) st.cache.put(ResultCache::key(run.generation->name, run.params.request), run.result);
  return run;
}

SearchResponse SearchRun::take_response() {
  if (fresh) return std::move(*fresh);
  SearchResponse r = from_json(gunzip(result->json_gzip));
  const auto& filters = params.request.filters;
  for (auto& f : r.facets) {
    if (auto label = generation->facet_label.find(f.key); label != generation->facet_label.end())
      f.label = label->second;
    for (auto& v : f.values)
      v.selected = std::find(filters.begin(), filters.end(), std::make_pair(f.key, v.value)) != filters.end();
  }
  return r;
}

std::string SearchRun::json() const { return fresh ? fresh_json : gunzip(result->json_gzip); }

void log_search(State& st, const SearchRun& run, const std::string& origin) {
  const SearchParams& p = run.params;
  if (!st.log || p.request.page != 1) return;                        // a further page is the same search
  if (p.request.query.empty() && p.request.filters.empty()) return;  // a visit, not a search
  st.log->record({p.request.query, p.filters_text(), run.result->total, run.result->corrected, origin,
                  run.result->suggestion, run.result->complete, run.result->collection});
}

}  // namespace pratiques::server
