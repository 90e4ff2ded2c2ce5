// The account pages over HTTP: login, activation, logout, password change; the session cookie's
// attributes; CSRF tokens, Origin and Sec-Fetch-Site checks; rate limiting; plain http refused
// except on localhost; hostile text escaped.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "pratiques/text.h"
#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

TEST_CASE("login: an anonymous session for the form, a new session at login, the cookie's attributes",
          "[server][write][pages]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("marie@exemple.fr", Role::Documentaliste, "une phrase de passe", "Marie Curie");
  Browser b(s.port());
  const Reply form = b.get("/connexion");
  REQUIRE(form.status == 200);
  CHECK(contains(form.body, "<h1>Se connecter</h1>"));
  CHECK(form.header("cache-control") == "no-store");
  const std::string set = form.header("set-cookie");
  CHECK(set.rfind("__Host-pratiques=", 0) == 0);
  const std::string attributes = pratiques::text::lower(set.substr(set.find(';')));  // names are case-insensitive
  CHECK(contains(attributes, "; path=/"));
  CHECK(contains(attributes, "; secure"));
  CHECK(contains(attributes, "; httponly"));
  CHECK(contains(attributes, "; samesite=lax"));
  CHECK_FALSE(contains(attributes, "domain"));
  const std::string anonymous = b.cookie();
  REQUIRE(b.csrf().size() == 43);

  const Reply wrong = b.post_form(
      "/connexion", {{"csrf", b.csrf()}, {"courriel", "marie@exemple.fr"}, {"mot_de_passe", "pas la bonne"}});
  CHECK(wrong.status == 401);
  CHECK(contains(wrong.body, "Adresse électronique ou mot de passe incorrect."));
  CHECK(contains(wrong.body, "value=\"marie@exemple.fr\""));  // the address is kept, never the password

  const Reply ok = b.post_form(
      "/connexion", {{"csrf", b.csrf()}, {"courriel", "Marie@Exemple.fr"}, {"mot_de_passe", "une phrase de passe"}});
  CHECK(ok.status == 303);
  CHECK(ok.header("location") == "/compte");
  CHECK(b.cookie() != anonymous);  // a new session id at login
  const Reply account = b.get("/compte");
  CHECK(account.status == 200);
  CHECK(contains(account.body, "Marie Curie"));
  CHECK(contains(account.body, "Documentaliste"));
  CHECK(contains(account.body, "Publier les fiches"));
  // The anonymous session is gone.
  Browser old(s.port());
  old.set_cookie(anonymous);
  CHECK(old.get("/compte").status == 303);
  // Back to where the login was asked for, only on this site.
  Browser c(s.port());
  c.get("/connexion?suite=%2Fcompte%2Fmot-de-passe");
  CHECK(c.post_form("/connexion", {{"csrf", c.csrf()},
                                   {"courriel", "marie@exemple.fr"},
                                   {"mot_de_passe", "une phrase de passe"},
                                   {"suite", "/compte/mot-de-passe"}})
            .header("location") == "/compte/mot-de-passe");
  Browser d(s.port());
  d.get("/connexion");
  CHECK(d.post_form("/connexion", {{"csrf", d.csrf()},
                                   {"courriel", "marie@exemple.fr"},
                                   {"mot_de_passe", "une phrase de passe"},
                                   {"suite", "//ailleurs.example/"}})
            .header("location") == "/compte");
}

