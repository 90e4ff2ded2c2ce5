// Pages of the server in the static site's frame (page_frame.cpp).
#pragma once
#include <string>

#include "pratiques/site/layout.h"
#include "pratiques/site/templates.h"
#include "state.h"

namespace pratiques::server {

// The page frame and templates of the static site (pratiques-site), per thread.
const site::Templates& templates();
std::string render_page(State& st, const std::string& base_url, const site::PageMeta& meta, const std::string& main_html);

}  // namespace pratiques::server
