// What every request of the server shares: options, searchers, caches, log, limits (server.cpp).
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "pratiques/server/admission.h"
#include "pratiques/server/cache.h"
#include "pratiques/server/pool.h"
#include "pratiques/server/search_log.h"
#include "pratiques/server/server.h"
#include "pratiques/server/static_files.h"
#include "pratiques/write/editorial.h"
#include "search_threads.h"
#include "watchdog.h"

namespace pratiques::server {

struct State {
  ServerOptions options;
  const bool read_node;  // read_node(options), decided once at start
  SearcherPool pool;
  std::unique_ptr<SearchLog> log;
  StaticFiles files;
  ResultCache cache;
  SearchThreads searchers;
  Admission admission;
  Watchdog watchdog;
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> requests{0}, server_errors{0};
  std::string bound_url;
  std::string local_url;  // the origin of absolute links without --url: localhost for a loopback or any address
  std::unique_ptr<write::Editorial> editorial;  // accounts, contributions, publication (write_handlers.h)
  State(ServerOptions o, std::size_t searches);
};

}  // namespace pratiques::server
