// The curators' desk, /gestion/ (documentalistes and administrateurs): the queue of submissions,
// the reviews due, the searches of the last 30 days (the report of `pratiques rapport recherches`,
// search_report()), the counts per state; for administrateurs, the accounts (invite with the
// activation link shown, change a role, disable or enable). Rendering only: the rules are
// pratiques-write's.
#include "desk_pages.h"

#include <map>

#include "form_pages.h"
#include "page_frame.h"
#include "state.h"
#include "pratiques/catalogue.h"
#include "pratiques/server/search_log.h"
#include "pratiques/site/context.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

using write::Refusal;
using write::Refused;

site::Data row(const write::Contribution& c) {
  site::Data o(site::Data::type::object);
  o["href"] = site::Data("/contributions/" + std::to_string(c.id));
  o["title"] = site::Data(c.title.empty() ? c.sheet_id : c.title);
  o["state"] = site::Data(std::string(write::state_label(c.state)));
  o["author"] = site::Data(c.author.name);
  o["updated"] = site::Data(c.updated_at.substr(0, 10));
  return o;
}

site::List searches(const std::vector<ReportRow>& rows) {
  site::List out;
  for (const auto& r : rows) {
    site::Data o(site::Data::type::object);
    o["query"] = site::Data(r.query);
    o["count"] = site::Data(std::to_string(r.count));
    o["results"] = site::Data(std::to_string(r.results));
    o["suggestion"] = r.suggestion.empty() ? site::Data(false) : site::Data(r.suggestion);
    o["collection"] = site::Data(std::to_string(r.collection));
    o["href"] = site::Data("/recherche?q=" + percent_encode(r.query));
    out.push_back(o);
  }
  return out;
}

// The desk shows its lists a page at a time: at national scale thousands of contributions wait, and
// the whole queue (each with its near-duplicates, a search each) took 8.8 s for 1,600 of them.
constexpr std::size_t kDeskQueuePage = 50, kDeskReviewsPage = 100;

void desk_page(Exchange& ex, const Caller& caller, int status, const std::string& notice, const std::string& error,
               const std::string& link) {
  write::Editorial& ed = *ex.state.editorial;
  const write::Account& who = *caller.account;
  const std::int64_t now = ed.options().clock();
  site::Data page(site::Data::type::object);
  page["csrf"] = site::Data(caller.session->csrf);
  page["notice"] = notice.empty() ? site::Data(false) : site::Data(notice);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  page["link"] = link.empty() ? site::Data(false) : site::Data(link);
  // The queue, a page of it, and the counts per state (what this curator may see).
  site::List queue;
  const ListPage queue_page = list_page(ex, "page", kDeskQueuePage);
  write::ListFilter in_queue;
  in_queue.queue = true;
  in_queue.offset = queue_page.offset();
  in_queue.limit = queue_page.size;
  std::size_t queued = 0;
  for (const auto& c : ed.contributions().list(who, in_queue, &queued)) {
    site::Data o = row(c);
    // The published sheets it probably duplicates, under its title: what to compare first.
    site::List near;
    const auto found = ed.contributions().near_duplicates(who, c.id);
    for (const auto& n : found) {
      site::Data x(site::Data::type::object);
      x["title"] = site::Data(n.title);
      x["href"] = site::Data(write::published_path(write::Kind::Fiche, n.id));
      x["percent"] = site::Data(std::to_string(n.percent));
      x["last"] = site::Data(&n == &found.back());
      near.push_back(x);
    }
    put_list(o, "near", std::move(near));
    queue.push_back(o);
  }
  put_list(page, "queue", std::move(queue));
  page["queued"] = site::Data(std::to_string(queued));
  page["queue_pager"] =
      site::Data(pager(ex, "/gestion/", "page", queue_page, queued, "file", "Pages des contributions à relire"));
  std::map<write::State, std::size_t> counts = ed.contributions().count_by_state(who);
  site::List states;
  for (auto s : {write::State::Brouillon, write::State::Soumise, write::State::EnRelecture,
                 write::State::ModificationsDemandees, write::State::Publiee, write::State::Archivee}) {
    site::Data o(site::Data::type::object);
    o["state"] = site::Data(std::string(write::state_label(s)));
    o["count"] = site::Data(std::to_string(counts[s]));
    states.push_back(o);
  }
  page["states"] = site::Data(states);
  // Reviews due within 30 days or overdue: every published sheet of the current index (the list of
  // GET /api/revues-a-faire).
  site::List due;
  const write::DueReviews reviews = ed.contributions().reviews_due(who);
  const ListPage reviews_page = list_page(ex, "revues", kDeskReviewsPage);
  for (std::size_t i = reviews_page.offset();
       i < reviews.sheets.size() && i < reviews_page.offset() + reviews_page.size; ++i) {
    const write::DueReview& r = reviews.sheets[i];
    site::Data o(site::Data::type::object);
    o["title"] = site::Data(r.title);
    o["href"] = site::Data(site::sheet_path(r.sheet_id));
    o["date"] = site::Data(r.date);
    o["overdue"] = site::Data(r.overdue);
    due.push_back(o);
  }
  put_list(page, "due", std::move(due));
  page["due_count"] = site::Data(std::to_string(reviews.sheets.size()));
  page["due_pager"] = site::Data(
      pager(ex, "/gestion/", "revues", reviews_page, reviews.sheets.size(), "revues", "Pages des revues à faire"));
  page["horizon"] = site::Data(reviews.horizon);
  // The searches of the last 30 days: `pratiques rapport recherches --depuis <date>`.
  ReportOptions options;
  options.since = write::iso_date(now - 30 * 86400);
  options.limit = 10;
  if (ex.state.log) ex.state.log->flush();  // the searches recorded so far, written
  const Report report = ed.database().with([&](Catalog& db) { return search_report(db, options); });
  page["since"] = site::Data(options.since);
  page["searches"] = site::Data(std::to_string(report.searches));
  put_list(page, "frequent", searches(report.frequent));
  put_list(page, "zero", searches(report.zero_results));
  put_list(page, "corrected", searches(report.corrected_queries));
  put_list(page, "everything", searches(report.everything_queries));
  page["zero_count"] = site::Data(std::to_string(report.zero));
  page["corrected_count"] = site::Data(std::to_string(report.corrected));
  page["everything_count"] = site::Data(std::to_string(report.everything));
  // Accounts, for administrateurs.
  if (who.role == write::Role::Administrateur) {
    site::List accounts;
    for (const auto& a : ed.accounts().list()) {
      site::Data o(site::Data::type::object);
      o["id"] = site::Data(std::to_string(a.id));
      o["email"] = site::Data(a.email);
      o["name"] = site::Data(a.name.empty() ? "—" : a.name);
      o["status"] = site::Data(a.disabled ? "désactivé" : a.activated ? "actif" : "en attente d'activation");
      o["disabled"] = site::Data(a.disabled);
      o["self"] = site::Data(a.id == who.id);
      site::List roles;
      for (auto r : {write::Role::Contributeur, write::Role::Formateur, write::Role::Documentaliste,
                     write::Role::Administrateur}) {
        site::Data x(site::Data::type::object);
        x["slug"] = site::Data(std::string(write::role_slug(r)));
        x["label"] = site::Data(std::string(write::role_label(r)));
        x["selected"] = site::Data(r == a.role);
        roles.push_back(x);
      }
      o["roles"] = site::Data(roles);
      accounts.push_back(o);
    }
    page["accounts"] = site::Data(accounts);
    page["admin"] = site::Data(true);
  } else {
    page["admin"] = site::Data(false);
  }
  send_page(ex, status, "Gestion", "gestion", page);
}

