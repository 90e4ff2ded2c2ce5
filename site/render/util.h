// Internal helpers shared by the renderers (not part of the public headers).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pratiques/site/context.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/writer.h"
#include "pratiques/site/templates.h"
#include "pratiques/site/typography.h"

namespace pratiques::site::detail {

// Sets key to the text, or to false when it is empty (a missing key would be looked up in the
// enclosing contexts by Mustache).
// An empty object / list built in place: Data(Object) and Data(List) copy their argument, and
// kainjow's data has no move constructor from them.
inline Data object() { return Data(Data::type::object); }
template <typename O>
void put(O& o, const std::string& key, const std::string& value) {
  if (value.empty())
    o[key] = Data(false);
  else
    o[key] = Data(value);
}
template <typename O>
void put_text(O& o, const std::string& key, std::string_view value) {
  put(o, key, fr_typo(value));
}
// put_text(), and `key`_html: the same text escaped, each foreign term marked <span lang> (WCAG
// 2.1 SC 3.1.2), for {{{key_html}}} in a visible heading or paragraph (never <title>, an attribute).
template <typename O>
void put_marked(O& o, const Context& ctx, const std::string& key, std::string_view value) {
  const std::string typeset = fr_typo(value);
  put(o, key, typeset);
  put(o, key + "_html", ctx.data.foreign_terms.html(typeset));
}
inline Data list_or_false(List l) { return l.empty() ? Data(false) : Data(std::move(l)); }

// One item of an inline list ("Parentalité, Jeunesse"): {text, href|false, sep}.
inline Data link_item(const std::string& text, const std::string& href, bool sep) {
  Data o = object();
  put_text(o, "text", text);
  put(o, "href", href);
  o["sep"] = Data(sep);
  return o;
}

// A fact of a sheet's <dl> ("En bref", "Détails de l'action"): {label, items: [{text, href, sep}]};
// none without items.
inline void add_fact(List& facts, const std::string& label,
                     const std::vector<std::pair<std::string, std::string>>& items) {
  if (items.empty()) return;
  List l;
  for (std::size_t i = 0; i < items.size(); ++i) l.push_back(link_item(items[i].first, items[i].second, i > 0));
  Data o = object();
  put_text(o, "label", label);
  o["items"] = Data(l);
  facts.push_back(std::move(o));
}

// "En bref" facts and list entries that link to a browse page when the value has one.
std::string browse_href(const Context& ctx, std::string_view facet_key, std::string_view value);
// A sheet as a list entry: {href, title, place} (Sheet::display_title and Sheet::place).
Data sheet_item(const Context& ctx, const Sheet& sheet);
// A list of sheets on numbered pages of ctx.options.pages.list_page_sheets sheets each
// (pratiques/site/pagination.h), rendered with the template `name` and its data `page`, which gets
// on each page: "sheets" (that page's), "page_of" (« page 2 sur 5 », false when one page holds the
// list), "number", "first_href" (the first page's path, false on it) and "pager" (the navigation
// between the pages, "" on a single page). `meta` is the first page's, whose path, title and
// description each page completes. Deletes the pages past the last one that an earlier build wrote.
void write_sheet_pages(const Context& ctx, PageMeta meta, const std::string& name, Data page,
                       const std::vector<const Sheet*>& sheets, OutputWriter& out);
// Deletes the pages `from`, `from` + 1… of the list whose first page is `first` while they exist.
void remove_sheet_pages(const std::string& first, std::size_t from, OutputWriter& out);
// Field label from the grid stored in the catalogue ("porteur" → "Porteur"), or `fallback`.
std::string field_label(const Context& ctx, std::string_view key, std::string_view fallback, bool course = false);
// Grid sections (sheet format) as JSON objects, in order.
std::vector<JsonObject> grid_sections(const Context& ctx, bool course = false);
// Licence URL of known licence slugs ("" otherwise).
std::string licence_url(std::string_view slug);
// The "Imprimer / Copier le lien / Envoyer par courriel" bar of a page (partage.mustache), with
// the polite status region where copy-and-share results are announced.
std::string share_html(const Context& ctx, std::string_view title, const std::string& path);
// Plain text excerpt of at most `max` bytes, cut on a word ("…").
std::string excerpt(std::string_view text, std::size_t max);

}  // namespace pratiques::site::detail
