#include "pratiques/site/pagination.h"

#include <algorithm>
#include <cstdlib>

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

std::vector<int> page_window(int current, int last) {
  std::vector<int> out;
  for (int n = 1; n <= last; ++n) {
    const bool shown = n == 1 || n == last || std::abs(n - current) <= 2;
    const bool lone_gap = (n == 2 || n == last - 1) && std::abs(n - current) == 3;  // "1 … 3" would hide 2
    if (!shown && !lone_gap) {
      if (out.back() != 0) out.push_back(0);
      continue;
    }
    out.push_back(n);
  }
  return out;
}

std::size_t page_count(std::size_t items, std::size_t per_page) {
  per_page = std::max<std::size_t>(1, per_page);
  return std::max<std::size_t>(1, (items + per_page - 1) / per_page);
}

std::string list_page_path(const std::string& first, std::size_t n) {
  return n <= 1 ? first : first + "page-" + std::to_string(n) + "/";
}

namespace detail {

namespace {

// The navigation between the pages of a list (pages_liste_fiches.mustache).
std::string pager_html(const Context& ctx, const std::string& first, int current, int last) {
  auto link = [&](int n) {
    Data o = object();
    o["href"] = Data(list_page_path(first, static_cast<std::size_t>(n)));
    o["number"] = Data(std::to_string(n));
    o["current"] = Data(n == current);
    o["gap"] = Data(false);
    return o;
  };
  List pages;
  for (int n : page_window(current, last)) {
    Data item = n == 0 ? object() : link(n);
    if (n == 0) item["gap"] = Data(true);
    pages.push_back(std::move(item));
  }
  Data nav = object();
  nav["pages"] = Data(pages);
  nav["prev"] = current > 1 ? link(current - 1) : Data(false);
  nav["next"] = current < last ? link(current + 1) : Data(false);
  return ctx.templates.render("pages_liste_fiches", nav);
}

}  // namespace

void write_sheet_pages(const Context& ctx, PageMeta meta, const std::string& name, Data page,
                       const std::vector<const Sheet*>& sheets, OutputWriter& out) {
  const std::size_t per_page = std::max<std::size_t>(1, ctx.options.pages.list_page_sheets);
  const std::size_t pages = page_count(sheets.size(), per_page);
  const std::string first = meta.path, title = meta.title, description = meta.description;
  for (std::size_t n = 1; n <= pages; ++n) {
    List items;
    for (std::size_t i = (n - 1) * per_page; i < std::min(sheets.size(), n * per_page); ++i)
      items.push_back(sheet_item(ctx, *sheets[i]));
    page["sheets"] = Data(items);
    const std::string of = "page " + std::to_string(n) + " sur " + std::to_string(pages);
    put(page, "page_of", pages > 1 ? of : "");
    put(page, "number", std::to_string(n));
    put(page, "first_href", n > 1 ? first : "");
    page["pager"] = Data(pages > 1 ? pager_html(ctx, first, static_cast<int>(n), static_cast<int>(pages)) : "");
    meta.path = list_page_path(first, n);
    meta.title = pages > 1 ? title + " — " + of : title;
    meta.description = pages > 1 ? description + " P" + of.substr(1) + "." : description;
    out.write(file_of(meta.path), render_page(ctx, meta, ctx.templates.render(name, page)));
  }
  // The pages of a longer list that an earlier build wrote (a targeted rebuild has no manifest).
  remove_sheet_pages(first, pages + 1, out);
}

void remove_sheet_pages(const std::string& first, std::size_t from, OutputWriter& out) {
  for (std::size_t n = std::max<std::size_t>(1, from); out.remove(file_of(list_page_path(first, n)));) ++n;
}

}  // namespace detail

}  // namespace pratiques::site
