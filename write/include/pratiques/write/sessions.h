// Server-side sessions. The browser holds only a random 256-bit id (cookie); the database holds
// its SHA-256, the account (none for the anonymous session that carries the login form's CSRF
// token), the CSRF token and the expiry. A login always opens a new session (the id changes);
// logout and expiry destroy it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "pratiques/write/accounts.h"

namespace pratiques::write {

struct SessionLimits {
  std::int64_t idle = 4 * 3600;       // closed after this long without a request
  std::int64_t absolute = 12 * 3600;  // and this long after login, whatever the activity
  std::int64_t anonymous = 3600;      // a login or activation form left open
  // Anonymous sessions kept at most, the oldest closed first: every visit of the login page opens
  // one, and visits by the thousand must not grow the database without bound.
  std::int64_t max_anonymous = 10000;
};

struct Session {
  std::string id;                  // the cookie value (never stored)
  std::string csrf;                // the synchroniser token of every form of this session
  std::optional<Account> account;  // none: anonymous (login and activation forms)
  std::int64_t expires_at = 0;
};

class Sessions {
 public:
  Sessions(Database& db, Accounts& accounts, Clock clock, SessionLimits limits = {});
  Session open_anonymous();
  // At login: a new session (new id, new CSRF token) for the account.
  Session open(const Account& account);
  // The live session of a cookie value, its expiry pushed back (idle limit); none when unknown,
  // expired, or its account disabled.
  std::optional<Session> find(const std::string& id);
  void close(const std::string& id);
  // Every session of an account (password changed, account disabled).
  void close_all(std::int64_t account_id);
  const SessionLimits& limits() const { return limits_; }

 private:
  Session create(std::optional<Account> account, std::int64_t lifetime);
  Database& db_;
  Accounts& accounts_;
  Clock clock_;
  SessionLimits limits_;
};

}  // namespace pratiques::write
