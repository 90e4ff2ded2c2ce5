// GET /recherche: the results page, rendered on the server (works without JavaScript): count,
// results with highlighted extracts, facets with counts, active filters removable one by one,
// sorting, pagination, "Vouliez-vous dire…", a helpful page when nothing matches. Every state is
// a GET URL (shareable, bookmarkable). Templates: site/templates/recherche.mustache, resultats.mustache.
#include <algorithm>

#include "handlers.h"
#include "page_frame.h"
#include "search_run.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/search_notes.h"
#include "pratiques/site/typography.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

using site::Data;
using site::List;
using site::Object;

std::string search_url(const Params& p) {
  const std::string qs = build_query_string(p);
  return qs.empty() ? "/recherche" : "/recherche?" + qs;
}

Params without(const Params& base, const std::string& key, const std::string& value) {
  Params out;
  for (const auto& kv : base)
    if (!(kv.first == key && kv.second == value)) out.push_back(kv);
  return out;
}

Params without_key(const Params& base, const std::string& key) {
  Params out;
  for (const auto& kv : base)
    if (kv.first != key) out.push_back(kv);
  return out;
}

Params with_query(const Params& base, const std::string& q) {
  Params out;
  if (!q.empty()) out.emplace_back("q", q);
  for (const auto& kv : base)
    if (kv.first != "q") out.push_back(kv);
  return out;
}

// "2 fiches": a count read with its unit, in the facets as on the static site.
std::string sheets_count(unsigned n) { return site::fr_count(n, "fiche", "fiches"); }

// The count of a search restricted to courses (type=parcours).
std::string courses_count_text(std::size_t n, const std::string& query) {
  std::string t = n == 0 ? "Aucun parcours de formation"
                         : site::fr_count(static_cast<long long>(n), "parcours de formation", "parcours de formation");
  if (!query.empty()) t += " pour «\u00a0" + query + "\u00a0»";
  return t;
}

std::string count_text(const SearchResponse& r, const std::string& query, int pages) {
  std::string t = r.total == 0   ? "Aucune pratique"
                  : r.total == 1 ? "1 pratique"
                                 : site::fr_number(r.total) + " pratiques";
  if (!query.empty()) t += " pour «\u00a0" + (r.corrected && r.suggestion ? *r.suggestion : query) + "\u00a0»";
  if (pages > 1) t += " \u2013 page " + std::to_string(r.page) + " sur " + std::to_string(pages);
  return t;
}

Data facet_value(const FacetResult& f, const FacetCount& v, const Params& base) {
  Object o;
  o["label"] = Data(v.label.empty() ? v.value : v.label);
  o["count"] = Data(sheets_count(v.count));
  o["selected"] = Data(v.selected);
  Params p = v.selected ? without(base, f.key, v.value) : base;
  if (!v.selected) p.emplace_back(f.key, v.value);
  o["href"] = Data(search_url(p));
  return Data(o);
}

std::string territory_of(const Hit& h) {
  std::string dep = h.departement_name.empty() ? "" : h.departement_name + " (" + h.departement + ")";
  std::string where = h.place;
  if (!dep.empty() && dep.find(h.place) == std::string::npos) where += (where.empty() ? "" : ", ") + dep;
  if (where.empty()) where = h.region_name;
  return where;
}

