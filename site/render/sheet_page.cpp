#include "pratiques/site/sheet_page.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <set>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "pratiques/site/citation.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/markdown.h"
#include "pratiques/parallel.h"
#include "pratiques/text.h"
#include "sheet_details.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

// Sheets loaded whole at once, per rendering thread: a batch holds about 40 KB per sheet (its front
// matter parsed, its sections) next to the pages being rendered.
constexpr std::size_t kSheetsPerThreadAndBatch = 64;

std::vector<std::pair<std::string, std::string>> facet_items(const Context& ctx, const Sheet& s,
                                                             const std::string& field, const std::string& facet,
                                                             const std::string& vocab) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& v : json_strings(s.front, field))
    out.emplace_back(ctx.data.label(vocab, v), browse_href(ctx, facet, v));
  return out;
}

// "DEASS (référentiel 2018) : DC1, domaine de compétences propre au diplôme" → "DEASS : DC1";
// "DC4 « Dynamiques interinstitutionnelles… »" → "DC4": without parentheses, quotation, or what
// follows a comma.
std::string short_label(std::string label) {
  for (std::size_t open; (open = label.find(" (")) != std::string::npos;) {
    std::size_t close = open + 2;
    for (int depth = 1; close < label.size() && depth > 0; ++close)
      depth += label[close] == '(' ? 1 : label[close] == ')' ? -1 : 0;
    label.erase(open, close - open);
  }
  label.resize(std::min({label.size(), label.find(" \u00ab"), label.find(", ")}));
  return label;
}

// Values of facets that have no browse page (milieu, diplomas): each links to the search filtered by
// it. `brief` (sheet pages have a weight budget): the short form of long labels, without link: the
// acronym of "DE d'assistant de service social (DEASS)", the code of "DC4 « Dynamiques… »".
std::vector<std::pair<std::string, std::string>> search_items(const Context& ctx, const Sheet& s,
                                                              const std::string& field, const std::string& facet,
                                                              const std::string& vocab, bool brief = false) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& v : json_strings(s.front, field)) {
    std::string label = ctx.data.label(vocab, v);
    if (brief) {
      if (const auto open = label.rfind(" (");
          open != std::string::npos && label.ends_with(")") && label.find(' ', open + 2) == std::string::npos)
        label = label.substr(open + 2, label.size() - open - 3);
      else
        label = short_label(label);
    }
    out.emplace_back(label, url_safe(v) && !brief ? "/recherche?" + facet + "=" + v : "");
  }
  return out;
}

// "en 2011", "en mai 2011", "le 3 mai 2011"
std::string when(const std::string& d) { return (d.size() >= 10 ? "le " : "en ") + fr_date(d); }

std::string dates_text(const std::string& start, const std::string& end, bool ongoing) {
  if (start.empty() && end.empty()) return ongoing ? "En cours" : "";
  if (!start.empty() && !end.empty()) return fr_date(start) + " \u2013 " + fr_date(end);
  if (!start.empty()) return ongoing ? "Depuis " + fr_date(start) + " (en cours)" : "Commencée " + when(start);
  return "Terminée " + when(end);
}

// The year of a source that attests the action is never shown as its start, and an action said to
// be ongoing by a dated source is ongoing at that date, not today.
std::string period_text(const Sheet& s) {
  const std::string start = json_string(s.front, "periode.debut"), end = json_string(s.front, "periode.fin");
  const bool ongoing = json_string(s.front, "periode.en_cours") == "true";
  const std::string attested = json_string(s.front, "periode.attestee");
  if (attested.empty()) return dates_text(start, end, ongoing);
  const std::string source = " (date de la source)";
  std::string head = start.empty() ? "Début non précisé par la source" : dates_text(start, end, false);
  if (start.empty() && !end.empty()) head += " ; " + dates_text("", end, false);
  if (ongoing && end.empty()) return head + " ; en cours " + when(attested) + source;
  return head + " ; action attestée " + when(attested) + source;
}

