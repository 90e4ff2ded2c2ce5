// The account pages: /connexion, /activation, /deconnexion, /compte, /compte/mot-de-passe. Plain
// HTML forms (no JavaScript), each POST checked for its origin and its CSRF token; the rules
// (passwords, rate limiting, sessions) are pratiques-write's.
#include "account_pages.h"

#include "form_pages.h"
#include "page_frame.h"
#include "pratiques/server/params.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

using write::Refusal;
using write::Refused;

// A same-site path to go back to after login ("/compte", "/api/…"), "" otherwise.
std::string local_path(const std::string& s) {
  if (s.size() > 500 || !s.starts_with("/") || s.starts_with("//")) return "";
  for (unsigned char c : s)
    if (c <= ' ' || c == '\\' || c >= 0x7f) return "";
  return s;
}

// The anonymous session that carries the CSRF token of a login or activation form (opened, and
// its cookie set, when the caller has none).
write::Session form_session(Exchange& ex, const Caller& caller) {
  if (caller.session) return *caller.session;
  write::Session s = ex.state.editorial->sessions().open_anonymous();
  set_session_cookie(ex, s);
  return s;
}

const char* kInsecure =
    "Connexion refusée : les mots de passe et les sessions ne circulent pas en clair. Servez Pratiques derrière un "
    "mandataire TLS (HTTPS, en-tête X-Forwarded-Proto: https) ou ouvrez-le sur http://localhost.";

std::vector<std::string> rights_of(write::Role r) {
  std::vector<std::string> out{
      "Proposer des fiches (contributions) et les modifier tant qu'elles sont en brouillon ou que des modifications "
      "sont demandées.",
      "Soumettre vos contributions à la relecture d'un documentaliste."};
  if (r == write::Role::Formateur)
    out.push_back("Construire des parcours de formation à partir des fiches (pages à venir).");
  if (write::curates(r)) {
    out.push_back(
        "Voir les contributions soumises, les prendre en relecture, les compléter, demander des modifications (avec un "
        "commentaire).");
    out.push_back("Publier les fiches, planifier leurs revues et les archiver.");
  }
  if (r == write::Role::Administrateur)
    out.push_back(
        "Gérer les comptes : inviter, changer un rôle, désactiver (page « Gestion », /gestion/, ou commande « "
        "pratiques utilisateur »).");
  return out;
}

// The form the login page shows (with `error` and a status when something went wrong; `invalid`:
// the password refused, its field marked and described by the message).
void login_page(Exchange& ex, const Caller& caller, int status, const std::string& error, const std::string& email,
                const std::string& suite, const std::vector<std::pair<std::string, std::string>>& headers = {},
                bool invalid = false) {
  site::Data page(site::Data::type::object);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  page["notice"] = site::Data(false);
  for (const auto& [k, v] : ex.params())
    if (k == "deconnecte") page["notice"] = site::Data("Vous êtes déconnecté.");
  if (!secure_transport(ex)) {
    page["error"] = site::Data(kInsecure);
    page["form"] = site::Data(false);
    send_page(ex, 403, error_title("Se connecter", true), "connexion", page);
    return;
  }
  const write::Session s = form_session(ex, caller);
  site::Data f(site::Data::type::object);
  f["csrf"] = site::Data(s.csrf);
  f["email"] = site::Data(email);
  f["suite"] = suite.empty() ? site::Data(false) : site::Data(suite);
  f["invalid"] = site::Data(invalid);
  page["form"] = std::move(f);
  send_page(ex, status, error_title("Se connecter", !error.empty()), "connexion", page, headers);
}

void account_page(Exchange& ex, const write::Session& s, const std::string& notice) {
  const write::Account& a = *s.account;
  site::Data page(site::Data::type::object);
  page["notice"] = notice.empty() ? site::Data(false) : site::Data(notice);
  page["name"] = site::Data(a.name.empty() ? "—" : a.name);
  page["email"] = site::Data(a.email);
  page["role"] = site::Data(std::string(write::role_label(a.role)));
  site::List rights;
  for (const auto& r : rights_of(a.role)) rights.push_back(site::Data(r));
  page["rights"] = site::Data(rights);
  page["csrf"] = site::Data(s.csrf);
  page["curator"] = site::Data(write::curates(a.role));
  page["admin"] = site::Data(a.role == write::Role::Administrateur);
  send_page(ex, 200, "Mon compte", "compte", page);
}

}  // namespace

void serve_login(Exchange& ex) {
  const Caller caller = identify(ex);
  std::string suite;
  for (const auto& [k, v] : ex.params())
    if (k == "suite") suite = local_path(v);
  if (ex.request.getMethod() != "POST") {
    if (caller.account) return see_other(ex, suite.empty() ? "/compte" : suite);
    return login_page(ex, caller, 200, "", "", suite);
  }
  if (!secure_transport(ex)) return login_page(ex, caller, 403, "", "", "");
  Params p;
  try {
    p = checked_form(ex, caller);
  } catch (const Refusal& r) {
    return login_page(ex, Caller{}, 403, r.what(), "", suite);
  }
  const std::string email = form_field(p, "courriel");
  suite = local_path(form_field(p, "suite"));
  write::Editorial& ed = *ex.state.editorial;
  try {
    const write::Account a = ed.accounts().authenticate(email, form_field(p, "mot_de_passe"), client_address(ex));
    ed.sessions().close(caller.session->id);  // a new session (new id) at login
    set_session_cookie(ex, ed.sessions().open(a));
    see_other(ex, suite.empty() ? "/compte" : suite);
  } catch (const Refusal& r) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (r.kind == Refused::Throttled) headers.emplace_back("Retry-After", std::to_string(r.retry_after));
    // A wrong address or password (not a throttled login): the password is to be typed again.
    login_page(ex, caller, r.status(), r.what(), text::trim(email).substr(0, 254), suite, headers,
               r.kind != Refused::Throttled);
  }
}