// The count, the correction or suggestion, and the note on partial matches.
void add_summary(Object& m, const SearchResponse& r, const Params& base, const std::string& q, int pages) {
  if (!q.empty()) m["query"] = Data(q);
  m["total"] = Data(std::to_string(r.total));
  m["count_text"] = Data(count_text(r, r.no_words ? std::string() : q, pages));
  List notes;
  for (const auto& note : site::query_notes(r)) notes.push_back(Data(note));
  m["query_notes"] = Data(notes);
  if (r.suggestion && r.corrected) {
    Object s;
    s["text"] = Data(*r.suggestion);
    m["corrected"] = Data(s);
  }
  if (const auto offered = site::offered_corrections(r); !offered.empty()) {
    List links;
    for (const auto& text : offered) {
      Object s;
      s["text"] = Data(text);
      s["href"] = Data(search_url(with_query(base, text)));
      s["or"] = Data(!links.empty());
      links.push_back(Data(s));
    }
    m["suggestions"] = Data(links);
    m["has_suggestions"] = Data(true);
  }
  // A query of several words also lists results that hold only part of them.
  if (const auto note = site::partial_results_note(r)) m["partial_text"] = Data(*note);
  // No result holds every word, and a narrower term was typed: its group, as a search.
  List wider;
  for (const auto& w : r.wider) {
    Object o;
    o["note"] = Data(site::wider_term_note(w));
    o["term"] = Data(w.term);
    o["href"] = Data(search_url(with_query(base, w.term)));
    wider.push_back(Data(o));
  }
  if (!wider.empty()) m["wider"] = Data(wider);
}

// Active filters, each removable; their labels come from the facet counts (selected values are always there).
void add_active_filters(Object& m, const SearchParams& p, const SearchResponse& r, const Params& base,
                        const Generation& gen) {
  List active;
  for (const auto& [key, value] : p.request.filters) {
    std::string label = value, facet_label = key;
    for (const auto& f : r.facets)
      if (f.key == key) {
        facet_label = f.label;
        for (const auto& v : f.values)
          if (v.value == value && !v.label.empty()) label = v.label;
      }
    Object a;
    a["facet"] = Data(facet_label);
    a["label"] = Data(label);
    a["remove_href"] = Data(search_url(without(base, key, value)));
    active.push_back(Data(a));
  }
  if (p.courses_only) {  // the restriction to courses, removable as a filter
    Object a;
    a["facet"] = Data(std::string("Type"));
    a["label"] = Data(std::string("Parcours de formation"));
    a["remove_href"] = Data(search_url(without_key(base, "type")));
    active.push_back(Data(a));
  }
  m["has_active"] = Data(!active.empty());
  m["filter_text"] = Data(active.empty() ? std::string("Filtrer") : "Filtrer (" + std::to_string(active.size()) + ")");
  m["several_active"] = Data(active.size() > 1);
  m["active"] = Data(active);
  Params cleared;
  for (const auto& kv : base)
    if (!gen.facet_keys.count(kv.first) && kv.first != "type") cleared.push_back(kv);
  m["clear_href"] = Data(search_url(cleared));
}

// Facets: selected values first, then by count; the long tail folded in <details>.
void add_facets(Object& m, const SearchResponse& r, const Params& base) {
  constexpr std::size_t kShown = 8;
  List facets;
  for (const auto& f : r.facets) {
    if (f.values.empty()) continue;
    std::vector<const FacetCount*> values;
    for (const auto& v : f.values) values.push_back(&v);
    std::stable_partition(values.begin(), values.end(), [](const FacetCount* v) { return v->selected; });
    List top, more;
    for (std::size_t i = 0; i < values.size(); ++i)
      (i < kShown ? top : more).push_back(facet_value(f, *values[i], base));
    Object o;
    o["key"] = Data(f.key);
    o["label"] = Data(f.label);
    o["top"] = Data(top);
    o["has_more"] = Data(!more.empty());
    o["more_text"] = Data(more.size() == 1 ? "1 autre valeur" : std::to_string(more.size()) + " autres valeurs");
    o["more"] = Data(more);
    facets.push_back(Data(o));
  }
  m["has_facets"] = Data(!facets.empty());
  m["facets"] = Data(facets);
}