List facts_of(const Context& ctx, const Sheet& s) {
  List facts;
  // Carrier: name, and its type as a link to the browse page; shown once when the name already
  // says the type ("Mutualité sociale agricole (MSA)" is not followed by "Mutualité sociale agricole").
  {
    std::vector<std::pair<std::string, std::string>> items;
    const std::string name = json_string(s.front, "porteur.nom"), type = json_string(s.front, "porteur.type");
    const std::string type_label = type.empty() ? "" : ctx.data.label("types_porteurs", type);
    const std::string type_href = type.empty() ? "" : browse_href(ctx, "type_porteur", type);
    const bool named = !type_label.empty() && text::fold(name).find(text::fold(type_label)) != std::string::npos;
    if (!name.empty()) items.emplace_back(name, named ? type_href : "");
    if (!type_label.empty() && !named) items.emplace_back(type_label, type_href);
    add_fact(facts, field_label(ctx, "porteur", "Porteur"), items);
  }
  // The carrier's contact (a function and a generic address): only when the sheet records that the
  // people it cites agreed, or that it cites nobody.
  if (const std::string consent = json_string(s.front, "curation.consentement");
      !consent.empty() && consent != "non-recueilli")
    if (auto contact = json_string(s.front, "porteur.contact"); !contact.empty())
      add_fact(facts, field_label(ctx, "contact", "Contact"), {{contact, ""}});
  // Territory, with its département and région.
  {
    std::vector<std::pair<std::string, std::string>> items;
    if (auto name = json_string(s.front, "territoire.nom"); !name.empty()) items.emplace_back(name, "");
    if (auto dep = json_string(s.front, "territoire.departement"); !dep.empty())
      items.emplace_back(ctx.data.label("departements", dep) + " (" + dep + ")", browse_href(ctx, "departement", dep));
    std::string region = json_string(s.front, "territoire.region");
    if (region.empty())
      if (auto it = ctx.data.departement_region.find(json_string(s.front, "territoire.departement"));
          it != ctx.data.departement_region.end())
        region = it->second;
    if (!region.empty()) items.emplace_back(ctx.data.label("regions", region), browse_href(ctx, "region", region));
    if (auto scale = json_string(s.front, "territoire.echelle"); !scale.empty())
      items.emplace_back("échelle : " + ctx.data.label("echelles_territoriales", scale), "");
    add_fact(facts, field_label(ctx, "territoire", "Territoire"), items);
  }
  add_fact(facts, field_label(ctx, "milieu", "Milieu"), search_items(ctx, s, "territoire.milieu", "milieu", "milieux"));
  if (auto p = period_text(s); !p.empty()) add_fact(facts, field_label(ctx, "periode", "Période"), {{p, ""}});
  if (auto v = json_string(s.front, "stade"); !v.empty())
    add_fact(facts, field_label(ctx, "stade", "Stade"), {{ctx.data.label("stades", v), ""}});
  if (auto v = json_string(s.front, "niveau_participation"); !v.empty())
    add_fact(facts, field_label(ctx, "niveau_participation", "Niveau de participation"),
             {{ctx.data.label("niveaux_participation", v), ""}});
  add_fact(facts, field_label(ctx, "publics", "Publics"), facet_items(ctx, s, "publics", "publics", "publics"));
  add_fact(facts, field_label(ctx, "thematiques", "Thématiques"),
           facet_items(ctx, s, "thematiques", "thematiques", "thematiques"));
  add_fact(facts, field_label(ctx, "modes_intervention", "Modes d'intervention"),
           facet_items(ctx, s, "modes_intervention", "modes_intervention", "modes_intervention"));
  add_fact(facts, "Diplômes", search_items(ctx, s, "liens_formation.diplomes", "diplomes", "diplomes", true));
  add_fact(facts, "Domaines de compétences",
           search_items(ctx, s, "liens_formation.domaines_competences", "domaines_competences", "domaines_competences",
                        true));
  return facts;
}

