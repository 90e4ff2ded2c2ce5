// Accounts, passwords, activation links, login rate limiting, API tokens, sessions.
#include <catch2/catch.hpp>

#include "pratiques/write/accounts.h"
#include "pratiques/write/refusal.h"
#include "pratiques/write/sessions.h"
#include "support.h"

using namespace pratiques::write;

namespace {

struct Accounts_ {
  testing::TempDir dir;
  std::int64_t now = 1'790'000'000;
  Database db{(dir / "pratiques.sqlite").string()};
  Accounts accounts{db, [this] { return now; }, KdfLimits::minimum()};
  Sessions sessions{db, accounts, [this] { return now; }};
};

Refused refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refusal& r) {
    return r.kind;
  }
  FAIL("no refusal");
  return Refused::BadInput;
}

// The message of the refusal `f` throws.
std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refusal& r) {
    return r.what();
  }
  FAIL("no refusal");
  return "";
}

bool contains(const std::string& s, const std::string& x) { return s.find(x) != std::string::npos; }

}  // namespace

TEST_CASE("passwords are hashed with argon2id and checked", "[write][password]") {
  const std::string h = hash_password("une phrase de passe", KdfLimits::minimum());
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(h.find("une phrase") == std::string::npos);
  CHECK(verify_password(h, "une phrase de passe"));
  CHECK_FALSE(verify_password(h, "une phrase de passE"));
  CHECK_FALSE(verify_password("", "une phrase de passe"));
  CHECK(needs_rehash(h, KdfLimits::interactive()));
  CHECK_FALSE(needs_rehash(h, KdfLimits::minimum()));
}

TEST_CASE("a new password has at least 12 characters", "[write][password]") {
  CHECK(password_problem("onze-carac!").find("au moins 12") != std::string::npos);
  CHECK(password_problem("douze-caract").empty());
  CHECK(password_problem("éàèùâêîôûçëï").empty());  // characters, not bytes
  CHECK_FALSE(password_problem(std::string(257, 'a')).empty());
  CHECK_FALSE(password_problem("\xff\xfe mot de passe invalide").empty());
}

TEST_CASE("a new password is refused when it is only spaces, one character or pattern repeated, or a sequence",
          "[write][password]") {
  // NIST SP 800-63B §5.1.1.2: long enough is not enough when it is guessed in a few tries.
  for (const std::string& weak :
       {std::string(12, ' '), std::string(" \t \u00a0 \u202f      "), std::string(14, 'a'), std::string("éééééééééééé"),
        std::string("abababababab"), std::string("abcabcabcabc"), std::string("123412341234"),
        std::string("123456789012"), std::string("abcdefghijklm"), std::string("987654321098")}) {
    INFO(weak);
    CHECK_FALSE(password_problem(weak).empty());
  }
  CHECK(password_problem(std::string(12, ' ')) == "Le mot de passe ne peut pas être fait que d'espaces.");
  CHECK(contains(password_problem("aaaaaaaaaaaa"), "répète"));
  CHECK(contains(password_problem("123456789012"), "suite"));
  for (const char* fine : {"une phrase de passe", "aaaaaaaaaaab cd", "abcdefghijkz", "Le 14 juillet 1789 !"})
    CHECK(password_problem(fine).empty());
}

TEST_CASE("tokens are 256 random bits, stored as digests", "[write][password]") {
  const std::string a = random_token(), b = random_token();
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(token_digest(a).size() == 64);
  CHECK(token_digest(a) != token_digest(b));
  CHECK(same_secret(a, a));
  CHECK_FALSE(same_secret(a, b));
  CHECK_FALSE(same_secret("", ""));
}

