// The contribution pages (contribution_pages.cpp): plain HTML forms that work without JavaScript,
// each POST checked for its origin and the session's CSRF token; the rules (states, permissions,
// versions, conflicts, validation) are pratiques-write's and the validator's.
//   /contribuer/nouvelle               the form, generated from the grid (new draft)
//   /contributions/<id>/modifier       the same form on a contribution's current version
//   /contributions/<id>                its state, journal, versions, comparison, the actions allowed
//   /contributions/                    "Mes contributions"
#pragma once
#include "account_pages.h"

namespace pratiques::server {

void serve_new_contribution(Exchange& ex);
void serve_edit_contribution(Exchange& ex);
void serve_contribution(Exchange& ex);
void serve_contributions(Exchange& ex);
// "/contributions/12/modifier" → 12; -1 when not a number.
long long id_in_path(const std::string& path);

// A contribution page; a form page takes POST with a body of at most 2 MiB (a sheet of 1 MiB
// sent as a form, or uploaded).
template <void (*Serve)(Exchange&), bool Form = true>
using ContributionPage = AccountPage<Serve, Form, 2 * 1024 * 1024>;

}  // namespace pratiques::server
