#include "pratiques/site/markdown.h"

#include <cmark.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "pratiques/site/typography.h"
#include "pratiques/text.h"

namespace pratiques::site {

namespace {

// http(s), mailto, or no scheme at all (paths and #fragments): everything else (javascript:,
// data:, vbscript:, file:…) is unsafe.
bool safe_url(const char* url) {
  if (!url) return true;
  const std::string u(url);
  const auto colon = u.find(':');
  if (colon == std::string::npos) return true;
  const auto slash = u.find_first_of("/?#");
  if (slash != std::string::npos && slash < colon) return true;  // "a/b:c" is a path
  std::string scheme = u.substr(0, colon);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// Each occurrence of a foreign term in the text nodes becomes a custom inline node that writes
// <span lang="…"> around a text node of its own (still escaped by the renderer). An image's
// description is left alone: it is written into an attribute.
void mark_foreign_terms(cmark_node* doc, const ForeignTerms& foreign) {
  cmark_consolidate_text_nodes(doc);  // "community [organizing" is one node again once links are gone
  std::vector<cmark_node*> texts;
  cmark_iter* iter = cmark_iter_new(doc);
  int in_image = 0;
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_IMAGE) in_image += ev == CMARK_EVENT_ENTER ? 1 : -1;
    if (type == CMARK_NODE_TEXT && !in_image) texts.push_back(node);
  }
  cmark_iter_free(iter);
  const auto text_node = [](std::string_view text) {
    cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(t, std::string(text).c_str());
    return t;
  };
  for (cmark_node* node : texts) {
    const std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
    const auto found = foreign.find(literal);
    if (found.empty()) continue;
    std::size_t done = 0;
    for (const auto& o : found) {
      if (o.begin > done) cmark_node_insert_before(node, text_node(std::string_view(literal).substr(done, o.begin - done)));
      cmark_node* span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter(span, ("<span lang=\"" + text::html_escape(*o.lang) + "\">").c_str());
      cmark_node_set_on_exit(span, "</span>");
      cmark_node_append_child(span, text_node(std::string_view(literal).substr(o.begin, o.end - o.begin)));
      cmark_node_insert_before(node, span);
      done = o.end;
    }
    if (done < literal.size()) cmark_node_insert_before(node, text_node(std::string_view(literal).substr(done)));
    cmark_node_free(node);  // unlinks it
  }
}

}  // namespace

std::string markdown_to_html(std::string_view markdown, int min_heading, const ForeignTerms* foreign) {
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
      case CMARK_NODE_PARAGRAPH: quote_open = false; break;
      case CMARK_NODE_HEADING:
        quote_open = false;
        if (cmark_node_get_heading_level(node) < min_heading) cmark_node_set_heading_level(node, min_heading);
        break;
      case CMARK_NODE_TEXT:
        if (const char* lit = cmark_node_get_literal(node))
          cmark_node_set_literal(node, fr_typo(lit, &quote_open).c_str());
        break;
      default: break;
    }
  }
  cmark_iter_free(iter);
  // Links and images with an unsafe URL: the link keeps its text, the image its description.
  std::vector<cmark_node*> unsafe;
  iter = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) &&
        !safe_url(cmark_node_get_url(node)))
      unsafe.push_back(node);
  }
  cmark_iter_free(iter);
  for (auto it = unsafe.rbegin(); it != unsafe.rend(); ++it) {  // innermost first
    cmark_node* node = *it;
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);  // unlinks it
  }
  if (foreign && !foreign->empty()) mark_foreign_terms(doc.get(), *foreign);
  char* html = cmark_render_html(doc.get(), options);
  std::string out = html ? html : "";
  free(html);
  return out;
}

std::string inline_html(std::string_view text, const ForeignTerms* foreign) {
  std::string html = markdown_to_html(text, 4, foreign);
  if (html.starts_with("<p>") && html.ends_with("</p>\n") && html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 8);
  return html;
}

}  // namespace pratiques::site