void serve_activation(Exchange& ex) {
  const Caller caller = identify(ex);
  write::Editorial& ed = *ex.state.editorial;
  std::string token;
  Params p;
  const bool post = ex.request.getMethod() == "POST";
  site::Data page(site::Data::type::object);
  page["error"] = site::Data(false);
  page["form"] = site::Data(false);
  auto refuse = [&](int status, const std::string& message) {
    page["error"] = site::Data(message);
    send_page(ex, status, error_title("Activer votre compte", true), "activation", page);
  };
  if (!secure_transport(ex)) return refuse(403, kInsecure);
  if (post) {
    try {
      p = checked_form(ex, caller);
    } catch (const Refusal& r) {
      return refuse(403, r.what());
    }
    token = form_field(p, "jeton");
  } else {
    for (const auto& [k, v] : ex.params())
      if (k == "jeton") token = v;
  }
  const auto account = ed.accounts().activation_account(token);
  if (!account)
    return refuse(404,
                  "Ce lien d'activation n'est pas valide : il a déjà servi ou il a expiré (72 heures). "
                  "Demandez-en un nouveau à un administrateur.");
  std::string error;
  bool confirmation_invalid = false;  // else the password itself is refused
  if (post) {
    const std::string password = form_field(p, "mot_de_passe");
    if (password != form_field(p, "confirmation")) {
      error = "Les deux mots de passe saisis diffèrent.";
      confirmation_invalid = true;
    } else {
      try {
        const write::Account a = ed.accounts().activate(token, password);
        if (caller.session) ed.sessions().close(caller.session->id);
        const write::Session s = ed.sessions().open(a);
        set_session_cookie(ex, s);
        return see_other(ex, "/compte?active=1");
      } catch (const Refusal& r) {
        if (r.kind == Refused::NotFound) return refuse(404, r.what());
        error = r.what();
      }
    }
  }
  const write::Session s = form_session(ex, caller);
  site::Data f(site::Data::type::object);
  f["csrf"] = site::Data(s.csrf);
  f["token"] = site::Data(token);
  f["email"] = site::Data(account->email);
  f["role"] = site::Data(std::string(write::role_label(account->role)));
  f["password_invalid"] = site::Data(!error.empty() && !confirmation_invalid);
  f["confirmation_invalid"] = site::Data(confirmation_invalid);
  page["form"] = std::move(f);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  page["email"] = site::Data(account->email);
  send_page(ex, error.empty() ? 200 : 400, error_title("Activer votre compte", !error.empty()), "activation", page);
}

void serve_logout(Exchange& ex) {
  const Caller caller = identify(ex);
  if (ex.request.getMethod() != "POST") {
    if (!caller.account) return see_other(ex, "/connexion");
    site::Data page(site::Data::type::object);
    page["email"] = site::Data(caller.account->email);
    page["csrf"] = site::Data(caller.session->csrf);
    return send_page(ex, 200, "Se déconnecter", "deconnexion", page);
  }
  try {
    checked_form(ex, caller);
  } catch (const Refusal& r) {
    return ex.send_error(403, r.what());
  }
  ex.state.editorial->sessions().close(caller.session->id);
  clear_session_cookie(ex);
  see_other(ex, "/connexion?deconnecte=1");
}

void serve_account(Exchange& ex) {
  const Caller caller = identify(ex);
  if (!caller.session || !caller.account) return see_other(ex, "/connexion?suite=%2Fcompte");
  std::string notice;
  for (const auto& [k, v] : ex.params()) {
    if (k == "active") notice = "Votre compte est activé : bienvenue.";
    if (k == "mot-de-passe") notice = "Votre mot de passe est changé. Vos autres sessions sont fermées.";
  }
  account_page(ex, *caller.session, notice);
}

void serve_password(Exchange& ex) {
  const Caller caller = identify(ex);
  if (!caller.session || !caller.account) return see_other(ex, "/connexion?suite=%2Fcompte%2Fmot-de-passe");
  write::Editorial& ed = *ex.state.editorial;
  std::string error;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  if (ex.request.getMethod() == "POST") {
    try {
      const Params p = checked_form(ex, caller);
      if (form_field(p, "mot_de_passe") != form_field(p, "confirmation"))
        throw Refusal(Refused::BadInput, "Les deux nouveaux mots de passe saisis diffèrent.");
      ed.accounts().change_password(caller.account->id, form_field(p, "actuel"), form_field(p, "mot_de_passe"),
                                    client_address(ex));
      // Every other session ends; this one goes on under a new id.
      ed.sessions().close_all(caller.account->id);
      set_session_cookie(ex, ed.sessions().open(*caller.account));
      return see_other(ex, "/compte?mot-de-passe=1");
    } catch (const Refusal& r) {
      error = r.what();
      status = r.kind == Refused::Throttled ? r.status() : 400;
      if (r.kind == Refused::Throttled) headers.emplace_back("Retry-After", std::to_string(r.retry_after));
    }
  }
  site::Data page(site::Data::type::object);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  page["csrf"] = site::Data(caller.session->csrf);
  page["email"] = site::Data(caller.account->email);
  send_page(ex, status, "Changer de mot de passe", "mot-de-passe", page, headers);
}

}  // namespace pratiques::server
