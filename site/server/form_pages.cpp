// What the write side's HTML pages share (form_pages.h).
#include "form_pages.h"

#include "page_frame.h"
#include "pratiques/server/params.h"
#include "pratiques/text.h"

namespace pratiques::server {

std::string form_field(const Params& p, const std::string& name) {
  for (const auto& [k, v] : p)
    if (k == name) return v;
  return "";
}

Params checked_form(Exchange& ex, const Caller& caller, std::size_t max_fields, bool multiline) {
  check_same_site(ex);
  const Params p = read_form(ex, max_fields, multiline);
  if (!caller.session)
    throw write::Refusal(write::Refused::Forbidden, "Le formulaire a expiré : rechargez la page et recommencez.");
  check_csrf(*caller.session, form_field(p, "csrf"));
  return p;
}

void send_page(Exchange& ex, int status, const std::string& title, const std::string& name, const site::Data& data,
               const std::vector<std::pair<std::string, std::string>>& headers) {
  site::PageMeta meta;
  meta.title = title;
  meta.path = ex.target.path;
  meta.noindex = true;
  SendOptions o;
  o.cache = "no-store";
  o.headers = headers;
  ex.send(status, "text/html; charset=utf-8",
          render_page(ex.state, ex.base_url(), meta, templates().render(name, data)), o);
}

std::string error_title(const std::string& title, bool error) { return error ? "Erreur : " + title : title; }

std::optional<Caller> logged_in(Exchange& ex) {
  Caller c = identify(ex);
  if (c.session && c.account) return c;
  const std::string back = ex.target.path + (ex.target.query.empty() ? "" : "?" + ex.target.query);
  std::string encoded;
  for (unsigned char ch : back) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.')
      encoded += static_cast<char>(ch);
    else {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    }
  }
  see_other(ex, "/connexion?suite=" + encoded);
  return std::nullopt;
}

void refusal_page(Exchange& ex, const write::Refusal& r) {
  site::Data page(site::Data::type::object);
  page["message"] = site::Data(std::string(r.what()));
  send_page(ex, r.status(),
            r.status() == 403   ? "Accès refusé"
            : r.status() == 404 ? "Introuvable"
                                : "Action impossible",
            "contribution_refus", page);
}

void see_other(Exchange& ex, const std::string& location) {
  SendOptions o;
  o.cache = "no-store";
  o.headers.emplace_back("Location", location);
  ex.send(303, "text/plain; charset=utf-8", "Voir " + location + "\n", o);
}

}  // namespace pratiques::server
