#include "pratiques/write/sessions.h"

#include <algorithm>

namespace pratiques::write {

namespace {

// The expiry is written back at most this often (not at every request).
constexpr std::int64_t kTouchEvery = 60;

}  // namespace

Sessions::Sessions(Database& db, Accounts& accounts, Clock clock, SessionLimits limits)
    : db_(db), accounts_(accounts), clock_(std::move(clock)), limits_(limits) {}

Session Sessions::create(std::optional<Account> account, std::int64_t lifetime) {
  Session s;
  s.id = random_token();
  s.csrf = random_token();
  s.account = std::move(account);
  const std::int64_t now = clock_();
  s.expires_at = now + lifetime;
  db_.with([&](Catalog& db) {
    db.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(1, static_cast<long long>(now)).run();
    auto ins = db.prepare(
        "INSERT INTO sessions(id_hash, account_id, csrf, created_at, seen_at, expires_at) VALUES(?, NULLIF(?, 0), ?, "
        "?, ?, ?)");
    ins.bind(1, token_digest(s.id)).bind(2, static_cast<long long>(s.account ? s.account->id : 0));  // 0: anonymous
    ins.bind(3, s.csrf)
        .bind(4, static_cast<long long>(now))
        .bind(5, static_cast<long long>(now))
        .bind(6, static_cast<long long>(s.expires_at))
        .run();
    if (!s.account) {
      // Beyond the cap, the oldest anonymous sessions go (ties by rowid: the first opened).
      db.prepare(
            "DELETE FROM sessions WHERE account_id IS NULL AND rowid NOT IN (SELECT rowid FROM sessions WHERE "
            "account_id IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?)")
          .bind(1, static_cast<long long>(std::max<std::int64_t>(limits_.max_anonymous, 1)))
          .run();
    }
  });
  return s;
}

Session Sessions::open_anonymous() { return create(std::nullopt, limits_.anonymous); }

Session Sessions::open(const Account& account) { return create(account, std::min(limits_.idle, limits_.absolute)); }

std::optional<Session> Sessions::find(const std::string& id) {
  if (id.empty() || id.size() > 100) return std::nullopt;
  const std::int64_t now = clock_();
  const std::string key = token_digest(id);
  std::optional<std::int64_t> account_id;
  Session s;
  s.id = id;
  const bool live = db_.with([&](Catalog& db) {
    auto q = db.prepare("SELECT account_id, csrf, created_at, seen_at, expires_at FROM sessions WHERE id_hash = ?");
    q.bind(1, key);
    if (!q.step()) return false;
    if (q.integer(4) <= now) {
      q.reset();
      db.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(1, key).run();
      return false;
    }
    if (!q.is_null(0)) account_id = q.integer(0);
    s.csrf = q.text(1);
    const std::int64_t created = q.integer(2), seen = q.integer(3);
    s.expires_at = q.integer(4);
    if (account_id && now - seen >= kTouchEvery) {
      s.expires_at = std::min(now + limits_.idle, created + limits_.absolute);
      q.reset();
      db.prepare("UPDATE sessions SET seen_at = ?, expires_at = ? WHERE id_hash = ?")
          .bind(1, static_cast<long long>(now))
          .bind(2, static_cast<long long>(s.expires_at))
          .bind(3, key)
          .run();
    }
    return true;
  });
  if (!live) return std::nullopt;
  if (account_id) {
    s.account = accounts_.find(*account_id);
    if (s.account && s.account->disabled) s.account.reset();
    if (!s.account) return std::nullopt;  // disabled (or removed) since the login
  }
  return s;
}

void Sessions::close(const std::string& id) {
  db_.with([&](Catalog& db) { db.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(1, token_digest(id)).run(); });
}

void Sessions::close_all(std::int64_t account_id) {
  db_.with([&](Catalog& db) {
    db.prepare("DELETE FROM sessions WHERE account_id = ?").bind(1, static_cast<long long>(account_id)).run();
  });
}

}  // namespace pratiques::write
