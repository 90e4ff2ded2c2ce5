// What the write side's HTML pages share (form_pages.h).
#include "form_pages.h"

#include <algorithm>

#include "page_frame.h"
#include "pratiques/server/http.h"
#include "pratiques/server/params.h"
#include "pratiques/text.h"

namespace pratiques::server {

std::string form_field(const Params& p, const std::string& name) {
  for (const auto& [k, v] : p)
    if (k == name) return v;
  return "";
}

ListPage list_page(Exchange& ex, const std::string& param, std::size_t size) {
  ListPage p{1, size};
  for (const auto& [k, v] : ex.params())
    if (k == param) p.number = static_cast<std::size_t>(clamp_int(v, 1, 1, 1000000));
  return p;
}

std::string pager(Exchange& ex, const std::string& path, const std::string& param, const ListPage& page,
                  std::size_t total, const std::string& anchor, const std::string& name) {
  const std::size_t pages = (total + page.size - 1) / page.size;
  if (pages <= 1) return "";
  const auto href = [&](std::size_t n) {
    return with_param(path, ex.params(), param, std::to_string(n)) + "#" + anchor;
  };
  site::Data o(site::Data::type::object);
  o["label"] = site::Data("Page " + std::to_string(std::min(page.number, pages)) + " sur " + std::to_string(pages));
  o["previous"] = page.number > 1 ? site::Data(href(std::min(page.number, pages + 1) - 1)) : site::Data(false);
  o["next"] = page.number < pages ? site::Data(href(page.number + 1)) : site::Data(false);
  o["name"] = site::Data(name);
  return templates().render("pages_liste", o);
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
