#include "pratiques/site/markdown.h"

#include <cmark.h>

#include <memory>

#include "pratiques/site/typography.h"

namespace pratiques::site {

std::string markdown_to_html(std::string_view markdown, int min_heading) {
  constexpr int options = CMARK_OPT_SAFE | CMARK_OPT_NOBREAKS;
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
      cmark_parse_document(markdown.data(), markdown.size(), options), &cmark_node_free);
  if (!doc) return {};
  cmark_iter* iter = cmark_iter_new(doc.get());
  bool quote_open = false;
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        quote_open = false;
        break;
      case CMARK_NODE_HEADING:
        quote_open = false;
        if (cmark_node_get_heading_level(node) < min_heading) cmark_node_set_heading_level(node, min_heading);
        break;
      case CMARK_NODE_TEXT:
        if (const char* lit = cmark_node_get_literal(node)) cmark_node_set_literal(node, fr_typo(lit, &quote_open).c_str());
        break;
      default:
        break;
    }
  }
  cmark_iter_free(iter);
  char* html = cmark_render_html(doc.get(), options);
  std::string out = html ? html : "";
  free(html);
  return out;
}

}  // namespace pratiques::site