// schema.org Article describing the sheet.
std::string jsonld_of(const Context& ctx, const Sheet& s) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("@context", "https://schema.org");
  o.set("@type", "Article");
  o.set("url", ctx.absolute(sheet_path(s.id)));
  o.set("headline", s.title);
  // No "description": the page's <meta name="description"> carries it, and sheet pages stay under their budget.
  if (!s.date_published.empty()) o.set("datePublished", s.date_published);
  if (!s.updated().empty()) o.set("dateModified", s.updated());
  if (auto url = licence_url(json_string(s.front, "licence")); !url.empty()) o.set("license", url);
  Array::Ptr authors = new Array;
  for (const auto& r : json_objects(s.front, "redacteurs")) {
    Object::Ptr a = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    const std::string name = r->optValue<std::string>("nom", "");
    const bool organisation = is_organisation(name);
    a->set("@type", organisation ? "Organization" : "Person");
    a->set("name", name);
    if (!organisation && r->has("structure")) {  // schema.org: affiliation is a Person's
      Object::Ptr org = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      org->set("@type", "Organization");
      org->set("name", r->optValue<std::string>("structure", ""));
      a->set("affiliation", org);
    }
    authors->add(a);
  }
  if (authors->size()) o.set("author", authors);
  Object::Ptr publisher = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  publisher->set("@type", "Organization");
  publisher->set("name", "Pratiques");
  publisher->set("url", ctx.absolute("/"));
  o.set("publisher", publisher);
  Array::Ptr about = new Array;
  for (const auto& t : json_strings(s.front, "thematiques")) about->add(ctx.data.label("thematiques", t));
  if (about->size()) o.set("about", about);
  if (!s.place.empty()) {
    Object::Ptr p = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    p->set("@type", "Place");
    p->set("name", s.place);
    o.set("spatialCoverage", p);
  }
  std::ostringstream out;
  o.stringify(out);
  return script_safe_json(out.str());
}

// The page's head: title, summary, type, breadcrumb (the first thématique's browse page) and the
// "En bref" facts.
void put_heading(Data& page, const Context& ctx, const Sheet& s) {
  put_marked(page, ctx, "title", s.title);
  put_marked(page, ctx, "summary", s.summary);
  put_text(page, "type", s.type.empty() ? "" : ctx.data.label("types_fiche", s.type));
  List crumb;
  const auto themes = json_strings(s.front, "thematiques");
  if (!themes.empty())
    if (auto href = browse_href(ctx, "thematiques", themes[0]); !href.empty())
      crumb.push_back(link_item(ctx.data.label("thematiques", themes[0]), href, false));
  page["crumb"] = list_or_false(crumb);
  page["facts"] = Data(facts_of(ctx, s));
  if (List details = details_of(ctx, s); !details.empty()) {
    Data d = object();
    d["facts"] = Data(details);
    page["details"] = std::move(d);
  } else {
    page["details"] = Data(false);
  }
}

// A sheet whose sources say too little to act on says so, and asks for contributions.
void put_to_document(Data& page, const Context& ctx, const Sheet& s) {
  if (json_string(s.front, "curation.statut") != "a-documenter") {
    page["to_document"] = Data(false);
    return;
  }
  Data notice = object();
  put(notice, "href", ctx.data.has_page(kContributePage) ? "/contribuer/" : "");
  page["to_document"] = std::move(notice);
}

// The grid's parts: the part each section key opens, and each part's title by code.
struct GridParts {
  std::map<std::string, std::string> part_of, titles;
};

GridParts grid_parts(const Context& ctx) {
  GridParts out;
  for (const auto& g : grid_sections(ctx))
    out.part_of[g->optValue<std::string>("cle", "")] = g->optValue<std::string>("partie", "");
  if (ctx.data.grid)
    if (auto parts = ctx.data.grid->getArray("parties"))
      for (std::size_t i = 0; i < parts->size(); ++i)
        if (auto p = parts->getObject(static_cast<unsigned>(i)))
          out.titles[p->optValue<std::string>("code", "")] = p->optValue<std::string>("titre", "");
  return out;
}

