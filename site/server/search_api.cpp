// GET /api/recherche: the JSON object of the search library (same keys as `pratiques search --json`).
// GET /api/etat: which index generation is served.
#include <Poco/JSON/Object.h>

#include <sstream>

#include "handlers.h"
#include "pratiques/sheet_history.h"
#include "search_run.h"

namespace pratiques::server {

void SearchApiHandler::handle(Exchange& ex) {
  const SearchRun run = run_search(state_, ex);
  log_search(state_, run, ex.request.get("X-Pratiques-Saisie", "") == "1" ? "saisie" : "api");
  SendOptions o;
  o.headers.emplace_back("X-Pratiques-Generation", run.generation->name);
  const bool gzip_ok = accepts_gzip(ex.request.get("Accept-Encoding", "")) && !run.result->json_gzip.empty();
  if (gzip_ok) o.gzipped = &run.result->json_gzip;
  // The body itself only for a client that does not take gzip (from the cache: decompressed).
  ex.send_json(200, gzip_ok ? std::string() : run.json(), o);
}

void StatusHandler::handle(Exchange& ex) {
  const auto gen = state_.pool.current();
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("generation", gen->name);  // the primary's publication, on a read node too
  o.set("role", state_.read_node ? "replique" : "primaire");
  if (state_.read_node)
    o.set("primaire",
          state_.options.primary_url.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(state_.options.primary_url));
  // When the publication was made (on the primary) and loaded here: on a read node, the difference
  // is how long the last publication took to reach it (replication, catalogue, reload).
  o.set("publiee_le", gen->published_at.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(gen->published_at));
  o.set("chargee_le", utc_datestamp(gen->loaded_at));
  if (const auto published = parse_utc_datestamp(gen->published_at))
    o.set("delai_chargement_s", static_cast<long long>(gen->loaded_at - *published));
  else
    o.set("delai_chargement_s", Poco::Dynamic::Var());
  o.set("fiches", gen->sheets);
  const SearcherPool::Stats pool = state_.pool.stats();
  o.set("rechargements", pool.reloads);
  o.set("chercheurs_ouverts", pool.open_searchers);
  o.set("requetes", static_cast<std::uint64_t>(state_.requests));
  o.set("erreurs_serveur", static_cast<std::uint64_t>(state_.server_errors));
  o.set("connexions", state_.watchdog.size());
  o.set("en_attente", state_.admission.waiting());
  o.set("journal_perdu", state_.log ? state_.log->dropped() : 0);
  const ResultCache::Stats cache = state_.cache.stats();
  o.set("cache_octets", cache.bytes);
  o.set("cache_succes", cache.hits);
  o.set("cache_echecs", cache.misses);
  std::ostringstream out;
  o.stringify(out);
  SendOptions so;
  so.cache = "no-store";
  so.headers.emplace_back("X-Pratiques-Generation", gen->name);
  ex.send_json(200, out.str(), so);
}

}  // namespace pratiques::server
