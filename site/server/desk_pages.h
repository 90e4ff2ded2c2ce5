// The curators' desk (desk_pages.cpp): /gestion/ for documentalistes and administrateurs.
#pragma once
#include "write_handlers.h"

namespace pratiques::server {

void serve_desk(Exchange& ex);  // GET the desk; POST (administrateurs) invite, change a role, disable, enable

}  // namespace pratiques::server