// Sections, in grid order, with the part they open (the table of contents lists the same ones).
// Documented sections in full; the undocumented ones in one line (each name keeps its anchor, so
// links to it still land somewhere meaningful).
void put_sections(Data& page, const Context& ctx, const Sheet& s) {
  GridParts parts = grid_parts(ctx);
  List sections, undocumented;
  std::string current_part;
  for (const auto& sec : s.sections) {
    if (!url_safe(sec.anchor)) continue;
    Data o = object();
    o["anchor"] = Data(sec.anchor);
    put_text(o, "title", sec.title);
    if (sec.undocumented) {
      o["sep"] = Data(!undocumented.empty());
      undocumented.push_back(std::move(o));
      continue;
    }
    o["html"] = Data(markdown_to_html(sec.markdown, 4, &ctx.data.foreign_terms));  // below the section's <h3>
    const std::string part = parts.part_of.count(sec.key) ? parts.part_of[sec.key] : "";
    if (!part.empty() && part != current_part) {
      Data p = object();
      p["code"] = Data(part);
      put_text(p, "part_title", parts.titles[part]);
      o["part"] = std::move(p);
      current_part = part;
    } else {
      o["part"] = Data(false);
    }
    sections.push_back(std::move(o));
  }
  page["has_undocumented"] = Data(!undocumented.empty());
  page["undocumented"] = Data(undocumented);
  page["sections"] = Data(sections);
}

// {items: [...]}, or false when there is none.
Data items_or_false(const List& items) {
  if (items.empty()) return Data(false);
  Object o;
  o["items"] = Data(items);
  return Data(o);
}

// Linked sheets (declared in fiches_liees), with their relation.
void put_links(Data& page, const Context& ctx, const Sheet& s) {
  List items;
  for (const auto& l : s.links) {
    Data o = object();
    const Sheet* target = ctx.data.sheet(l.to);
    put_text(o, "title", target ? target->title : l.to);
    put(o, "href", target ? sheet_path(target->id) : "");
    put_text(o, "relation", l.relation.empty() ? "" : ctx.data.label("relations_fiches", l.relation));
    items.push_back(std::move(o));
  }
  page["links"] = items_or_false(items);
}

// "Pratiques proches": Xapian relevance feedback on the sheet's own terms, the sheets it already
// links to left out (they were up to all five of them).
void put_similar(Data& page, const Context& ctx, const Sheet& s) {
  List items;
  std::set<std::string> linked;
  for (const auto& l : s.links) linked.insert(l.to);
  if (ctx.searcher && ctx.options.pages.similar > 0)
    for (const auto& id : similar_ids(ctx, s.id, linked))
      if (const Sheet* other = ctx.data.sheet(id)) items.push_back(sheet_item(ctx, *other));
  page["similar"] = items_or_false(items);
}

// Courses that use this sheet in one of their steps.
void put_courses(Data& page, const Context& ctx, const Sheet& s) {
  List items;
  for (const auto& c : ctx.data.courses) {
    const auto steps = json_objects(c.front, "etapes");
    if (!std::any_of(steps.begin(), steps.end(), [&](const JsonObject& st) {
          return ctx.data.current_id(st->optValue<std::string>("fiche", "")) == s.id;
        }))
      continue;
    Data o = object();
    o["href"] = Data(course_path(c.id));
    put_text(o, "title", c.title);
    items.push_back(std::move(o));
  }
  page["has_courses"] = Data(!items.empty());
  page["courses"] = Data(items);
}

// A document the sheet draws on, with the parts of it cited ("Annexe 3.2… ; Auditions…").
struct SourceDocument {
  std::string title, url, details, parts;
};

