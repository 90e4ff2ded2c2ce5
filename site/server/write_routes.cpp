// Routing of the write side's addresses (write_handlers.h): one table, whose patterns are also
// what a read node refuses and what the reverse proxy sends to the primary (write_routes.h).
#include "pratiques/server/write_routes.h"

#include "account_pages.h"
#include "contribution_pages.h"
#include "contributions_api.h"
#include "course_step_pages.h"
#include "desk_pages.h"

namespace pratiques::server {

namespace {

using Make = Poco::Net::HTTPRequestHandler* (*)(State&, const Target&);

template <class H>
Poco::Net::HTTPRequestHandler* make(State& st, const Target& t) {
  return new H(st, t);
}
Poco::Net::HTTPRequestHandler* make_api(State& st, const Target& t) {
  return new WriteApiHandler(st, t, t.path.substr(5));  // without "/api/"
}

struct Route {
  std::string_view pattern;
  Make make;
};

// "/contributions/<n>" and "/contributions/<n>/modifier" only: any other address there is not a
// page (404), not the contribution's page under another name.
const Route kRoutes[] = {
    {"/connexion", make<AccountPage<serve_login>>},
    {"/activation", make<AccountPage<serve_activation>>},
    {"/deconnexion", make<AccountPage<serve_logout>>},
    {"/compte", make<AccountPage<serve_account, false>>},
    {"/compte/", make<AccountPage<serve_account, false>>},
    {"/compte/mot-de-passe", make<AccountPage<serve_password>>},
    {"/gestion", make<AccountPage<serve_desk>>},
    {"/gestion/", make<AccountPage<serve_desk>>},
    {"/contribuer/nouvelle", make<ContributionPage<serve_new_contribution>>},
    {"/parcours/nouveau", make<ContributionPage<serve_new_contribution>>},
    {"/parcours/ajouter", make<ContributionPage<serve_add_to_course>>},
    {"/fiches/{id}/parcours", make<ContributionPage<serve_sheet_course_link, false>>},
    {"/contributions", make<ContributionPage<serve_contributions, false>>},
    {"/contributions/", make<ContributionPage<serve_contributions, false>>},
    {"/contributions/{n}", make<ContributionPage<serve_contribution>>},
    {"/contributions/{n}/", make<ContributionPage<serve_contribution>>},
    {"/contributions/{n}/modifier", make<ContributionPage<serve_edit_contribution>>},
    {"/api/compte", make_api},
    {"/api/contributions", make_api},
    {"/api/contributions/{…}", make_api},
    {"/api/revues-a-faire", make_api},
};

}  // namespace

std::vector<std::string_view> write_route_patterns() {
  std::vector<std::string_view> out;
  for (const Route& r : kRoutes) out.push_back(r.pattern);
  return out;
}

bool matches_route(std::string_view pattern, std::string_view path) {
  for (;;) {
    const std::size_t hole = pattern.find('{');
    if (hole == std::string_view::npos) return pattern == path;
    if (path.substr(0, hole) != pattern.substr(0, hole)) return false;
    const std::size_t close = pattern.find('}', hole);
    const std::string_view kind = pattern.substr(hole, close + 1 - hole);
    pattern.remove_prefix(close + 1);
    path.remove_prefix(hole);
    if (kind == "{…}") return pattern.empty();  // the rest, whatever it is (always last)
    const std::size_t end = std::min(path.find('/'), path.size());
    const std::string_view segment = path.substr(0, end);
    if (segment.empty()) return false;
    if (kind == "{n}" && (segment.size() > 12 || segment.find_first_not_of("0123456789") != std::string_view::npos))
      return false;
    path.remove_prefix(end);
  }
}

Poco::Net::HTTPRequestHandler* write_route(State& st, const Target& t) {
  for (const Route& r : kRoutes)
    if (matches_route(r.pattern, t.path)) return r.make(st, t);
  return nullptr;
}

}  // namespace pratiques::server
