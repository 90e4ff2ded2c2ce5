#include "write_client.h"

#include "pratiques/server/http.h"

namespace testing {

Reply send(int port, const std::string& method, const std::string& target, const Headers& headers,
           const std::string& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\n";
  bool host = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    host = host || k == "Host";
  }
  if (!host) req += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
  req += "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return parse_reply(raw(port, req));
}

std::string set_cookie_value(const Reply& r) {
  const std::string c = r.header("set-cookie");
  return c.substr(0, c.find(';'));
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + pratiques::server::percent_encode(v);
  return out;
}

Reply Browser::keep(Reply r) {
  const std::string c = set_cookie_value(r);
  if (!c.empty()) cookie_ = c == "__Host-pratiques=" ? "" : c;  // an emptied cookie: logged out
  last_ = r;
  return r;
}

Reply Browser::get(const std::string& target, Headers headers) {
  if (!cookie_.empty()) headers.emplace_back("Cookie", cookie_);
  return keep(send(port_, "GET", target, headers));
}

Reply Browser::post_form(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                         Headers headers) {
  if (!cookie_.empty()) headers.emplace_back("Cookie", cookie_);
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  headers.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(port_));
  headers.emplace_back("Sec-Fetch-Site", "same-origin");
  return keep(send(port_, "POST", target, headers, form_encode(fields)));
}

void set_next_review(const TestServer& s, const std::string& id, const std::string& date) {
  const fs::path file = s.dir() / "content" / "fiches" / (id + ".md");
  std::string text = read_file(file);
  const std::string fixture = "prochaine_revue: \"2027-11-21\"";
  const auto at = text.find(fixture);
  if (at == std::string::npos) throw std::runtime_error(file.string() + " : pas de « " + fixture + " »");
  text.replace(at, fixture.size(), "prochaine_revue: \"" + date + "\"");
  write_file(file, text);
}

Browser logged_in(TestServer& s, const std::string& email, const std::string& password) {
  Browser b(s.port());
  b.get("/connexion");
  const Reply r = b.post_form("/connexion", {{"csrf", b.csrf()}, {"courriel", email}, {"mot_de_passe", password}});
  if (r.status != 303) throw std::runtime_error("login failed: " + std::to_string(r.status) + "\n" + r.body);
  return b;
}

std::string Browser::csrf() const {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = last_.body.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return last_.body.substr(start, last_.body.find('"', start) - start);
}

Accounts::Accounts(const fs::path& data_dir)
    : db(pratiques::write::server_database(data_dir.string())),
      accounts(db, pratiques::write::system_clock(), pratiques::write::KdfLimits::minimum()) {}

pratiques::write::Account Accounts::add(const std::string& email, pratiques::write::Role role,
                                        const std::string& password, const std::string& name) {
  return accounts.activate(accounts.add(email, role, name).token, password);
}

std::string Accounts::token(const std::string& email) {
  return accounts.create_token(accounts.find_by_email(email)->id);
}

}  // namespace testing
