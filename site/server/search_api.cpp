// GET /api/recherche: the JSON object of the search library (same keys as `pratiques search --json`).
// GET /api/etat: which index generation is served.
#include <Poco/JSON/Object.h>

#include <sstream>

#include "internal.h"

namespace pratiques::server {

void SearchApiHandler::handle(Exchange& ex) {
  SearchParams p;
  SearchResponse r;
  std::string generation;
  {
    auto lease = state_.pool.acquire();
    p = parse_search_params(ex.params(), lease.generation().facet_keys);
    const auto t0 = Clock::now();
    r = lease.searcher().search(p.request);
    ex.add_timing("recherche", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    generation = lease.generation().name;
  }
  log_search(state_, p, r, ex.request.get("X-Pratiques-Saisie", "") == "1" ? "saisie" : "api");
  SendOptions o;
  o.headers.emplace_back("X-Pratiques-Generation", generation);
  ex.send_json(200, to_json(r), o);
}

void StatusHandler::handle(Exchange& ex) {
  const auto gen = state_.pool.current();
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("generation", gen->name);
  o.set("fiches", gen->sheets);
  o.set("rechargements", state_.pool.reloads());
  o.set("chercheurs_ouverts", state_.pool.open_searchers());
  o.set("requetes", static_cast<std::uint64_t>(state_.requests));
  o.set("erreurs_serveur", static_cast<std::uint64_t>(state_.server_errors));
  o.set("connexions", state_.watchdog.size());
  o.set("journal_perdu", state_.log ? state_.log->dropped() : 0);
  std::ostringstream out;
  o.stringify(out);
  SendOptions so;
  so.cache = "no-store";
  so.headers.emplace_back("X-Pratiques-Generation", gen->name);
  ex.send_json(200, out.str(), so);
}

}  // namespace pratiques::server
