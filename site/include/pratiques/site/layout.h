// The page frame (head, skip link, header, navigation, footer) around every HTML page.
#pragma once
#include <string>

#include "pratiques/site/context.h"

namespace pratiques::site {

struct PageMeta {
  std::string title;        // <title> and og:title (plain text)
  std::string description;  // meta description and og:description (plain text)
  std::string path;         // URL path of the page ("/fiches/x/")
  std::string og_type = "website";
  std::string jsonld;         // schema.org JSON-LD (already JSON, script-safe), or ""
  std::string head_meta;      // more <meta> elements for <head> (rendered by a template, escaped), or ""
  std::string nav;            // current section of the navigation: "carte", "grille", "parcours"…
  bool copy_script = false;   // the optional "copy the link" enhancement
  bool noindex = false;       // 404
  bool map_css = false;       // the map's stylesheet (/assets/carte.css)
  bool results_link = false;  // a second skip link, "Aller aux résultats" (#liste-resultats)
  bool header_search = true;  // the header's search form: not on the search page, which has its own
};

// Wraps the HTML of <main> in the layout template.
std::string render_page(const Context& ctx, const PageMeta& meta, const std::string& main_html);
// JSON text that can sit inside <script type="application/ld+json"> ("<", ">", "&" as \u escapes).
std::string script_safe_json(const std::string& json);

}  // namespace pratiques::site
