// The account pages (account_pages.cpp): one handler per page, a function serving it.
#pragma once
#include "write_handlers.h"

namespace pratiques::server {

void serve_login(Exchange& ex);       // /connexion
void serve_activation(Exchange& ex);  // /activation?jeton=…
void serve_logout(Exchange& ex);      // /deconnexion
void serve_account(Exchange& ex);     // /compte
void serve_password(Exchange& ex);    // /compte/mot-de-passe

// A page served by `Serve`; a form page also takes POST, with a body of at most `MaxBody` bytes.
template <void (*Serve)(Exchange&), bool Form = true, std::size_t MaxBody = 16 * 1024>
class AccountPage : public Handler {
 public:
  using Handler::Handler;

 protected:
  void handle(Exchange& ex) override { Serve(ex); }
  const char* methods() const override { return Form ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS"; }
  std::size_t max_body() const override { return Form ? MaxBody : 0; }
};

}  // namespace pratiques::server
