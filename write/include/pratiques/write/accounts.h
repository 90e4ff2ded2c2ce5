// Accounts: roles, activation links, passwords (argon2id), login with rate limiting, API tokens.
// An account is created without a password; the person chooses one through a one-time activation
// link (72 h). Secrets are stored hashed only.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/write/clock.h"
#include "pratiques/write/password.h"
#include "pratiques/write/server_data.h"
#include "pratiques/write/throttle.h"

namespace pratiques::write {

enum class Role { Contributeur, Formateur, Documentaliste, Administrateur };

std::string_view role_slug(Role r);   // "contributeur"…
std::string_view role_label(Role r);  // "Contributeur"… (French, for pages)
std::optional<Role> parse_role(std::string_view slug);
// Documentalistes and administrateurs curate: take, review, publish, archive.
bool curates(Role r);

struct Account {
  std::int64_t id = 0;
  std::string email, name;
  Role role = Role::Contributeur;
  bool activated = false;  // a password has been chosen
  bool disabled = false;
  std::string created_at;
  // The name shown in journals and Git commits: the name, else the e-mail address.
  std::string display_name() const { return name.empty() ? email : name; }
};

struct Activation {
  Account account;
  std::string token;  // goes in the link /activation?jeton=…; shown once
  std::int64_t expires_at = 0;
};

inline constexpr std::int64_t kActivationLifetime = 72 * 3600;

class Accounts {
 public:
  Accounts(Database& db, Clock clock, KdfLimits limits = KdfLimits::interactive(), ThrottleLimits throttle = {});

  // A new account and its activation link. Refusal: BadInput (address, name), Conflict (address taken).
  Activation add(const std::string& email, Role role, const std::string& name = "");
  // A new activation link for an account (the previous ones stop working): a lost or expired link,
  // a forgotten password (an administrator's action).
  Activation renew_activation(std::int64_t account_id);
  // The account an activation link designates, when it is valid (for the page that asks for the password).
  std::optional<Account> activation_account(const std::string& token);
  // Sets the password and consumes the link. Refusal: NotFound (unknown, used or expired link),
  // BadInput (password refused: password_problem()).
  Account activate(const std::string& token, const std::string& password);

  // Login by e-mail and password, from `client` (an address, for rate limiting). Refusal:
  // Unauthenticated (wrong address or password, same message for both), Throttled (with the wait).
  // Rehashes the password when the KDF limits changed.
  Account authenticate(const std::string& email, const std::string& password, const std::string& client);
  // Refusal: Unauthenticated (current password wrong), BadInput (new password refused).
  // Throttled like a login (the same counts: a wrong current password is a failed attempt).
  void change_password(std::int64_t account_id, const std::string& current, const std::string& replacement,
                       const std::string& client);

  // A new API token for the account, shown once (stored hashed); the account's other tokens stay valid.
  std::string create_token(std::int64_t account_id);
  // Revokes every token of the account; returns how many.
  std::size_t revoke_tokens(std::int64_t account_id);
  // The account of a token (not disabled, activated or not).
  std::optional<Account> by_token(const std::string& token);

  std::optional<Account> find(std::int64_t id);
  std::optional<Account> find_by_email(const std::string& email);
  std::vector<Account> list();
  // Administration (part 2's pages): change a role; disable (no login, no token, sessions closed
  // by the caller through Sessions::close_all) or enable again.
  void set_role(std::int64_t account_id, Role role);
  void set_disabled(std::int64_t account_id, bool disabled);

  // Normalised form of an address (trimmed, lower case); Refusal BadInput when it is not one.
  static std::string normalise_email(const std::string& email);

 private:
  Account require(std::int64_t id);
  std::string issue_activation(Catalog& db, std::int64_t account_id, std::int64_t expires_at);
  Database& db_;
  Clock clock_;
  KdfLimits limits_;
  LoginThrottle throttle_;
  void check_throttle(const std::string& address, const std::string& client);  // Throttled, with the wait
  const std::string& dummy_hash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // verified against when the address is unknown: same time either way
  // argon2id takes 64 MiB per hash: two at a time whatever the number of clients.
  std::counting_semaphore<2> hashing_{2};
};

}  // namespace pratiques::write