TEST_CASE("every form refuses a missing or wrong CSRF token and another site's requests",
          "[server][write][pages][csrf]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("a@exemple.fr", Role::Contributeur);
  Browser b(s.port());
  b.get("/connexion");
  const std::string token = b.csrf();
  const std::vector<std::pair<std::string, std::string>> good{{"courriel", "a@exemple.fr"},
                                                              {"mot_de_passe", "une phrase de passe"}};
  auto with = [&](const std::string& csrf) {
    auto f = good;
    f.emplace_back("csrf", csrf);
    return f;
  };
  CHECK(b.post_form("/connexion", good).status == 403);
  CHECK(b.post_form("/connexion", with("faux")).status == 403);
  CHECK(b.post_form("/connexion", with(token), {{"Origin", "https://attaquant.example"}}).status == 403);
  CHECK(b.post_form("/connexion", with(token), {{"Sec-Fetch-Site", "cross-site"}}).status == 403);
  // Another browser's token is not this one's.
  Browser other(s.port());
  other.get("/connexion");
  CHECK(b.post_form("/connexion", with(other.csrf())).status == 403);

  Browser in = logged_in(s, "a@exemple.fr");
  in.get("/compte");
  CHECK(in.post_form("/deconnexion", {{"csrf", "faux"}}).status == 403);
  CHECK(in.post_form("/compte/mot-de-passe", {{"csrf", "faux"},
                                              {"actuel", "une phrase de passe"},
                                              {"mot_de_passe", "une nouvelle phrase"},
                                              {"confirmation", "une nouvelle phrase"}})
            .status == 400);
  CHECK(in.get("/compte").status == 200);  // still logged in: nothing happened
}

TEST_CASE("login attempts are limited, with a clear French message", "[server][write][pages][throttle]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("a@exemple.fr", Role::Contributeur);
  Browser b(s.port());
  b.get("/connexion");
  for (int i = 0; i < 5; ++i)
    CHECK(b.post_form("/connexion", {{"csrf", b.csrf()},
                                     {"courriel", "a@exemple.fr"},
                                     {"mot_de_passe", "essai numéro " + std::to_string(i)}})
              .status == 401);
  const Reply r = b.post_form(
      "/connexion", {{"csrf", b.csrf()}, {"courriel", "a@exemple.fr"}, {"mot_de_passe", "une phrase de passe"}});
  CHECK(r.status == 429);
  // The wait runs from the first of the 5 failures: 900 s less however long the attempts took
  // (each one hashes a password), so no bound on the machine's speed but a wait that ends.
  const int retry_after = std::atoi(r.header("retry-after").c_str());
  CHECK(retry_after > 0);
  CHECK(retry_after <= 900);
  CHECK(contains(r.body, "Trop de tentatives de connexion infructueuses"));
  CHECK(contains(r.body, "15 minutes"));
}

TEST_CASE("logout destroys the session and clears the cookie", "[server][write][pages]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("a@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "a@exemple.fr");
  const std::string session = b.cookie();
  const Reply confirm = b.get("/deconnexion");
  CHECK(confirm.status == 200);
  CHECK(contains(confirm.body, "a@exemple.fr"));
  const Reply out = b.post_form("/deconnexion", {{"csrf", b.csrf()}});
  CHECK(out.status == 303);
  CHECK(out.header("location") == "/connexion?deconnecte=1");
  CHECK(out.header("set-cookie").rfind("__Host-pratiques=;", 0) == 0);
  CHECK(contains(out.header("set-cookie"), "expires="));  // expired now
  CHECK(contains(b.get("/connexion?deconnecte=1").body, "Vous êtes déconnecté."));
  // The old cookie opens nothing any more.
  Browser replay(s.port());
  replay.set_cookie(session);
  CHECK(replay.get("/compte").status == 303);
  CHECK(send(s.port(), "GET", "/api/compte", {{"Cookie", session}}).status == 401);
}

