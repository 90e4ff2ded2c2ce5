#include "pratiques/write/accounts.h"

#include "pratiques/text.h"
#include "pratiques/write/refusal.h"

namespace pratiques::write {

namespace {

constexpr const char* kAccountColumns = "id, email, name, role, password_hash IS NOT NULL, disabled, created_at";

Account read_account(const Statement& s) {
  Account a;
  a.id = s.integer(0);
  a.email = s.text(1);
  a.name = s.text(2);
  a.role = parse_role(s.text(3)).value_or(Role::Contributeur);
  a.activated = s.integer(4) != 0;
  a.disabled = s.integer(5) != 0;
  a.created_at = s.text(6);
  return a;
}

std::optional<Account> query_account(Catalog& db, const std::string& where, const std::string& value) {
  auto s = db.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE " + where);
  s.bind(1, value);
  if (!s.step()) return std::nullopt;
  return read_account(s);
}

std::optional<Account> query_account(Catalog& db, std::int64_t id) {
  auto s = db.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = ?");
  s.bind(1, static_cast<long long>(id));
  if (!s.step()) return std::nullopt;
  return read_account(s);
}

// A semaphore slot for the duration of a hash.
class HashingSlot {
 public:
  explicit HashingSlot(std::counting_semaphore<2>& s) : s_(s) { s_.acquire(); }
  ~HashingSlot() { s_.release(); }