// One entry per document (title, type, date, address), so that a report cited four times is
// named once.
std::vector<SourceDocument> source_documents(const Context& ctx, const Sheet& s) {
  std::vector<SourceDocument> documents;
  for (const auto& src : json_objects(s.front, "sources")) {
    SourceDocument d{src->optValue<std::string>("titre", "Source"), src->optValue<std::string>("url", ""), "", ""};
    if (!(d.url.starts_with("https://") || d.url.starts_with("http://"))) d.url.clear();  // never javascript: or data:
    if (auto t = src->optValue<std::string>("type", ""); !t.empty()) d.details = ctx.data.label("types_sources", t);
    if (auto date = src->optValue<std::string>("date", ""); !date.empty())
      d.details += (d.details.empty() ? "" : ", ") + fr_date(date);
    const std::string part = src->optValue<std::string>("section", "");
    auto same = std::find_if(documents.begin(), documents.end(), [&d](const SourceDocument& o) {
      return o.title == d.title && o.url == d.url && o.details == d.details;
    });
    if (same == documents.end()) {
      d.parts = part;
      documents.push_back(std::move(d));
    } else if (!part.empty()) {
      same->parts += (same->parts.empty() ? "" : " ; ") + part;
    }
  }
  return documents;
}

void put_sources(Data& page, const Context& ctx, const Sheet& s) {
  List items;
  for (const auto& d : source_documents(ctx, s)) {
    Data o = object();
    put_text(o, "title", d.title);
    put(o, "url", d.url);
    put_text(o, "details", d.details);
    put_text(o, "part", d.parts);
    items.push_back(std::move(o));
  }
  page["sources"] = items_or_false(items);
}

// "Équipe éditoriale Pratiques (Documentaliste, Pratiques) ; …": each author with role and structure.
std::string authors_text(const Context& ctx, const Sheet& s) {
  std::string authors;
  for (const auto& r : json_objects(s.front, "redacteurs")) {
    std::string a = r->optValue<std::string>("nom", "");
    if (a.empty()) continue;
    std::vector<std::string> details;
    if (auto role = r->optValue<std::string>("role", ""); !role.empty())
      details.push_back(ctx.data.label("roles_redacteurs", role));
    if (auto org = r->optValue<std::string>("structure", ""); !org.empty() && org != a) details.push_back(org);
    for (std::size_t i = 0; i < details.size(); ++i)
      a += (i == 0 ? " (" : ", ") + details[i] + (i + 1 == details.size() ? ")" : "");
    authors += (authors.empty() ? "" : " ; ") + a;
  }
  return authors;
}

// About: authors, licence, dates.
void put_about(Data& page, const Context& ctx, const Sheet& s) {
  put_text(page, "authors", authors_text(ctx, s));
  const std::string licence = json_string(s.front, "licence");
  put_text(page, "licence", licence.empty() ? "" : ctx.data.label("licences", licence));
  put(page, "licence_url", licence_url(licence));
  put(page, "published", s.date_published.empty() ? "" : fr_date(s.date_published));
  put(page, "published_iso", s.date_published);
  put(page, "reviewed", s.date_reviewed.empty() ? "" : fr_date(s.date_reviewed));
  put(page, "reviewed_iso", s.date_reviewed);
}

// "Citer cette fiche": the text to paste and the permanent address (the downloads are the page's
// relative citation.bib, .ris, .json); and sharing.
void put_citation(Data& page, const Context& ctx, const Sheet& s) {
  page["citation"] = Data(citation_text(ctx, s));
  page["permalink"] = Data(ctx.absolute(sheet_path(s.id)));
  page["permalink_live"] = Data(!ctx.unpublished);
  page["share"] = Data(share_html(ctx, s.title, sheet_path(s.id)));
}

}  // namespace

std::string sheet_page_html(const Context& ctx, const Sheet& s) {
  if (!s.front) throw std::logic_error("fiche « " + s.id + " » seulement listée : sa page demande la fiche entière");
  Data page = object();
  put_heading(page, ctx, s);
  put_to_document(page, ctx, s);
  put_sections(page, ctx, s);
  put_links(page, ctx, s);
  put_similar(page, ctx, s);
  put_courses(page, ctx, s);
  put_sources(page, ctx, s);
  put_about(page, ctx, s);
  put_citation(page, ctx, s);

  PageMeta meta;
  meta.title = s.title;
  meta.description = excerpt(s.summary, 160);  // what search engines show
  meta.path = sheet_path(s.id);
  meta.og_type = "article";
  meta.jsonld = jsonld_of(ctx, s);
  meta.head_meta = citation_meta_tags(ctx, s);
  meta.copy_script = true;
  return render_page(ctx, meta, ctx.templates.render("sheet", page));
}

