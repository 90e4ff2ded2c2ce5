// A small client for the write side's tests: requests with a body, the session cookie kept
// between requests, the CSRF token read from a page, accounts made directly in the database.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "pratiques/write/accounts.h"
#include "pratiques/write/contributions.h"
#include "server_fixture.h"

namespace testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection, with a body.
Reply send(int port, const std::string& method, const std::string& target, const Headers& headers = {},
           const std::string& body = "");

// A browser without JavaScript: keeps the session cookie, sends forms.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  Reply get(const std::string& target, Headers headers = {});
  Reply post_form(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                  Headers headers = {});
  // The value of the hidden "csrf" field of the last page read.
  std::string csrf() const;
  const std::string& cookie() const { return cookie_; }
  void set_cookie(const std::string& c) { cookie_ = c; }
  const Reply& last() const { return last_; }

 private:
  Reply keep(Reply r);
  int port_;
  std::string cookie_;
  Reply last_;
};

// A browser logged in through the login form (throws when the login fails).
Browser logged_in(TestServer& s, const std::string& email, const std::string& password = "une phrase de passe");

// "name=value" of the session cookie a response sets ("" if none), and its attributes.
std::string set_cookie_value(const Reply& r);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// Sets the next review date of a sheet of the test site's content (its fixture date, 2027-11-21).
void set_next_review(const TestServer& s, const std::string& id, const std::string& date);

// Whether a page or a body contains a piece of text.
inline bool contains(const std::string& s, const std::string& x) { return s.find(x) != std::string::npos; }

// Accounts of a server's database (the same file, another connection).
struct Accounts {
  explicit Accounts(const fs::path& data_dir);
  pratiques::write::Database db;
  pratiques::write::Accounts accounts;
  // A new activated account.
  pratiques::write::Account add(const std::string& email, pratiques::write::Role role,
                                const std::string& password = "une phrase de passe", const std::string& name = "");
  std::string token(const std::string& email);
};

}  // namespace testing
