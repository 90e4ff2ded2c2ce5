// The addresses of the write side (accounts, contribution forms, curation, its JSON API), as
// patterns: "{id}" stands for one non-empty segment (a sheet's id), "{n}" for a number of at most
// 12 digits (a contribution's), "{…}" for anything, nothing included. The router dispatches on them
// (write_routes.cpp), a read node refuses them all (503), and the reverse proxy of
// docs/repliques.md sends them to the primary: a test checks that its regex covers every one.
#pragma once
#include <string_view>
#include <vector>

namespace pratiques::server {

std::vector<std::string_view> write_route_patterns();
bool matches_route(std::string_view pattern, std::string_view path);

}  // namespace pratiques::server
