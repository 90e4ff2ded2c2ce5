#include "page_frame.h"

#include "pratiques/site/context.h"
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

std::string sheet_preview(State& st, const std::string& base_url, const std::string& markdown,
                          const std::string& sheet_id) {
  const auto sheet = write::preview_sheet(st.editorial->grid(), markdown, sheet_id);
  if (!sheet) return "";
  static const site::SiteData empty;
  const auto gen = st.pool.current();
  site::BuildOptions options;
  options.base_url = base_url;
  options.similar = 0;
  site::Context ctx{options, gen && gen->site ? *gen->site : empty, templates(), nullptr,
                    site::normalize_base_url(base_url)};
  std::string html = site::sheet_page_html(ctx, *sheet);
  // Said at the top of the main content: not published.
  if (const auto main = html.find("<main"); main != std::string::npos)
    if (const auto end = html.find('>', main); end != std::string::npos)
      html.insert(end + 1,
                  "<p class=\"apercu\" role=\"status\"><strong>Aperçu</strong> : "
                  "cette page montre la fiche telle qu'elle serait publiée ; elle n'est pas en ligne.</p>");
  return html;
}

}  // namespace pratiques::server
