#include "pratiques/site/home_page.h"

#include <algorithm>

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

void render_home(const Context& ctx, OutputWriter& out) {
  Object page;
  page["stats"] = Data(fr_typo(
      "Le référentiel compte aujourd'hui " +
      fr_count(static_cast<long long>(ctx.data.sheets.size()), "fiche", "fiches") + " et " +
      fr_count(static_cast<long long>(ctx.data.courses.size()), "parcours de formation", "parcours de formation") +
      "."));
  List themes;
  if (const Facet* f = ctx.data.facet("thematiques"))
    for (const auto& v : f->values) {
      if (v.sheets.empty()) continue;
      Object o;
      put_text(o, "label", v.label);
      o["href"] = Data(facet_path(f->segment, v.value));
      o["count"] = Data(fr_number(static_cast<long long>(v.sheets.size())));
      themes.push_back(Data(o));
    }
  page["themes"] = Data(themes);

  std::vector<const Sheet*> latest;
  for (const auto& s : ctx.data.sheets) latest.push_back(&s);
  const std::size_t n = std::min<std::size_t>(8, latest.size());
  std::partial_sort(latest.begin(), latest.begin() + static_cast<std::ptrdiff_t>(n), latest.end(),
                    [](const Sheet* a, const Sheet* b) {
                      const std::string ua = a->updated(), ub = b->updated();
                      return ua != ub ? ua > ub : a->id < b->id;
                    });
  List items;
  for (std::size_t i = 0; i < n; ++i) {
    Data item = sheet_item(ctx, *latest[i]);
    item.set("date_iso", Data(latest[i]->updated()));
    item.set("date", Data(fr_date(latest[i]->updated())));
    items.push_back(std::move(item));
  }
  page["latest"] = Data(items);

  List courses;
  for (const auto& c : ctx.data.courses) {
    Object o;
    o["href"] = Data(course_path(c.id));
    put_text(o, "title", c.title);
    put_text(o, "details", json_string(c.front, "duree"));
    courses.push_back(Data(o));
  }
  page["courses"] = Data(courses);
  page["contribute"] = Data(ctx.data.has_page(kContributePage));

  PageMeta meta;
  meta.title = "Pratiques : pratiques inspirantes de travail social collectif";
  meta.description =
      "Un référentiel ouvert de fiches décrivant des actions collectives de travail social, selon une même grille : "
      "genèse, méthode, participation, freins et leviers, effets, reproductibilité.";
  meta.path = "/";
  meta.nav = "accueil";
  out.write("index.html", render_page(ctx, meta, ctx.templates.render("home", Data(page))));
}

}  // namespace pratiques::site
