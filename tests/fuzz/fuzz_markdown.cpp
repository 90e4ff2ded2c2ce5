// A section's Markdown rendered as the site renders it (cmark in safe mode, French typography,
// unsafe links removed). Invariant: no raw HTML and no javascript: link ever reaches the page.
#include <algorithm>
#include <cctype>

#include "fuzz.h"
#include "pratiques/site/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string html = pratiques::site::markdown_to_html(fuzz::bytes(data, size));
  std::transform(html.begin(), html.end(), html.begin(), [](unsigned char c) { return std::tolower(c); });
  fuzz::require(html.find("<script") == std::string::npos && html.find("<iframe") == std::string::npos,
                "aucun HTML brut dans la page");
  fuzz::require(
      html.find("href=\"javascript:") == std::string::npos && html.find("src=\"javascript:") == std::string::npos,
      "aucun lien javascript:");
  return 0;
}