// Sorting (the page goes back to 1).
void add_sorts(Object& m, const SearchParams& p, const Params& base) {
  const std::string& q = p.request.query;
  List sorts;
  const bool date_by_default = q.empty() && p.sort == "pertinence";
  for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
           {"pertinence", "pertinence"}, {"date", "date"}, {"titre", "titre"}}) {
    if (name == "pertinence" && q.empty()) continue;  // without words, relevance means nothing
    Object s;
    s["label"] = Data(label);
    s["current"] = Data(p.sort == name || (date_by_default && name == "date"));
    Params sp = without_key(base, "tri");
    if (name != "pertinence") sp.emplace_back("tri", name);
    s["href"] = Data(search_url(sp));
    sorts.push_back(Data(s));
  }
  m["sorts"] = Data(sorts);
}

// The results, and where their numbering starts.
void add_hits(Object& m, const SearchResponse& r, const Generation& gen) {
  List hits;
  for (const auto& h : r.hits) {
    Object o;
    o["href"] = Data(site::sheet_path(h.id));
    o["add_to_course"] = Data("/parcours/ajouter?fiche=" + h.id);
    const std::string title = site::fr_typo(h.title);  // as the sheet's own page writes it
    o["title"] = Data(title);
    o["title_html"] = Data(gen.site->foreign_terms.html(title));  // its English terms marked, as there
    // Escaped text, the matches in <mark>, its English terms marked as on the sheet's page.
    o["snippet"] = Data(pratiques::to_html(h.snippet, &gen.site->foreign_terms));
    const std::string where = territory_of(h);
    if (!h.carrier.empty()) o["carrier"] = Data(h.carrier);
    if (!where.empty()) o["territory"] = Data(where);
    o["has_meta"] = Data(!h.carrier.empty() || !where.empty());
    o["both"] = Data(!h.carrier.empty() && !where.empty());
    List themes;
    for (const auto& t : h.themes) {
      Object th;
      th["label"] = Data(t.label);
      th["href"] = Data(search_url({{"thematiques", t.value}}));
      themes.push_back(Data(th));
    }
    o["has_themes"] = Data(!themes.empty());
    o["themes"] = Data(themes);
    if (!h.missing.empty()) o["missing"] = Data(site::missing_words(h));
    hits.push_back(Data(o));
  }
  m["has_hits"] = Data(!r.hits.empty());
  m["hits"] = Data(hits);
  m["start"] = Data(std::to_string((r.page - 1) * r.per_page + 1));
}

// A course's audience as the results list it: its first words, about two lines of a phone, cut
// between words ("…"); the course's page says it whole. Shortened here rather than clamped by the
// style sheet, which hid the rest from print and from larger text spacing (WCAG 1.4.12).
std::string short_audience(const std::string& s) {
  constexpr std::size_t kMax = 110;  // characters
  std::size_t chars = 0, space = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // inside a character
    if (chars++ == kMax) return text::trim(s.substr(0, space ? space : i)) + "\u2026";
    if (s[i] == ' ') space = i;
  }
  return s;
}

// Courses whose words match, above the sheets (first page only: a further page is about sheets):
// the first few, and a link to the search restricted to courses, which lists them all. Returns how
// many match.
std::size_t add_courses(Object& m, const SearchResponse& r, const SearchParams& p, const Params& base,
                        const Generation& gen) {
  constexpr std::size_t kListed = 5;  // above the sheets, the first result stays in a phone's first screen
  const auto found = r.page == 1 || p.courses_only ? gen.courses.find(p.request, gen.courses.size(), p.courses_only)
                                                   : std::vector<CourseHit>{};
  const std::size_t shown = p.courses_only ? found.size() : std::min(found.size(), kListed);
  List courses;
  for (std::size_t i = 0; i < shown; ++i) {
    Object o;
    o["href"] = Data(site::course_path(found[i].id));
    const std::string title = site::fr_typo(found[i].title);
    o["title"] = Data(title);
    o["title_html"] = Data(gen.site->foreign_terms.html(title));
    o["audience"] = Data(site::fr_typo(short_audience(found[i].audience)));
    courses.push_back(Data(o));
  }
  m["has_courses"] = Data(!courses.empty());
  m["courses"] = Data(courses);
  if (shown < found.size()) {
    Params all = base;
    all.emplace_back("type", "parcours");
    Object link;
    link["href"] = Data(search_url(all));
    link["text"] = Data("Voir les " + courses_count_text(found.size(), ""));
    m["all_courses"] = Data(link);
  }
  return found.size();
}