TEST_CASE("an account is activated once, by its link, within 72 hours", "[write][accounts]") {
  Accounts_ t;
  const Activation a = t.accounts.add("  Marie.Dupont@Exemple.FR ", Role::Documentaliste, "Marie Dupont");
  CHECK(a.account.email == "marie.dupont@exemple.fr");
  CHECK_FALSE(a.account.activated);
  CHECK(a.expires_at == t.now + 72 * 3600);
  // The database keeps no usable secret.
  t.db.with([&](pratiques::Catalog& db) {
    auto s = db.prepare("SELECT token_hash FROM activations");
    REQUIRE(s.step());
    CHECK(s.text(0) == token_digest(a.token));
  });
  REQUIRE(t.accounts.activation_account(a.token));
  CHECK(refusal_of([&] { t.accounts.activate(a.token, "court"); }) == Refused::BadInput);
  // Nor the account's address, nor its part before "@", whatever the case.
  for (const char* own : {"marie.dupont@exemple.fr", "Moi : MARIE.DUPONT@EXEMPLE.FR", "marie.dupont 2026 !"}) {
    INFO(own);
    CHECK(message_of([&] { t.accounts.activate(a.token, own); }) ==
          "Le mot de passe ne doit contenir ni votre adresse électronique ni ce qui précède son «\u202f@\u202f».");
  }
  const Account done = t.accounts.activate(a.token, "une phrase de passe");
  CHECK(done.activated);
  CHECK(refusal_of([&] { t.accounts.activate(a.token, "une autre phrase"); }) == Refused::NotFound);  // used

  const Activation late = t.accounts.add("tard@exemple.fr", Role::Contributeur);
  t.now += 72 * 3600 + 1;
  CHECK_FALSE(t.accounts.activation_account(late.token));
  CHECK(refusal_of([&] { t.accounts.activate(late.token, "une phrase de passe"); }) == Refused::NotFound);
  const Activation renewed = t.accounts.renew_activation(late.account.id);
  CHECK(t.accounts.activate(renewed.token, "une phrase de passe").activated);
}

TEST_CASE("account creation refuses bad and taken addresses", "[write][accounts]") {
  Accounts_ t;
  t.accounts.add("a@exemple.fr", Role::Contributeur);
  CHECK(refusal_of([&] { t.accounts.add("A@EXEMPLE.FR", Role::Formateur); }) == Refused::Conflict);
  for (const char* bad :
       {"", "sans-arobase", "@exemple.fr", "a@b", "a@@exemple.fr", "a b@exemple.fr", "<a>@exemple.fr"})
    CHECK(refusal_of([&] { t.accounts.add(bad, Role::Contributeur); }) == Refused::BadInput);
  CHECK(parse_role("documentaliste") == Role::Documentaliste);
  CHECK_FALSE(parse_role("superviseur"));
}

TEST_CASE("login checks the password and rehashes when the parameters changed", "[write][accounts]") {
  testing::TempDir dir;
  std::int64_t now = 1'790'000'000;
  Database db((dir / "pratiques.sqlite").string());
  std::int64_t id = 0;
  {
    Accounts old(
        db, [&] { return now; }, KdfLimits::minimum());
    const Activation a = old.add("a@exemple.fr", Role::Contributeur);
    id = old.activate(a.token, "une phrase de passe").id;
  }
  auto stored = [&] {
    return db.with([&](pratiques::Catalog& c) {
      auto s = c.prepare("SELECT password_hash FROM accounts WHERE id = ?");
      s.bind(1, static_cast<long long>(id));
      s.step();
      return s.text(0);
    });
  };
  const std::string before = stored();
  // Stronger parameters now: the next successful login rehashes.
  KdfLimits stronger = KdfLimits::minimum();
  stronger.ops += 1;
  Accounts accounts(
      db, [&] { return now; }, stronger);
  CHECK(refusal_of([&] { accounts.authenticate("a@exemple.fr", "mauvais mot de passe", "1.2.3.4"); }) ==
        Refused::Unauthenticated);
  CHECK(stored() == before);
  CHECK(accounts.authenticate("A@exemple.fr", "une phrase de passe", "1.2.3.4").id == id);
  CHECK(stored() != before);
  CHECK_FALSE(needs_rehash(stored(), stronger));
  CHECK(accounts.authenticate("a@exemple.fr", "une phrase de passe", "1.2.3.4").id == id);
}

TEST_CASE("unknown addresses and wrong passwords get the same answer", "[write][accounts]") {
  Accounts_ t;
  const Activation a = t.accounts.add("a@exemple.fr", Role::Contributeur);
  std::string wrong, unknown, inactive;
  try {
    t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "c");
  } catch (const Refusal& r) {
    inactive = r.what();
  }
  t.accounts.activate(a.token, "une phrase de passe");
  try {
    t.accounts.authenticate("a@exemple.fr", "pas la bonne phrase", "c");
  } catch (const Refusal& r) {
    wrong = r.what();
  }
  try {
    t.accounts.authenticate("inconnu@exemple.fr", "pas la bonne phrase", "c");
  } catch (const Refusal& r) {
    unknown = r.what();
  }
  CHECK(wrong == "Adresse électronique ou mot de passe incorrect.");
  CHECK(unknown == wrong);
  CHECK(inactive == wrong);
}

