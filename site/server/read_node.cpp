// The write side's routes on a read node (docs/repliques.md): only `pratiques replique` writes its
// index, and its accounts are not the primary's, so logging in, contributing and publishing are
// refused here with 503 and sent to the primary — never a login that fails as if the password were
// wrong, nor a publication that would make the node diverge from the primary.
#include <Poco/JSON/Object.h>

#include <sstream>

#include "handlers.h"
#include "page_frame.h"

namespace pratiques::server {

namespace {
constexpr const char* kMessage =
    "Ce serveur est un nœud de lecture : contribuer, se connecter et publier se font sur le serveur principal.";
}  // namespace

void ReadNodeHandler::handle(Exchange& ex) {
  const std::string& primary = state_.options.primary_url;
  // The same address on the primary (the query too, for a GET: a form's page with its parameters).
  std::string there;
  if (!primary.empty()) {
    there = primary + target_.path;
    const std::string& uri = ex.request.getURI();
    const auto query = uri.find('?');
    if (ex.request.getMethod() == "GET" && query != std::string::npos) there += uri.substr(query);
  }
  SendOptions o;
  o.cache = "no-store";
  o.headers.emplace_back("Retry-After", "3600");  // not a moment's unavailability: this node never writes
  if (ex.is_api()) {
    Poco::JSON::Object e(Poco::JSON_PRESERVE_KEY_ORDER);
    e.set("erreur", std::string(kMessage));
    e.set("statut", 503);
    e.set("primaire", primary.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(there));
    std::ostringstream out;
    e.stringify(out);
    ex.send_json(503, out.str(), o);
    return;
  }
  std::string html =
      "<h1>Nœud de lecture</h1>\n<p class=\"erreur\" role=\"alert\">" + site::html_escape(kMessage) + "</p>\n";
  if (!there.empty())
    html += "<p><a href=\"" + site::html_escape(there) + "\">Continuer sur le serveur principal</a></p>\n";
  html += "<p><a href=\"/recherche\">Chercher une pratique</a></p>\n";
  site::PageMeta meta;
  meta.title = "Nœud de lecture";
  meta.path = target_.path;
  meta.noindex = true;
  ex.send(503, "text/html; charset=utf-8", render_page(state_, ex.base_url(), meta, html), o);
}

}  // namespace pratiques::server
