// Markdown of sections → HTML with cmark in safe mode: raw HTML and unsafe URLs (javascript:…)
// never pass through. Headings are shifted so that they stay below the page's <h2>.
#pragma once
#include <string>
#include <string_view>

namespace pratiques::site {

// `min_heading`: the smallest heading level written (a "#" inside a section becomes <h3>).
// Text nodes get French typography (fr_typo); code is left untouched.
std::string markdown_to_html(std::string_view markdown, int min_heading = 3);
// A one-paragraph text of the grid (a definition: backticks, emphasis) as inline HTML, without
// the enclosing paragraph.
std::string inline_html(std::string_view text);

}  // namespace pratiques::site