TEST_CASE("login attempts are limited per account and per client", "[write][accounts][throttle]") {
  Accounts_ t;
  t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  t.accounts.activate(t.accounts.add("b@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  for (int i = 0; i < 5; ++i)
    CHECK(refusal_of([&] { t.accounts.authenticate("a@exemple.fr", "essai " + std::to_string(i), "client-1"); }) ==
          Refused::Unauthenticated);
  // Sixth attempt on this account, even with the right password and from elsewhere: refused, with the wait.
  try {
    t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "client-2");
    FAIL("not throttled");
  } catch (const Refusal& r) {
    CHECK(r.kind == Refused::Throttled);
    CHECK(r.retry_after == 15 * 60);
    CHECK(std::string(r.what()).find("Trop de tentatives de connexion") != std::string::npos);
    CHECK(std::string(r.what()).find("15 minutes") != std::string::npos);
  }
  // Other accounts are not affected from another client.
  CHECK(t.accounts.authenticate("b@exemple.fr", "une phrase de passe", "client-2").email == "b@exemple.fr");
  // The window passes.
  t.now += 15 * 60;
  CHECK(t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "client-2").email == "a@exemple.fr");

  // One client trying many accounts is stopped too.
  for (int i = 0; i < 20; ++i)
    refusal_of([&] { t.accounts.authenticate("x" + std::to_string(i) + "@exemple.fr", "essai", "client-3"); });
  CHECK(refusal_of([&] { t.accounts.authenticate("b@exemple.fr", "une phrase de passe", "client-3"); }) ==
        Refused::Throttled);
  CHECK(t.accounts.authenticate("b@exemple.fr", "une phrase de passe", "client-4").email == "b@exemple.fr");
}

TEST_CASE("guesses of the current password in a password change are limited with the logins",
          "[write][accounts][throttle]") {
  Accounts_ t;
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  for (int i = 0; i < 3; ++i)
    CHECK(refusal_of([&] { t.accounts.authenticate("a@exemple.fr", "essai " + std::to_string(i), "client-1"); }) ==
          Refused::Unauthenticated);
  for (int i = 0; i < 2; ++i)
    CHECK(refusal_of([&] {
            t.accounts.change_password(a.id, "essai " + std::to_string(i), "une nouvelle phrase", "client-2");
          }) == Refused::Unauthenticated);
  // Five failures on the account, logins and changes together: even the right password waits.
  CHECK(refusal_of([&] { t.accounts.change_password(a.id, "une phrase de passe", "une nouvelle phrase", "c"); }) ==
        Refused::Throttled);
  CHECK(refusal_of([&] { t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "c"); }) == Refused::Throttled);
  t.now += 15 * 60;
  t.accounts.change_password(a.id, "une phrase de passe", "une nouvelle phrase", "c");
  CHECK(t.accounts.authenticate("a@exemple.fr", "une nouvelle phrase", "c").id == a.id);
}

TEST_CASE("a password change needs the current one", "[write][accounts]") {
  Accounts_ t;
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  CHECK(refusal_of([&] { t.accounts.change_password(a.id, "pas la bonne", "une nouvelle phrase", "c"); }) ==
        Refused::Unauthenticated);
  CHECK(refusal_of([&] { t.accounts.change_password(a.id, "une phrase de passe", "court", "c"); }) ==
        Refused::BadInput);
  CHECK(message_of([&] { t.accounts.change_password(a.id, "une phrase de passe", "une phrase de passe", "c"); }) ==
        "Le nouveau mot de passe est celui que vous avez déjà\u202f: choisissez-en un autre.");
  t.accounts.change_password(a.id, "une phrase de passe", "une nouvelle phrase", "c");
  CHECK(refusal_of([&] { t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "c"); }) ==
        Refused::Unauthenticated);
  CHECK(t.accounts.authenticate("a@exemple.fr", "une nouvelle phrase", "c").id == a.id);
}

TEST_CASE("API tokens are shown once, stored hashed and revocable", "[write][accounts]") {
  Accounts_ t;
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Documentaliste).token, "une phrase de passe");
  const std::string one = t.accounts.create_token(a.id), two = t.accounts.create_token(a.id);
  CHECK(one != two);
  CHECK(t.accounts.by_token(one)->id == a.id);
  CHECK(t.accounts.by_token(two)->role == Role::Documentaliste);
  CHECK_FALSE(t.accounts.by_token("nimporte-quoi"));
  t.db.with([&](pratiques::Catalog& db) {
    auto s = db.prepare("SELECT count(*) FROM api_tokens WHERE token_hash IN (?, ?)");
    s.bind(1, one).bind(2, two);
    s.step();
    CHECK(s.integer(0) == 0);  // only digests are stored
  });
  CHECK(t.accounts.revoke_tokens(a.id) == 2);
  CHECK_FALSE(t.accounts.by_token(one));
  CHECK_FALSE(t.accounts.by_token(two));
}

