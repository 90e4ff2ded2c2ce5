// Feeds and site files: /feed.xml (Atom, new and revised sheets), /robots.txt, /404.html, /assets/*,
// and /sitemap.xml (rendered last, from every page this build produced): a sitemap index naming
// /sitemap-1.xml, /sitemap-2.xml…, each of at most BuildOptions::sitemap_urls URLs.
#pragma once
#include <string>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

void render_feeds(const Context& ctx, OutputWriter& out);
void render_assets(const Context& ctx, OutputWriter& out);
void render_sitemap(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