 private:
  std::counting_semaphore<2>& s_;
};

constexpr std::size_t kMaxEmail = 254, kMaxName = 200;

}  // namespace

std::string_view role_slug(Role r) {
  switch (r) {
    case Role::Contributeur: return "contributeur";
    case Role::Formateur: return "formateur";
    case Role::Documentaliste: return "documentaliste";
    case Role::Administrateur: return "administrateur";
  }
  return "contributeur";
}

std::string_view role_label(Role r) {
  switch (r) {
    case Role::Contributeur: return "Contributeur";
    case Role::Formateur: return "Formateur";
    case Role::Documentaliste: return "Documentaliste";
    case Role::Administrateur: return "Administrateur";
  }
  return "Contributeur";
}

std::optional<Role> parse_role(std::string_view slug) {
  for (Role r : {Role::Contributeur, Role::Formateur, Role::Documentaliste, Role::Administrateur})
    if (role_slug(r) == slug) return r;
  return std::nullopt;
}

bool curates(Role r) { return r == Role::Documentaliste || r == Role::Administrateur; }

std::string Accounts::normalise_email(const std::string& email) {
  std::string e = text::trim(email);
  for (char& c : e)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const auto at = e.find('@');
  const bool shaped = at != std::string::npos && at > 0 && at + 1 < e.size() &&
                      e.find('@', at + 1) == std::string::npos && e.find('.', at) != std::string::npos &&
                      e.back() != '.';
  bool clean = text::invalid_utf8_offset(e) == std::string::npos;
  for (unsigned char c : e) clean = clean && c > ' ' && c != 0x7f && c != '<' && c != '>' && c != '"' && c != ',';
  if (!shaped || !clean || e.size() > kMaxEmail)
    throw Refusal(Refused::BadInput, "Adresse électronique invalide : « " + text::trim(email).substr(0, kMaxEmail) +
                                         " » (attendu : prenom.nom@exemple.fr).");
  return e;
}

Accounts::Accounts(Database& db, Clock clock, KdfLimits limits, ThrottleLimits throttle)
    : db_(db), clock_(std::move(clock)), limits_(limits), throttle_(clock_, throttle) {}

const std::string& Accounts::dummy_hash() {
  std::call_once(dummy_once_, [this] { dummy_hash_ = hash_password(random_token(), limits_); });
  return dummy_hash_;
}

std::string Accounts::issue_activation(Catalog& db, std::int64_t account_id, std::int64_t expires_at) {
  db.prepare("DELETE FROM activations WHERE account_id = ? OR expires_at < ?")
      .bind(1, static_cast<long long>(account_id))
      .bind(2, static_cast<long long>(clock_()))
      .run();
  const std::string token = random_token();
  db.prepare("INSERT INTO activations(token_hash, account_id, expires_at) VALUES(?, ?, ?)")
      .bind(1, token_digest(token))
      .bind(2, static_cast<long long>(account_id))
      .bind(3, static_cast<long long>(expires_at))
      .run();
  return token;
}

Activation Accounts::add(const std::string& email, Role role, const std::string& name) {
  const std::string address = normalise_email(email);
  const std::string clean_name = text::trim(name);
  if (text::invalid_utf8_offset(clean_name) != std::string::npos || clean_name.size() > kMaxName)
    throw Refusal(Refused::BadInput, "Nom invalide : au plus " + std::to_string(kMaxName) + " octets de texte UTF-8.");
  Activation out;
  db_.transaction([&](Catalog& db) {
    if (query_account(db, "email = ?", address))
      throw Refusal(Refused::Conflict, "Un compte existe déjà pour « " + address + " ».");
    db.prepare("INSERT INTO accounts(email, name, role, created_at) VALUES(?, ?, ?, ?)")
        .bind(1, address)
        .bind(2, clean_name)
        .bind(3, std::string(role_slug(role)))
        .bind(4, iso_time(clock_()))
        .run();
    out.account = *query_account(db, "email = ?", address);
    out.expires_at = clock_() + kActivationLifetime;
    out.token = issue_activation(db, out.account.id, out.expires_at);
  });
  return out;
}

Activation Accounts::renew_activation(std::int64_t account_id) {
  Activation out;
  db_.transaction([&](Catalog& db) {
    auto a = query_account(db, account_id);
    if (!a) throw Refusal(Refused::NotFound, "Compte inconnu.");
    out.account = *a;
    out.expires_at = clock_() + kActivationLifetime;
    out.token = issue_activation(db, account_id, out.expires_at);
  });
  return out;
}

std::optional<Account> Accounts::activation_account(const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  return db_.with([&](Catalog& db) -> std::optional<Account> {
    auto s = db.prepare("SELECT account_id FROM activations WHERE token_hash = ? AND expires_at >= ?");
    s.bind(1, token_digest(token)).bind(2, static_cast<long long>(clock_()));
    if (!s.step()) return std::nullopt;
    auto a = query_account(db, s.integer(0));
    if (!a || a->disabled) return std::nullopt;
    return a;
  });
}

Account Accounts::activate(const std::string& token, const std::string& password) {
  const auto account = activation_account(token);
  if (!account)
    throw Refusal(Refused::NotFound,
                  "Ce lien d'activation n'est pas valide : il a déjà servi ou il a expiré (72 heures). "
                  "Demandez-en un nouveau à un administrateur.");
  if (const std::string problem = password_problem(password, account->email); !problem.empty())
    throw Refusal(Refused::BadInput, problem);
  std::string hash;
  {
    HashingSlot slot(hashing_);
    hash = hash_password(password, limits_);
  }
  db_.transaction([&](Catalog& db) {
    // Consumed in the same transaction: a link works once, even when two requests race.
    auto del = db.prepare("DELETE FROM activations WHERE token_hash = ?");
    del.bind(1, token_digest(token)).run();
    if (sqlite3_changes(db.handle()) == 0) throw Refusal(Refused::NotFound, "Ce lien d'activation a déjà servi.");
    db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(1, hash)
        .bind(2, static_cast<long long>(account->id))
        .run();
  });
  return require(account->id);
}

void Accounts::check_throttle(const std::string& address, const std::string& client) {
  if (const std::int64_t wait = throttle_.wait(address, client); wait > 0) {
    const std::int64_t minutes = (wait + 59) / 60;
    throw Refusal(
        Refused::Throttled,
        "Trop de tentatives de connexion infructueuses. Par sécurité, les connexions sont suspendues pendant " +
            std::to_string(minutes) + (minutes > 1 ? " minutes" : " minute") + ". Réessayez ensuite.",
        {}, wait);
  }
}

Account Accounts::authenticate(const std::string& email, const std::string& password, const std::string& client) {
  std::string address = text::trim(email);
  for (char& c : address)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  address = address.substr(0, kMaxEmail);
  check_throttle(address, client);
  struct Row {
    Account account;
    std::string hash;
  };
  const auto row = db_.with([&](Catalog& db) -> std::optional<Row> {
    auto s = db.prepare(std::string("SELECT ") + kAccountColumns + ", password_hash FROM accounts WHERE email = ?");
    s.bind(1, address);
    if (!s.step()) return std::nullopt;
    return Row{read_account(s), s.text(7)};
  });
  const bool usable =
      row && row->account.activated && !row->account.disabled && password.size() <= 4 * kMaxPasswordChars;
  bool ok = false;
  {
    HashingSlot slot(hashing_);
    // An unknown address costs the same time as a wrong password: no way to tell them apart.
    ok = verify_password(usable ? row->hash : dummy_hash(), password.substr(0, 4 * kMaxPasswordChars)) && usable;
  }
  if (!ok) {
    throttle_.failed(address, client);
    throw Refusal(Refused::Unauthenticated, "Adresse électronique ou mot de passe incorrect.");
  }
  throttle_.succeeded(address);
  if (needs_rehash(row->hash, limits_)) {
    std::string fresh;
    {
      HashingSlot slot(hashing_);
      fresh = hash_password(password, limits_);
    }
    db_.with([&](Catalog& db) {
      db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?")
          .bind(1, fresh)
          .bind(2, static_cast<long long>(row->account.id))
          .run();
    });
  }
  return row->account;
}

void Accounts::change_password(std::int64_t account_id, const std::string& current, const std::string& replacement,
                               const std::string& client) {
  const auto [address, hash] = db_.with([&](Catalog& db) {
    auto s = db.prepare("SELECT email, password_hash FROM accounts WHERE id = ? AND disabled = 0");
    s.bind(1, static_cast<long long>(account_id));
    return s.step() ? std::pair(s.text(0), s.text(1)) : std::pair(std::string(), std::string());
  });
  // The current password is a guess like a login's: counted with the account's and the client's
  // failed logins (a stolen session must not test passwords freely).
  check_throttle(address, client);
  bool ok = false;
  {
    HashingSlot slot(hashing_);
    ok = verify_password(hash, current.substr(0, 4 * kMaxPasswordChars));
  }
  if (!ok) {
    throttle_.failed(address, client);
    throw Refusal(Refused::Unauthenticated, "Le mot de passe actuel est incorrect.");
  }
  throttle_.succeeded(address);
  if (replacement == current)  // a change that changes nothing leaves a leaked password in use
    throw Refusal(Refused::BadInput,
                  "Le nouveau mot de passe est celui que vous avez déjà\u202f: choisissez-en un autre.");
  if (const std::string problem = password_problem(replacement, address); !problem.empty())
    throw Refusal(Refused::BadInput, problem);
  std::string fresh;
  {
    HashingSlot slot(hashing_);
    fresh = hash_password(replacement, limits_);
  }
  db_.with([&](Catalog& db) {
    db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(1, fresh)
        .bind(2, static_cast<long long>(account_id))
        .run();
  });
}

std::string Accounts::create_token(std::int64_t account_id) {
  require(account_id);
  const std::string token = random_token();
  db_.with([&](Catalog& db) {
    db.prepare("INSERT INTO api_tokens(token_hash, account_id, created_at) VALUES(?, ?, ?)")
        .bind(1, token_digest(token))
        .bind(2, static_cast<long long>(account_id))
        .bind(3, iso_time(clock_()))
        .run();
  });
  return token;
}

std::size_t Accounts::revoke_tokens(std::int64_t account_id) {
  return db_.with([&](Catalog& db) {
    db.prepare("DELETE FROM api_tokens WHERE account_id = ?").bind(1, static_cast<long long>(account_id)).run();
    return static_cast<std::size_t>(sqlite3_changes(db.handle()));
  });
}

std::optional<Account> Accounts::by_token(const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  return db_.with([&](Catalog& db) -> std::optional<Account> {
    auto s = db.prepare("SELECT account_id FROM api_tokens WHERE token_hash = ?");
    s.bind(1, token_digest(token));
    if (!s.step()) return std::nullopt;
    auto a = query_account(db, s.integer(0));
    if (!a || a->disabled) return std::nullopt;
    return a;
  });
}

std::optional<Account> Accounts::find(std::int64_t id) {
  return db_.with([&](Catalog& db) { return query_account(db, id); });
}

std::optional<Account> Accounts::find_by_email(const std::string& email) {
  std::string address;
  try {
    address = normalise_email(email);
  } catch (const Refusal&) {
    return std::nullopt;
  }
  return db_.with([&](Catalog& db) { return query_account(db, "email = ?", address); });
}

std::vector<Account> Accounts::list() {
  return db_.with([&](Catalog& db) {
    std::vector<Account> out;
    auto s = db.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts ORDER BY email");
    while (s.step()) out.push_back(read_account(s));
    return out;
  });
}

void Accounts::set_role(std::int64_t account_id, Role role) {
  require(account_id);
  db_.with([&](Catalog& db) {
    db.prepare("UPDATE accounts SET role = ? WHERE id = ?")
        .bind(1, std::string(role_slug(role)))
        .bind(2, static_cast<long long>(account_id))
        .run();
  });
}

void Accounts::set_disabled(std::int64_t account_id, bool disabled) {
  require(account_id);
  db_.transaction([&](Catalog& db) {
    db.prepare("UPDATE accounts SET disabled = ? WHERE id = ?")
        .bind(1, disabled ? 1LL : 0LL)
        .bind(2, static_cast<long long>(account_id))
        .run();
    if (disabled)
      db.prepare("DELETE FROM activations WHERE account_id = ?").bind(1, static_cast<long long>(account_id)).run();
  });
}

Account Accounts::require(std::int64_t id) {
  auto a = find(id);
  if (!a) throw Refusal(Refused::NotFound, "Compte inconnu.");
  return *a;
}

}  // namespace pratiques::write
