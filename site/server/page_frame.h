// Pages of the server in the static site's frame (page_frame.cpp).
#pragma once
#include <string>

#include "pratiques/site/layout.h"
#include "pratiques/site/templates.h"
#include "state.h"

namespace pratiques::server {

// The page frame and templates of the static site (pratiques-site), per thread.
const site::Templates& templates();
std::string render_page(State& st, const std::string& base_url, const site::PageMeta& meta,
                        const std::string& main_html);
// The page a sheet would have once published (the site's own template, "Pratiques proches" and the
// links relative to its future address left out), from its Markdown, `back` (HTML: the way back to
// the form) below the preview's notice; "" when its front matter cannot be read. `published`: a page
// already answers at its address (else the permanent address is text, active at publication).
std::string sheet_preview(State& st, const std::string& base_url, const std::string& markdown,
                          const std::string& sheet_id, bool published, const std::string& back);
// The page a course would have once published (the site's course page, its steps linked to the
// published sheets of the current generation), from its Markdown; "" when its front matter cannot
// be read. `published`: as for a sheet.
std::string course_preview(State& st, const std::string& base_url, const std::string& markdown,
                           const std::string& course_id, bool published, const std::string& back);

// A list for a template that wraps it (a table around its rows): the list under `key`, and whether
// it has items under "has_" + key. A Mustache section iterates over a list, so the wrapper of
// `{{#rows}}<table>{{#rows}}<tr>…` would be repeated for every row: it tests `{{#has_rows}}`.
void put_list(site::Data& page, const std::string& key, site::List list);

}  // namespace pratiques::server
