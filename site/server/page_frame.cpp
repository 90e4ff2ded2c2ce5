#include "page_frame.h"

#include "pratiques/site/context.h"

namespace pratiques::server {

const site::Templates& templates() {
  thread_local const site::Templates t;  // kainjow templates are not shared across threads
  return t;
}

std::string render_page(State& st, const std::string& base_url, const site::PageMeta& meta, const std::string& main_html) {
  static const site::SiteData empty;
  const auto gen = st.pool.current();
  site::BuildOptions options;
  options.base_url = base_url;
  site::Context ctx{options, gen && gen->site ? *gen->site : empty, templates(), nullptr, site::normalize_base_url(base_url)};
  return site::render_page(ctx, meta, main_html);
}

}  // namespace pratiques::server
