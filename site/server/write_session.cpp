// Who calls the write side, and the checks of its state-changing requests (write_handlers.h).
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>

#include "pratiques/text.h"
#include "write_handlers.h"

namespace pratiques::server {

namespace {

using write::Refusal;
using write::Refused;

bool loopback_host(std::string host) {
  if (const auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
    host.resize(colon);
  else if (host.starts_with("["))
    host = host.substr(0, host.find(']') + 1);
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

bool peer_on_loopback(const Exchange& ex) {
  try {
    return ex.request.clientAddress().host().isLoopback();
  } catch (...) {
    return false;
  }
}

Poco::Net::HTTPCookie session_cookie(const std::string& value) {
  Poco::Net::HTTPCookie cookie(kSessionCookie, value);
  cookie.setPath("/");
  cookie.setSecure(true);
  cookie.setHttpOnly(true);
  cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_LAX);
  return cookie;
}

// The token of a request's Authorization header (trimmed, not empty), or Refusal Unauthenticated
// saying what is wrong with the header: another scheme, no token, a malformed one. The scheme is
// case-insensitive (RFC 7235 §2.1: « bearer » is « Bearer »); the token is RFC 6750's b64token.
std::string bearer_token(const Poco::Net::HTTPRequest& request) {
  std::string scheme, credentials;
  request.getCredentials(scheme, credentials);  // the header cut at its first space, as RFC 7235 reads it
  const std::string token = text::trim(credentials);
  const std::string expected =
      " : envoyez « Authorization: Bearer <jeton> » (un jeton s'obtient avec « pratiques utilisateur jeton »).";
  if (text::lower(scheme) != "bearer") {
    std::string shown;  // what was sent, printable ASCII only, bounded
    for (char ch : scheme.substr(0, 40)) shown += ch > ' ' && ch < 0x7f ? ch : '?';
    throw Refusal(Refused::Unauthenticated, "En-tête Authorization mal formé : schéma « " + shown +
                                                " » non accepté, seul « Bearer » l'est" + expected);
  }
  if (token.empty())
    throw Refusal(Refused::Unauthenticated,
                  "En-tête Authorization mal formé : aucun jeton après « " + scheme + " »" + expected);
  const bool b64token =
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=") ==
          std::string::npos &&
      token.find_first_not_of('=', token.find('=') == std::string::npos ? token.size() : token.find('=')) ==
          std::string::npos;
  if (!b64token)
    throw Refusal(Refused::Unauthenticated,
                  "En-tête Authorization mal formé : le jeton contient une espace, des guillemets ou un caractère "
                  "qu'un jeton d'accès n'a pas (lettres, chiffres, « - » et « _ »)" +
                      expected);
  return token;
}

}  // namespace

Caller identify(Exchange& ex) {
  Caller c;
  write::Editorial& ed = *ex.state.editorial;
  const std::string auth = text::trim(ex.request.get("Authorization", ""));
  if (!auth.empty()) {
    c.account = ed.accounts().by_token(bearer_token(ex.request));
    if (!c.account)
      throw Refusal(Refused::Unauthenticated,
                    "Jeton d'accès invalide ou révoqué (en-tête « Authorization: Bearer <jeton> » ; "
                    "un jeton s'obtient avec « pratiques utilisateur jeton »).");
    c.bearer = true;
    return c;
  }
  Poco::Net::NameValueCollection cookies;
  ex.request.getCookies(cookies);
  if (cookies.has(kSessionCookie)) {
    c.session = ed.sessions().find(cookies.get(kSessionCookie));
    if (c.session) c.account = c.session->account;
  }
  return c;
}

std::string client_address(const Exchange& ex) {
  std::string peer;
  try {
    peer = ex.request.clientAddress().host().toString();
  } catch (...) {
  }
  if (peer_on_loopback(ex)) {
    const std::string forwarded = ex.request.get("X-Forwarded-For", "");
    if (const std::string last =
            text::trim(forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1));
        !last.empty() && last.size() <= 64)
      return last;
  }
  return peer;
}

bool secure_transport(const Exchange& ex) {
  if (ex.request.get("X-Forwarded-Proto", "") == "https") return true;
  return peer_on_loopback(ex) && loopback_host(ex.request.get("Host", ""));
}

void check_same_site(const Exchange& ex) {
  const std::string site = ex.request.get("Sec-Fetch-Site", "");
  if (!site.empty() && site != "same-origin" && site != "none")
    throw Refusal(Refused::Forbidden,
                  "Requête refusée : elle vient d'un autre site (Sec-Fetch-Site: " + site.substr(0, 40) + ").");
  const std::string origin = ex.request.get("Origin", "");
  if (origin.empty()) return;
  const std::string host = ex.request.get("Host", "");
  const bool tls = ex.request.get("X-Forwarded-Proto", "") == "https";
  if (origin == ex.base_url() || origin == (tls ? "https://" : "http://") + host) return;
  throw Refusal(Refused::Forbidden,
                "Requête refusée : elle vient d'un autre site (Origin: " + origin.substr(0, 100) + ").");
}

void check_csrf(const write::Session& session, const std::string& token) {
  if (!write::same_secret(token, session.csrf))
    throw Refusal(Refused::Forbidden,
                  "Le formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez.");
}

void check_csrf_header(const write::Session& session, const std::string& token) {
  if (token.empty())
    throw Refusal(Refused::Forbidden,
                  "En-tête X-CSRF-Token absent : une écriture par l'API avec la session du site porte le jeton "
                  "de GET /api/compte (champ « csrf »), ou se fait avec un jeton d'accès (Authorization: Bearer).");
  if (!write::same_secret(token, session.csrf))
    throw Refusal(Refused::Forbidden,
                  "En-tête X-CSRF-Token invalide : ce n'est pas le jeton de la session ; relisez-le sur GET "
                  "/api/compte (champ « csrf »).");
}

void set_session_cookie(Exchange& ex, const write::Session& session) {
  ex.response.addCookie(session_cookie(session.id));
}

void clear_session_cookie(Exchange& ex) {
  Poco::Net::HTTPCookie cookie = session_cookie("");
  cookie.setMaxAge(0);
  ex.response.addCookie(cookie);
}

}  // namespace pratiques::server
