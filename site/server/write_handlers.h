// The write side over HTTP (internal to the server; the rules live in pratiques-write): who is
// calling, the checks of every state-changing request, the session cookie, and the handlers of the
// account pages (/connexion, /activation, /deconnexion, /compte, /compte/mot-de-passe), of the
// JSON API (/api/contributions…). docs/ecrire.md describes them.
#pragma once
#include <optional>
#include <string>

#include "handlers.h"
#include "pratiques/write/refusal.h"

namespace pratiques::server {

// The session cookie: __Host- prefix (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax.
inline constexpr const char* kSessionCookie = "__Host-pratiques";

struct Caller {
  std::optional<write::Session> session;  // from the cookie: anonymous (login forms) or logged in
  std::optional<write::Account> account;  // from the session or from the bearer token
  bool bearer = false;                    // "Authorization: Bearer <jeton>": no cookie, no CSRF
};

// The caller of a request. An Authorization header that is not a valid bearer token is refused
// (write::Refusal Unauthenticated), saying whether its scheme, its token's form or the token itself
// (unknown, revoked) is wrong; the scheme is case-insensitive (« bearer » is « Bearer »).
Caller identify(Exchange& ex);
// The client's address, for login rate limiting: the peer's, or the last X-Forwarded-For hop when
// the peer is on the loopback (a reverse proxy on the same machine).
std::string client_address(const Exchange& ex);
// Cookies travel only over TLS (X-Forwarded-Proto: https, set by the reverse proxy) or to a
// loopback address (localhost, 127.0.0.1, [::1]): plain http is accepted on localhost only.
bool secure_transport(const Exchange& ex);
// A state-changing request carried by the session cookie comes from this site (Sec-Fetch-Site,
// Origin) and carries the session's CSRF token; otherwise write::Refusal Forbidden.
void check_same_site(const Exchange& ex);
void check_csrf(const write::Session& session, const std::string& token);
// The same for the API, whose token is in the X-CSRF-Token header: refused in the API's words.
void check_csrf_header(const write::Session& session, const std::string& token);
void set_session_cookie(Exchange& ex, const write::Session& session);
void clear_session_cookie(Exchange& ex);

// Routes of the write side; null when the path is none of them.
Poco::Net::HTTPRequestHandler* write_route(State& st, const Target& t);

}  // namespace pratiques::server
