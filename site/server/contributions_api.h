// Handlers of the write side's JSON API (contributions_api.cpp):
//   GET  /api/compte                              the caller's account
//   GET  /api/contributions[?etat=…]              what the caller may see
//   POST /api/contributions                       text/markdown → 201, a new draft
//   GET  /api/contributions/<id>                  with its journal, versions and diagnostics
//   PUT  /api/contributions/<id>                  text/markdown, If-Match: <version> → 412 when stale
//   POST /api/contributions/<id>/<action>         {"commentaire", "remplacee_par"}
//   GET  /api/contributions/<id>/versions/<n>     one version's Markdown
//   GET  /api/contributions/<id>/comparaison?de=&a=   section-by-section comparison
// Authorization: Bearer <jeton>, or the session cookie with the X-CSRF-Token header on writes.
#pragma once
#include "write_handlers.h"

namespace pratiques::server {

class WriteApiHandler : public Handler {
 public:
  WriteApiHandler(State& st, Target t, std::string rest) : Handler(st, std::move(t)), rest_(std::move(rest)) {}

 protected:
  void handle(Exchange& ex) override;
  bool api() const override { return true; }
  const char* methods() const override { return "GET, HEAD, POST, PUT, OPTIONS"; }
  std::size_t max_body() const override;
  std::string rest_;  // the path after /api/ ("compte", "contributions", "contributions/3/publier"…)
};

}  // namespace pratiques::server