TEST_CASE("administration: roles change, a disabled account can neither log in nor use a token", "[write][accounts]") {
  Accounts_ t;
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  const std::string token = t.accounts.create_token(a.id);
  t.accounts.set_role(a.id, Role::Formateur);
  CHECK(t.accounts.find(a.id)->role == Role::Formateur);
  const Session s = t.sessions.open(*t.accounts.find(a.id));
  t.accounts.set_disabled(a.id, true);
  CHECK(refusal_of([&] { t.accounts.authenticate("a@exemple.fr", "une phrase de passe", "c"); }) ==
        Refused::Unauthenticated);
  CHECK_FALSE(t.accounts.by_token(token));
  CHECK_FALSE(t.sessions.find(s.id));
  t.accounts.set_disabled(a.id, false);
  CHECK(t.accounts.by_token(token));
  CHECK(t.accounts.list().size() == 1);
}

TEST_CASE("sessions: a random id, stored hashed, expiring, destroyed at logout", "[write][sessions]") {
  Accounts_ t;
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  const Session s = t.sessions.open(a);
  CHECK(s.id.size() == 43);
  CHECK(s.csrf.size() == 43);
  CHECK(s.id != s.csrf);
  t.db.with([&](pratiques::Catalog& db) {
    auto q = db.prepare("SELECT count(*) FROM sessions WHERE id_hash = ?");
    q.bind(1, token_digest(s.id));
    q.step();
    CHECK(q.integer(0) == 1);
  });
  REQUIRE(t.sessions.find(s.id));
  CHECK(t.sessions.find(s.id)->account->id == a.id);
  CHECK(t.sessions.find(s.id)->csrf == s.csrf);
  // A login opens a new session: the id changes.
  CHECK(t.sessions.open(a).id != s.id);

  SECTION("logout") {
    t.sessions.close(s.id);
    CHECK_FALSE(t.sessions.find(s.id));
  }
  SECTION("idle expiry, pushed back by activity") {
    t.now += 3 * 3600;
    REQUIRE(t.sessions.find(s.id));  // seen: 4 h more from now
    t.now += 3 * 3600;
    CHECK(t.sessions.find(s.id));
    t.now += 4 * 3600 + 1;
    CHECK_FALSE(t.sessions.find(s.id));
  }
  SECTION("absolute expiry, whatever the activity") {
    for (int h = 0; h < 12; ++h) {
      t.now += 3600;
      if (h < 11) CHECK(t.sessions.find(s.id));
    }
    CHECK_FALSE(t.sessions.find(s.id));
  }
  SECTION("every session of an account") {
    const Session other = t.sessions.open(a);
    t.sessions.close_all(a.id);
    CHECK_FALSE(t.sessions.find(s.id));
    CHECK_FALSE(t.sessions.find(other.id));
  }
  SECTION("anonymous sessions carry the login form's token for an hour") {
    const Session anon = t.sessions.open_anonymous();
    REQUIRE(t.sessions.find(anon.id));
    CHECK_FALSE(t.sessions.find(anon.id)->account);
    t.now += 3601;
    CHECK_FALSE(t.sessions.find(anon.id));
  }
}

TEST_CASE("anonymous sessions are capped, the oldest closed first, logged-in ones untouched", "[write][sessions]") {
  Accounts_ t;
  SessionLimits limits;
  limits.max_anonymous = 5;
  Sessions sessions{t.db, t.accounts, [&t] { return t.now; }, limits};
  const Account a =
      t.accounts.activate(t.accounts.add("a@exemple.fr", Role::Contributeur).token, "une phrase de passe");
  const Session logged = sessions.open(a);
  std::vector<Session> anonymous;
  for (int i = 0; i < 8; ++i) {
    anonymous.push_back(sessions.open_anonymous());
    ++t.now;
  }
  const auto count = t.db.with([](pratiques::Catalog& db) {
    auto s = db.prepare("SELECT count(*) FROM sessions WHERE account_id IS NULL");
    s.step();
    return s.integer(0);
  });
  CHECK(count == 5);  // 8 visits of the login page: 5 rows
  for (int i = 0; i < 3; ++i) CHECK_FALSE(sessions.find(anonymous[static_cast<std::size_t>(i)].id));
  for (int i = 3; i < 8; ++i) CHECK(sessions.find(anonymous[static_cast<std::size_t>(i)].id));
  CHECK(sessions.find(logged.id));
}
