#include "page_frame.h"

#include <memory>
#include <vector>

#include "pratiques/site/context.h"
#include "pratiques/site/course_page.h"
#include "pratiques/site/model.h"
#include "pratiques/site/sheet_page.h"
#include "pratiques/write/sheet_form.h"

namespace pratiques::server {

const site::Templates& templates() {
  thread_local const site::Templates t;  // kainjow templates are not shared across threads
  return t;
}

std::string render_page(State& st, const std::string& base_url, const site::PageMeta& meta,
                        const std::string& main_html) {
  static const site::SiteData empty;
  const auto gen = st.pool.current();
  site::BuildOptions options;
  options.base_url = base_url;
  site::Context ctx{options, gen && gen->site ? *gen->site : empty, templates(), nullptr,
                    site::normalize_base_url(base_url)};
  return site::render_page(ctx, meta, main_html);
}

namespace {

// Said at the top of the main content of a preview: not published; then `back`, the way back to the
// form. The page's links relative to its future address (citation.bib, parcours…) would resolve
// under the form's and answer 404: the paragraphs that hold them are left out.
std::string marked_preview(std::string html, const std::string& what, const std::string& back) {
  for (const char* relative : {"<p class=\"telecharger\">", "<p class=\"ajouter-parcours\">"})
    if (const auto at = html.find(relative); at != std::string::npos)
      if (const auto end = html.find("</p>", at); end != std::string::npos) html.erase(at, end + 4 - at);
  // Its title says so too (WCAG 2.4.2): not the published page's, which a tab or a history would confuse.
  if (const auto title = html.find("<title>"); title != std::string::npos) html.insert(title + 7, "Aperçu\u00a0: ");
  if (const auto main = html.find("<main"); main != std::string::npos)
    if (const auto end = html.find('>', main); end != std::string::npos)
      html.insert(end + 1, "<p class=\"apercu\" role=\"status\"><strong>Aperçu</strong> : cette page montre " + what +
                               " ; elle n'est pas en ligne.</p>" + back);
  return html;
}

// What a preview's page is rendered with: the vocabularies' labels, the grid, the text pages and the
// published sheets `cited` (its links, its steps) of the current generation, as a targeted rebuild
// loads them; the frame's data alone when the catalogue cannot be read.
std::shared_ptr<const site::SiteData> preview_data(State& st, const std::vector<std::string>& cited) {
  static const auto empty = std::make_shared<const site::SiteData>();
  const auto gen = st.pool.current();
  if (!gen) return empty;
  try {
    return std::make_shared<const site::SiteData>(site::load_site_data(gen->dir, &cited));
  } catch (const std::exception&) {
    return gen->site ? gen->site : empty;
  }
}

}  // namespace

std::string sheet_preview(State& st, const std::string& base_url, const std::string& markdown,
                          const std::string& sheet_id, bool published, const std::string& back) {
  const auto sheet = write::preview_sheet(*st.editorial->grid(), markdown, sheet_id);
  if (!sheet) return "";
  std::vector<std::string> cited;
  for (const auto& l : sheet->links) cited.push_back(l.to);
  const auto data = preview_data(st, cited);
  site::BuildOptions options;
  options.base_url = base_url;
  options.pages.similar = 0;
  site::Context ctx{options, *data, templates(), nullptr, site::normalize_base_url(base_url)};
  ctx.unpublished = !published;
  return marked_preview(site::sheet_page_html(ctx, *sheet), "la fiche telle qu'elle serait publiée", back);
}

std::string course_preview(State& st, const std::string& base_url, const std::string& markdown,
                           const std::string& course_id, bool published, const std::string& back) {
  const auto course = write::preview_course(*st.editorial->grid(), markdown, course_id);
  if (!course) return "";
  const auto data = preview_data(st, site::course_sheets(*course));
  site::BuildOptions options;
  options.base_url = base_url;
  site::Context ctx{options, *data, templates(), nullptr, site::normalize_base_url(base_url)};
  ctx.unpublished = !published;
  return marked_preview(site::course_html(ctx, *course, site::SourceTitles(*data)),
                        "le parcours tel qu'il serait publié", back);
}

void put_list(site::Data& page, const std::string& key, site::List list) {
  page["has_" + key] = site::Data(!list.empty());
  page[key] = site::Data(std::move(list));
}

}  // namespace pratiques::server