// A search restricted to courses (type=parcours): their count, and none of what is about sheets
// (results, facets, sorts, pages, the note on partial matches).
void keep_courses_only(Object& m, std::size_t courses, const Params& base, const std::string& q,
                       const SearchRequest& request) {
  m["courses_only"] = Data(true);
  // Why none: « ne contient tous ces mots » was said of a search without words, or where a filter on
  // the sheets (a public) left out every course.
  const bool sheet_filter = std::any_of(request.filters.begin(), request.filters.end(),
                                        [](const auto& f) { return !courses_carry(f.first); });
  m["courses_none"] = Data(sheet_filter ? "Les parcours de formation ne se filtrent que par diplôme et par domaine de "
                                          "compétences\u00a0; les autres filtres portent sur les fiches."
                           : !q.empty() ? "Aucun parcours de formation ne contient tous ces mots."
                           : request.filters.empty() ? "Aucun parcours de formation n'est publié."
                                                     : "Aucun parcours de formation pour ces filtres.");
  m["total"] = Data(std::to_string(courses));
  m["count_text"] = Data(courses_count_text(courses, q));
  m["sheets_href"] = Data(search_url(without_key(base, "type")));
  for (const char* key : {"has_hits", "has_facets", "has_pages"}) m[key] = Data(false);
  m.erase("partial_text");
}

// Pagination: first, last, and two pages around the current one.
void add_pagination(Object& m, const SearchResponse& r, const Params& base, int pages) {
  if (pages > 1) {
    auto page_url = [&](int n) {
      Params pp = base;
      if (n > 1) pp.emplace_back("page", std::to_string(n));
      return search_url(pp);
    };
    List items;
    for (int n : page_window(r.page, pages)) {
      Object it;
      if (n == 0) {
        it["gap"] = Data(true);
      } else {
        it["number"] = Data(std::to_string(n));
        it["href"] = Data(page_url(n));
        it["current"] = Data(n == r.page);
      }
      items.push_back(Data(it));
    }
    m["has_pages"] = Data(true);
    m["pages"] = Data(items);
    if (r.page > 1) {
      Object prev;
      prev["href"] = Data(page_url(r.page - 1));
      m["prev"] = Data(prev);
    }
    if (r.page < pages) {
      Object next;
      next["href"] = Data(page_url(r.page + 1));
      m["next"] = Data(next);
    }
  }
}

// Browse links for the zero-results page.
void add_browse_links(Object& m, const SearchResponse& r, const Generation& gen) {
  List top_themes;
  for (const auto& t : gen.top_themes) {
    Object o;
    o["label"] = Data(t.label);
    o["count"] = Data(sheets_count(t.count));
    o["href"] = Data(search_url({{t.facet, t.value}}));
    top_themes.push_back(Data(o));
  }
  m["has_top_themes"] = Data(r.hits.empty() && !top_themes.empty());
  m["top_themes"] = Data(top_themes);
}

// The search form around the results, the rest of the request kept in hidden fields. Its help
// (`help`) before a search and when it found nothing: above results, on a phone, it pushed the
// first one out of the first screen. It links to the page on the search's syntax when the content
// has one (content/pages/aide-recherche.md).
Object form_page(const Params& base, const std::string& q, bool help, const Generation& gen,
                 std::string results_html) {
  Object page;
  if (!q.empty()) page["query"] = Data(q);
  page["help"] = Data(help);
  page["help_page"] = Data(gen.site->has_page("aide-recherche"));
  List hidden;
  for (const auto& [k, v] : base) {
    if (k == "q") continue;
    Object h;
    h["name"] = Data(k);
    h["value"] = Data(v);
    hidden.push_back(Data(h));
  }
  page["hidden"] = Data(hidden);
  page["results"] = Data(std::move(results_html));
  return page;
}