TEST_CASE("activation: the link lets the person choose a password, once", "[server][write][pages]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  const auto link = acc.accounts.add("nouveau@exemple.fr", Role::Formateur, "Nouvel Arrivant");
  Browser b(s.port());
  const Reply form = b.get("/activation?jeton=" + link.token);
  REQUIRE(form.status == 200);
  CHECK(contains(form.body, "nouveau@exemple.fr"));
  CHECK(contains(form.body, "Formateur"));
  auto submit = [&](const std::string& pw, const std::string& confirmation) {
    return b.post_form(
        "/activation",
        {{"csrf", b.csrf()}, {"jeton", link.token}, {"mot_de_passe", pw}, {"confirmation", confirmation}});
  };
  const Reply differ = submit("une phrase de passe", "une autre phrase");
  CHECK(differ.status == 400);
  CHECK(contains(differ.body, "diffèrent"));
  const Reply shortpw = submit("court", "court");
  CHECK(shortpw.status == 400);
  CHECK(contains(shortpw.body, "au moins 12 caractères"));
  const Reply own = submit("nouveau@exemple.fr", "nouveau@exemple.fr");  // 18 characters, but guessed first
  CHECK(own.status == 400);
  CHECK(contains(own.body,
                 "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Le mot de passe ne doit contenir ni votre adresse"));
  const Reply ok = submit("une phrase de passe", "une phrase de passe");
  CHECK(ok.status == 303);
  CHECK(ok.header("location") == "/compte?active=1");
  const Reply account = b.get("/compte?active=1");
  CHECK(contains(account.body, "Votre compte est activé"));
  CHECK(contains(account.body, "Nouvel Arrivant"));
  // Used: the link no longer works.
  Browser again(s.port());
  const Reply used = again.get("/activation?jeton=" + link.token);
  CHECK(used.status == 404);
  CHECK(contains(used.body, "a déjà servi ou il a expiré"));
  CHECK(again.get("/activation?jeton=nimporte-quoi").status == 404);
  CHECK(again.get("/activation").status == 404);
}

TEST_CASE("password change: the current one is needed, other sessions end", "[server][write][pages]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("a@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "a@exemple.fr");
  Browser elsewhere = logged_in(s, "a@exemple.fr");
  b.get("/compte/mot-de-passe");
  const Reply wrong = b.post_form("/compte/mot-de-passe", {{"csrf", b.csrf()},
                                                           {"actuel", "pas la bonne phrase"},
                                                           {"mot_de_passe", "une nouvelle phrase"},
                                                           {"confirmation", "une nouvelle phrase"}});
  CHECK(wrong.status == 400);
  CHECK(contains(wrong.body, "Le mot de passe actuel est incorrect."));
  const Reply same = b.post_form("/compte/mot-de-passe", {{"csrf", b.csrf()},
                                                          {"actuel", "une phrase de passe"},
                                                          {"mot_de_passe", "une phrase de passe"},
                                                          {"confirmation", "une phrase de passe"}});
  CHECK(same.status == 400);
  CHECK(contains(same.body, "<p class=\"erreur\" role=\"alert\">Le nouveau mot de passe est celui que vous avez"));
  const Reply ok = b.post_form("/compte/mot-de-passe", {{"csrf", b.csrf()},
                                                        {"actuel", "une phrase de passe"},
                                                        {"mot_de_passe", "une nouvelle phrase"},
                                                        {"confirmation", "une nouvelle phrase"}});
  CHECK(ok.status == 303);
  CHECK(b.get("/compte?mot-de-passe=1").status == 200);
  CHECK(elsewhere.get("/compte").status == 303);  // logged out
  CHECK_NOTHROW(logged_in(s, "a@exemple.fr", "une nouvelle phrase"));
}

TEST_CASE("plain http is accepted on localhost only, behind a TLS proxy, X-Forwarded-Proto", "[server][write][pages]") {
  TestServer s;
  Browser b(s.port());
  const Reply remote = b.get("/connexion", {{"Host", "pratiques.example.org"}});
  CHECK(remote.status == 403);
  CHECK(contains(remote.body, "mandataire TLS"));
  CHECK(remote.header("set-cookie").empty());
  CHECK(b.get("/connexion", {{"Host", "pratiques.example.org"}, {"X-Forwarded-Proto", "https"}}).status == 200);
  CHECK(b.get("/connexion", {{"Host", "localhost:8080"}}).status == 200);
}

