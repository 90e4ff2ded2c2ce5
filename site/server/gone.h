// 410 Gone for the pages and the JSON API of archived or removed sheets (gone.cpp).
#pragma once

#include <optional>
#include <string>

#include "exchange.h"
#include "state.h"

namespace pratiques::server {

// A sheet the publication history knows as deleted (DESIGN-NOTES, decision 1).
struct GoneSheet {
  std::string id, title;    // title: the last published one, the id when none
  bool archived = false;    // archived (curation.statut), else removed
  std::string replacement;  // the sheet that replaces it, when that one is online; "" otherwise
};
std::optional<GoneSheet> gone_sheet(Catalog& cat, const std::string& id);

// Answers 410 Gone when `path` is the page of a sheet the history knows as deleted; false otherwise.
bool answer_gone(State& st, Exchange& ex, const std::string& path);

// The API's 410 for `gone`: the error object (erreur, statut) with the sheet's id, its state and
// its replacement (id and page), as the page's link gives it.
void answer_gone_json(Exchange& ex, const GoneSheet& gone);

}  // namespace pratiques::server