// The labels of the filters chosen, as the active filters name them ("Nord, Santé"); "" when none.
std::string filter_labels(const SearchParams& p, const SearchResponse& r) {
  std::string out;
  for (const auto& [key, value] : p.request.filters) {
    std::string label = value;
    for (const auto& f : r.facets)
      if (f.key == key)
        for (const auto& v : f.values)
          if (v.value == value && !v.label.empty()) label = v.label;
    out += (out.empty() ? "" : ", ") + label;
  }
  return out;
}

// The title and canonical URL of a results page, which search engines never index; `counted`: its
// count without the query ("12 pratiques – page 2 sur 3"); `filters`: the labels of the filters
// chosen. Each page of results has its own title (WCAG 2.4.2): the query, the filters, the page.
site::PageMeta page_meta(const SearchResponse& r, const Params& base, const std::string& q, bool searched,
                         const std::string& counted, const std::string& filters, int pages) {
  site::PageMeta meta;
  const std::string what = (q.empty() ? std::string("Recherche") : "«\u00a0" + q + "\u00a0»") +
                           (filters.empty() ? "" : " (" + filters + ")");
  meta.title = searched ? what + " : " + counted
               : pages > 1
                   ? "Rechercher une pratique \u2013 page " + std::to_string(r.page) + " sur " + std::to_string(pages)
                   : "Rechercher une pratique";
  meta.description = "Rechercher une pratique de travail social collectif par thème, public et territoire.";
  Params canonical = base;
  if (r.page > 1) canonical.emplace_back("page", std::to_string(r.page));
  meta.path = search_url(canonical);
  meta.noindex = true;
  meta.results_link = true;    // « Aller aux résultats »
  meta.header_search = false;  // the page's own form is the search
  return meta;
}

}  // namespace

void SearchPageHandler::handle(Exchange& ex) {
  SearchRun run = run_search(state_, ex);
  const SearchParams& p = run.params;
  const SearchResponse r = run.take_response();
  const bool typing = ex.request.get("X-Pratiques-Saisie", "") == "1";
  log_search(state_, run, typing ? "saisie" : "page");

  const Params base = p.base();
  const std::string& q = p.request.query;
  const int pages = std::max(
      1, static_cast<int>((r.total + static_cast<unsigned>(r.per_page) - 1) / static_cast<unsigned>(r.per_page)));
  const bool searched = !q.empty() || !p.request.filters.empty();

  Object m;
  add_summary(m, r, base, q, pages);
  m["searched"] = Data(searched);
  add_active_filters(m, p, r, base, *run.generation);
  add_facets(m, r, base);
  add_sorts(m, p, base);
  add_hits(m, r, *run.generation);
  const std::size_t courses = add_courses(m, r, p, base, *run.generation);
  add_pagination(m, r, base, pages);
  add_browse_links(m, r, *run.generation);
  // Nothing found: the subject may be what the collection lacks, and whoever led such an action
  // can write it up.
  m["contribute"] = Data(run.generation->site->has_page(site::kContributePage));
  if (p.courses_only) keep_courses_only(m, courses, base, q, p.request);

  const site::Templates& tpl = templates();
  const std::string main_html =
      tpl.render("recherche",
                 Data(form_page(base, q, !searched || r.total == 0, *run.generation, tpl.render("resultats", Data(m)))));
  ex.send(200, "text/html; charset=utf-8",
          render_page(state_, ex.base_url(),
                      page_meta(r, base, q, searched || p.courses_only,
                                p.courses_only ? courses_count_text(courses, "") : count_text(r, "", pages),
                                filter_labels(p, r), p.courses_only ? 1 : pages),
                      main_html));
}

}  // namespace pratiques::server
