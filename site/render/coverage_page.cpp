#include "pratiques/site/coverage_page.h"

#include <algorithm>
#include <map>
#include <set>

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

std::string percent(std::size_t part, std::size_t whole) {
  return whole ? std::to_string((part * 100 + whole / 2) / whole) + "\u00a0%" : "–";
}

// One row per value of a facet: its label and how many sheets carry it (zeros included).
List facet_counts(const Context& ctx, const std::string& key) {
  List rows;
  if (const Facet* f = ctx.data.facet(key))
    for (const auto& v : f->values) {
      Data o = object();
      put_text(o, "label", v.label);
      o["count"] = Data(std::to_string(v.sheets.size()));
      o["empty"] = Data(v.sheets.empty());
      o["share"] = Data(percent(v.sheets.size(), ctx.data.sheets.size()));
      rows.push_back(std::move(o));
    }
  return rows;
}

}  // namespace

void render_coverage(const Context& ctx, OutputWriter& out, const std::string& today) {
  const auto& sheets = ctx.data.sheets;
  Object page;
  page["total"] = Data(std::to_string(sheets.size()));

  // Thématiques × régions.
  const Facet* themes = ctx.data.facet("thematiques");
  const Facet* regions = ctx.data.facet("region");
  List header, rows;
  std::size_t empty_cells = 0;
  if (themes && regions) {
    for (const auto& r : regions->values) {
      Data o = object();
      put_text(o, "label", r.label);
      header.push_back(std::move(o));
    }
    for (const auto& t : themes->values) {
      const std::set<std::size_t> with_theme(t.sheets.begin(), t.sheets.end());
      List cells;
      for (const auto& r : regions->values) {
        std::size_t n = 0;
        for (const auto i : r.sheets) n += with_theme.count(i);
        empty_cells += n == 0;
        Data c = object();
        c["count"] = Data(std::to_string(n));
        c["empty"] = Data(n == 0);
        cells.push_back(std::move(c));
      }
      Data row = object();
      put_text(row, "label", t.label);
      row["cells"] = Data(cells);
      row["total"] = Data(std::to_string(t.sheets.size()));
      rows.push_back(std::move(row));
    }
  }
  page["regions"] = Data(header);
  page["matrix"] = Data(rows);
  page["empty_cells"] = Data(std::to_string(empty_cells));
  page["stades"] = Data(facet_counts(ctx, "stade"));
  page["participation"] = Data(facet_counts(ctx, "niveau_participation"));

  // Grid sections "Non documenté à ce jour".
  const auto& counts = ctx.data.section_counts;
  List sections;
  for (const auto& g : grid_sections(ctx)) {
    const std::string key = g->optValue<std::string>("cle", "");
    Data o = object();
    put_text(o, "title", g->optValue<std::string>("titre", key));
    o["anchor"] = Data(g->optValue<std::string>("ancre", ""));
    // A section absent from a sheet (optional ones) is not documented either.
    const auto count = counts.find(key);
    const SectionCount found = count == counts.end() ? SectionCount{} : count->second;
    const std::size_t missing = found.undocumented + (sheets.size() - std::min(sheets.size(), found.sheets));
    o["count"] = Data(std::to_string(missing));
    o["share"] = Data(percent(missing, sheets.size()));
    sections.push_back(std::move(o));
  }
  page["sections"] = Data(sections);

  // Reviews overdue (curation.prochaine_revue before today), oldest first.
  std::vector<std::pair<std::string, const Sheet*>> overdue;
  for (const auto& s : sheets)
    if (const std::string& due = s.next_review; !due.empty() && due < today)
      overdue.emplace_back(due, &s);
  std::sort(overdue.begin(), overdue.end());
  List late;
  for (const auto& [due, s] : overdue) {
    Data o = sheet_item(ctx, *s);
    o["due"] = Data(fr_date(due));
    o["due_iso"] = Data(due);
    late.push_back(std::move(o));
  }
  page["overdue_count"] = Data(std::to_string(late.size()));
  page["has_overdue"] = Data(!late.empty());
  page["overdue"] = Data(late);
  page["today"] = Data(fr_date(today));

  PageMeta meta;
  meta.title = "Couverture de la collection";
  meta.description =
      "Ce que la collection de fiches couvre et ce qui lui manque : thématiques par région, stades, participation, "
      "sections non documentées, revues en retard.";
  meta.path = "/couverture/";
  meta.nav = "couverture";
  out.write("couverture/index.html", render_page(ctx, meta, ctx.templates.render("couverture", Data(page))));
}

}  // namespace pratiques::site