std::vector<std::string> similar_ids(const Context& ctx, const std::string& id, const std::set<std::string>& linked) {
  if (!ctx.searcher || ctx.options.pages.similar <= 0) return {};
  const int asked = ctx.options.pages.similar + static_cast<int>(linked.size());
  std::vector<std::string> out;
  if (!ctx.similar_per_sheet)
    out = ctx.searcher->similar_ids(id, asked);
  else
    for (const auto& hit : ctx.searcher->similar(id, asked)) out.push_back(hit.id);
  std::erase_if(out, [&linked](const std::string& other) { return linked.count(other) > 0; });
  if (out.size() > static_cast<std::size_t>(ctx.options.pages.similar))
    out.resize(static_cast<std::size_t>(ctx.options.pages.similar));
  return out;
}

void render_sheet(const Context& ctx, const Sheet& s, OutputWriter& out) {
  const std::string dir = "fiches/" + s.id + "/";
  out.write(dir + "index.html", sheet_page_html(ctx, s));
  out.write(dir + "citation.bib", citation_bibtex(ctx, s));
  out.write(dir + "citation.ris", citation_ris(ctx, s));
  out.write(dir + "citation.json", citation_csl_json(ctx, s));
  // A renamed sheet keeps its old addresses: a page that sends the reader to the new one.
  for (const auto& old : s.old_ids) {
    Data page = object();
    put_text(page, "title", s.title);
    page["href"] = Data(sheet_path(s.id));
    page["url"] = Data(ctx.absolute(sheet_path(s.id)));
    out.write("fiches/" + old + "/index.html", ctx.templates.render("redirect", page));
  }
}

void render_sheets(const Context& ctx, OutputWriter& out) {
  const unsigned threads = threads_or_default(ctx.options.threads);
  if (ctx.searcher && ctx.options.pages.similar > 0 && !ctx.similar_per_sheet) ctx.searcher->prepare_similar_ids();
  // Each thread renders with templates of its own (a mustache template keeps state while it renders).
  std::vector<std::unique_ptr<Templates>> templates;
  std::vector<Context> contexts;
  for (unsigned t = 0; t < threads; ++t) {
    templates.push_back(std::make_unique<Templates>());
    contexts.push_back(Context{ctx.options, ctx.data, *templates.back(), ctx.searcher, ctx.base_url,
                               ctx.similar_per_sheet});
  }
  if (!ctx.data.catalogue) {  // every sheet already loaded whole
    parallel_for(ctx.data.sheets.size(), threads,
                 [&](std::size_t i, unsigned worker) { render_sheet(contexts[worker], ctx.data.sheets[i], out); });
    return;
  }
  // A listing: the sheets loaded whole a few hundred at a time, rendered, written and let go.
  const std::size_t batch =
      ctx.options.sheets_per_batch ? ctx.options.sheets_per_batch : kSheetsPerThreadAndBatch * threads;
  std::vector<std::string> ids;
  for (std::size_t start = 0; start < ctx.data.sheets.size(); start += batch) {
    ids.clear();
    for (std::size_t i = start; i < std::min(start + batch, ctx.data.sheets.size()); ++i)
      ids.push_back(ctx.data.sheets[i].id);
    std::vector<Sheet> sheets = load_whole_sheets(ctx.data, ids);
    parallel_for(sheets.size(), threads, [&](std::size_t i, unsigned worker) {
      Sheet& sheet = sheets[i];
      sheet.front = sheet.parsed_front();
      render_sheet(contexts[worker], sheet, out);
    });
  }
}

}  // namespace pratiques::site
