// Markdown of sections → HTML with cmark in safe mode: raw HTML and unsafe URLs (javascript:…)
// never pass through. Headings are shifted so that they stay below the page's <h2>.
#pragma once
#include <string>
#include <string_view>

#include "pratiques/foreign_terms.h"

namespace pratiques::site {

// `min_heading`: the smallest heading level written (a "#" inside a section becomes <h3>).
// Text nodes get French typography (fr_typo); code is left untouched. Each occurrence of a term of
// `foreign` in a text node (not in code, a URL or an image's description) is wrapped in
// <span lang="…"> (WCAG 2.1 SC 3.1.2).
std::string markdown_to_html(std::string_view markdown, int min_heading = 3, const ForeignTerms* foreign = nullptr);
// A one-paragraph text of the grid (a definition: backticks, emphasis) as inline HTML, without
// the enclosing paragraph.
std::string inline_html(std::string_view text, const ForeignTerms* foreign = nullptr);

}  // namespace pratiques::site
