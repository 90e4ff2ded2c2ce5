// Routing: the request target is split and decoded once (malformed → 400), then one handler per route.
#include "router.h"

#include "handlers.h"
#include "pratiques/site/context.h"
#include "write_handlers.h"

namespace pratiques::server {

namespace {

constexpr std::size_t kMaxTarget = 8192;

bool valid_id(const std::string& id) { return id.size() <= 200 && site::url_safe(id); }

}  // namespace

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(const Poco::Net::HTTPServerRequest& request) {
  const std::string& uri = request.getURI();
  if (uri.size() > kMaxTarget)
    return new ErrorHandler(
        state_, Target{uri.rfind("/api/", 0) == 0 ? "/api/" : "/", ""}, 414,
        "Adresse trop longue (" + std::to_string(uri.size()) + " octets, au plus " + std::to_string(kMaxTarget) + ").");
  Target t;
  try {
    t = split_target(uri);
  } catch (const ClientError& e) {
    Target fallback{uri.rfind("/api/", 0) == 0 ? "/api/" : "/", ""};
    return new MalformedTargetHandler(state_, fallback, e.status, e.what());
  }
  if (t.path.find('\0') != std::string::npos)
    return new MalformedTargetHandler(state_, Target{"/", ""}, 400, "Adresse mal formée.");
  const std::string& p = t.path;
  if (auto* h = write_route(state_, t)) {
    if (!state_.read_node) return h;
    delete h;  // a read node writes nothing: not even a login (docs/repliques.md)
    return new ReadNodeHandler(state_, std::move(t));
  }
  if (p == "/recherche" || p == "/recherche/") return new SearchPageHandler(state_, std::move(t));
  if (p == "/opensearch.xml") return new OpenSearchHandler(state_, std::move(t));
  if (p == "/oai" || p == "/oai/pratiques-fiche.xsd") return new OaiHandler(state_, std::move(t));
  if (p.starts_with("/api/")) {
    if (p == "/api/recherche") return new SearchApiHandler(state_, std::move(t));
    if (p == "/api/suggestions") return new SuggestionsHandler(state_, std::move(t));
    if (p == "/api/etat") return new StatusHandler(state_, std::move(t));
    static const std::string sheets = "/api/fiches/";
    if (p.starts_with(sheets)) {
      std::string rest = p.substr(sheets.size());
      static const std::string similar = "/similaires";
      if (rest.ends_with(similar)) {
        std::string id = rest.substr(0, rest.size() - similar.size());
        if (valid_id(id)) return new SimilarApiHandler(state_, std::move(t), std::move(id));
      } else {
        if (rest.ends_with('/')) rest.pop_back();
        if (valid_id(rest)) return new SheetApiHandler(state_, std::move(t), std::move(rest));
      }
      return new ErrorHandler(state_, std::move(t), 404, "Aucune fiche à cette adresse.");
    }
    return new ErrorHandler(state_, std::move(t), 404,
                            "Point d'accès inconnu. Disponibles : /api/recherche, /api/fiches/<id>, "
                            "/api/fiches/<id>/similaires, /api/suggestions, /api/etat, /api/contributions, "
                            "/api/revues-a-faire, /api/compte.");
  }
  return new StaticFileHandler(state_, std::move(t));
}

}  // namespace pratiques::server
