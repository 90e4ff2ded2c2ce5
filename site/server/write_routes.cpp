// Routing of the write side's addresses (write_handlers.h).
#include "account_pages.h"
#include "contribution_pages.h"
#include "contributions_api.h"
#include "course_step_pages.h"
#include "desk_pages.h"

namespace pratiques::server {

Poco::Net::HTTPRequestHandler* write_route(State& st, const Target& t) {
  const std::string& p = t.path;
  if (p == "/connexion") return new AccountPage<serve_login>(st, t);
  if (p == "/activation") return new AccountPage<serve_activation>(st, t);
  if (p == "/deconnexion") return new AccountPage<serve_logout>(st, t);
  if (p == "/compte" || p == "/compte/") return new AccountPage<serve_account, false>(st, t);
  if (p == "/compte/mot-de-passe") return new AccountPage<serve_password>(st, t);
  if (p == "/gestion" || p == "/gestion/") return new AccountPage<serve_desk>(st, t);
  if (p == "/contribuer/nouvelle" || p == "/parcours/nouveau")
    return new ContributionPage<serve_new_contribution>(st, t);
  if (p == "/parcours/ajouter") return new ContributionPage<serve_add_to_course>(st, t);
  if (p.starts_with("/fiches/") && p.ends_with("/parcours") && p.size() > 17)
    return new ContributionPage<serve_sheet_course_link, false>(st, t);
  if (p == "/contributions" || p == "/contributions/") return new ContributionPage<serve_contributions, false>(st, t);
  if (p.starts_with("/contributions/")) {
    // "/contributions/<n>" and "/contributions/<n>/modifier" only: any other address is not a page
    // (404), not the contribution's page under another name.
    const std::size_t slash = p.find('/', std::string_view("/contributions/").size());
    const std::string after = slash == std::string::npos ? "" : p.substr(slash);
    if (id_in_path(p) >= 0 && (after.empty() || after == "/")) return new ContributionPage<serve_contribution>(st, t);
    if (id_in_path(p) >= 0 && after == "/modifier") return new ContributionPage<serve_edit_contribution>(st, t);
  }
  if (p == "/api/compte" || p == "/api/contributions" || p.starts_with("/api/contributions/"))
    return new WriteApiHandler(st, t, p.substr(5));
  return nullptr;
}

}  // namespace pratiques::server