// An administrateur's change to the accounts; returns the notice and, for an invitation, the link.
std::pair<std::string, std::string> administer(Exchange& ex, const Params& p) {
  write::Editorial& ed = *ex.state.editorial;
  const std::string action = form_field(p, "action");
  if (action == "inviter") {
    const auto role = write::parse_role(form_field(p, "role"));
    if (!role) throw Refusal(Refused::BadInput, "Rôle inconnu.");
    const write::Activation a = ed.accounts().add(form_field(p, "courriel"), *role, text::trim(form_field(p, "nom")));
    return {"Compte créé pour " + a.account.email + " (" + std::string(write::role_label(a.account.role)) +
                ") : transmettez-lui ce lien d'activation, valable 72 heures et affiché une seule fois.",
            ex.base_url() + "/activation?jeton=" + a.token};
  }
  const std::string id_text = form_field(p, "compte");
  if (id_text.empty() || id_text.size() > 12 || id_text.find_first_not_of("0123456789") != std::string::npos)
    throw Refusal(Refused::BadInput, "Compte inconnu.");
  const auto account = ed.accounts().find(std::stoll(id_text));
  if (!account) throw Refusal(Refused::NotFound, "Compte inconnu.");
  if (action == "role") {
    const auto role = write::parse_role(form_field(p, "role"));
    if (!role) throw Refusal(Refused::BadInput, "Rôle inconnu.");
    ed.accounts().set_role(account->id, *role);
    ed.sessions().close_all(account->id);  // the new rights apply from the next login
    return {"Rôle de " + account->email + " : " + std::string(write::role_label(*role)) + ".", ""};
  }
  if (action == "desactiver" || action == "reactiver") {
    const bool off = action == "desactiver";
    ed.accounts().set_disabled(account->id, off);
    if (off) {
      ed.sessions().close_all(account->id);
      ed.accounts().revoke_tokens(account->id);
    }
    return {
        "Compte " + account->email + (off ? " désactivé : ses sessions et ses jetons ne valent plus." : " réactivé."),
        ""};
  }
  throw ClientError(400, "Action inconnue.");
}

}  // namespace

void serve_desk(Exchange& ex) {
  const Caller caller = identify(ex);
  if (!caller.session || !caller.account) return see_other(ex, "/connexion?suite=%2Fgestion%2F");
  try {
    if (!write::curates(caller.account->role))
      throw Refusal(Refused::Forbidden, "La gestion est réservée aux documentalistes et aux administrateurs.");
    if (ex.request.getMethod() != "POST") return desk_page(ex, caller, 200, "", "", "");
    const Params p = checked_form(ex, caller, 16);
    if (caller.account->role != write::Role::Administrateur)
      throw Refusal(Refused::Forbidden, "La gestion des comptes est réservée aux administrateurs.");
    if (form_field(p, "compte") == std::to_string(caller.account->id) && form_field(p, "action") != "inviter")
      return desk_page(ex, caller, 409, "",
                       "Vous ne pouvez pas changer votre propre rôle ni désactiver votre propre compte.", "");
    try {
      const auto [notice, link] = administer(ex, p);
      desk_page(ex, caller, 200, notice, "", link);
    } catch (const Refusal& r) {
      if (r.kind == Refused::Forbidden) throw;
      desk_page(ex, caller, r.status(), "", r.what(), "");
    }
  } catch (const Refusal& r) {
    site::Data page(site::Data::type::object);
    page["message"] = site::Data(std::string(r.what()));
    send_page(ex, r.status(), "Accès refusé", "contribution_refus", page);
  }
}

}  // namespace pratiques::server