TEST_CASE("hostile text is escaped in every page", "[server][write][pages]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("x@exemple.fr", Role::Contributeur, "une phrase de passe", "<script>alert(1)</script>\" onload=\"x");
  Browser b = logged_in(s, "x@exemple.fr");
  const Reply page = b.get("/compte");
  CHECK_FALSE(contains(page.body, "<script>alert"));
  CHECK(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x"));
  Browser c(s.port());
  c.get("/connexion");
  const Reply r = c.post_form(
      "/connexion", {{"csrf", c.csrf()}, {"courriel", "\"><script>alert(2)</script>"}, {"mot_de_passe", "x"}});
  CHECK(r.status == 401);
  CHECK_FALSE(contains(r.body, "<script>alert(2)"));
  // Not UTF-8, not a form: 400, never 500.
  c.get("/connexion");
  CHECK(send(s.port(), "POST", "/connexion",
             {{"Cookie", c.cookie()}, {"Content-Type", "application/x-www-form-urlencoded"}},
             "csrf=" + c.csrf() + "&courriel=%FF%FE&mot_de_passe=x")
            .status == 400);
  CHECK(send(s.port(), "POST", "/connexion", {{"Cookie", c.cookie()}, {"Content-Type", "text/plain"}}, "bonjour")
            .status == 400);
  CHECK(send(s.port(), "POST", "/connexion", {{"Content-Type", "application/x-www-form-urlencoded"}},
             std::string(20000, 'a'))
            .status == 413);
}

TEST_CASE(
    "login and activation: a refused password marks its field invalid, described by the message, the title says Erreur",
    "[server][write][pages][a11y]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("marie@exemple.fr", Role::Documentaliste, "une phrase de passe", "Marie Curie");
  Browser b(s.port());
  const Reply form = b.get("/connexion");
  CHECK(contains(form.body, "<title>Se connecter"));
  CHECK_FALSE(contains(form.body, "aria-invalid"));
  const Reply wrong = b.post_form(
      "/connexion", {{"csrf", b.csrf()}, {"courriel", "marie@exemple.fr"}, {"mot_de_passe", "pas la bonne"}});
  CHECK(wrong.status == 401);
  CHECK(contains(wrong.body, "<title>Erreur\u00a0: Se connecter"));
  CHECK(contains(wrong.body, "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Adresse électronique ou mot de passe"));
  CHECK(contains(wrong.body,
                 "id=\"mot_de_passe\" name=\"mot_de_passe\" type=\"password\" autocomplete=\"current-password\" "
                 "required maxlength=\"1024\" aria-invalid=\"true\" aria-describedby=\"erreur\""));

  const auto link = acc.accounts.add("nouveau@exemple.fr", Role::Formateur, "Nouvel Arrivant");
  Browser n(s.port());
  CHECK(contains(n.get("/activation?jeton=" + link.token).body, "<title>Activer votre compte"));
  auto submit = [&](const std::string& pw, const std::string& confirmation) {
    return n.post_form(
        "/activation",
        {{"csrf", n.csrf()}, {"jeton", link.token}, {"mot_de_passe", pw}, {"confirmation", confirmation}});
  };
  // Two different passwords: the confirmation is the field in error.
  const Reply differ = submit("une phrase de passe", "une autre phrase");
  CHECK(contains(differ.body, "<title>Erreur\u00a0: Activer votre compte"));
  CHECK(contains(differ.body, "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Les deux mots de passe"));
  CHECK(contains(differ.body,
                 "id=\"confirmation\" name=\"confirmation\" type=\"password\" autocomplete=\"new-password\" "
                 "required minlength=\"12\" maxlength=\"1024\" aria-invalid=\"true\" aria-describedby=\"erreur\""));
  CHECK(contains(differ.body, "aria-describedby=\"aide-mot-de-passe\">"));  // the password itself: not in error
  // A weak password: the password, described by the message and its help.
  const Reply weak = submit("court", "court");
  CHECK(contains(weak.body, "<title>Erreur\u00a0: Activer votre compte"));
  CHECK(contains(weak.body,
                 "id=\"mot_de_passe\" name=\"mot_de_passe\" type=\"password\" autocomplete=\"new-password\" "
                 "required minlength=\"12\" maxlength=\"1024\" aria-invalid=\"true\" "
                 "aria-describedby=\"erreur aide-mot-de-passe\">"));
  CHECK_FALSE(contains(weak.body,
                       "id=\"confirmation\" name=\"confirmation\" type=\"password\" autocomplete=\"new-password\" "
                       "required minlength=\"12\" maxlength=\"1024\" aria-invalid"));
}
