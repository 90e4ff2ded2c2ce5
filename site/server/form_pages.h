// What every HTML page of the write side shares (account pages, contribution pages): reading a
// POSTed form, the checks of a state-changing request (same site, the session's CSRF token),
// sending a page in the site's frame, redirecting after a POST.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/site/templates.h"
#include "write_handlers.h"

namespace pratiques::server {

// The first value of `name`, "" when absent.
std::string form_field(const Params& p, const std::string& name);
// A POST of a page: same site, and the CSRF token of the caller's session (field "csrf");
// write::Refusal Forbidden otherwise.
Params checked_form(Exchange& ex, const Caller& caller, std::size_t max_fields = 16, bool multiline = false);
// A page of the server (not indexed, never cached) with `name`.mustache as its main content.
void send_page(Exchange& ex, int status, const std::string& title, const std::string& name, const site::Data& data,
               const std::vector<std::pair<std::string, std::string>>& headers = {});
// The title of a page that sends a form back with what was wrong (WCAG 3.3.1, RGAA 8.6):
// « Erreur : » first, so that it is the first thing read of the page.
std::string error_title(const std::string& title, bool error);
void see_other(Exchange& ex, const std::string& location);
// The logged-in caller, or a redirection to the login page, which sends the person back to this
// address (query included) once logged in (then nullopt).
std::optional<Caller> logged_in(Exchange& ex);
// One page of a long list on a page (the desk's queue, « Mes contributions »): the query's `param`
// (from 1; anything else is the first page) and `size` items a page.
struct ListPage {
  std::size_t number = 1, size = 0;
  std::size_t offset() const { return (number - 1) * size; }
};
ListPage list_page(Exchange& ex, const std::string& param, std::size_t size);
// The links to the pages around it (pages_liste.mustache, a <nav> named `name`: « Page 2 sur 7 »,
// previous, next, each `path?…&param=N#anchor`, the query's other parameters kept), for {{{…}}};
// "" when one page holds the whole list.
std::string pager(Exchange& ex, const std::string& path, const std::string& param, const ListPage& page,
                  std::size_t total, const std::string& anchor, const std::string& name);
// What the write side refused, as a page with its status (403, 404, 409…) and its French message.
void refusal_page(Exchange& ex, const write::Refusal& r);

}  // namespace pratiques::server
