#include "pratiques/site/citation.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>
#include <sstream>

#include "pratiques/text.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

std::vector<std::string> author_names(const Sheet& s) {
  std::vector<std::string> out;
  for (const auto& r : json_objects(s.front, "redacteurs"))
    if (auto n = r->optValue<std::string>("nom", ""); !n.empty()) out.push_back(n);
  if (out.empty()) out.push_back("Pratiques");
  return out;
}

// The date a citation gives: the last review, else the publication.
std::string citation_date(const Sheet& s) { return s.date_reviewed.empty() ? s.date_published : s.date_reviewed; }

Object common(const Context& ctx, const Sheet& s) {
  Object o;
  o["id"] = Data(s.id);
  o["key"] = Data(s.id);
  o["url"] = Data(ctx.absolute(sheet_path(s.id)));
  const std::string date = citation_date(s);
  put(o, "year", date.size() >= 4 ? date.substr(0, 4) : "");
  put(o, "date", date);
  put(o, "reviewed", date.empty() ? "" : fr_date(date));
  std::string ris_date;  // RIS: YYYY/MM/DD
  if (date.size() >= 4) {
    ris_date = date.substr(0, 4) + "/" + (date.size() >= 7 ? date.substr(5, 2) : "") + "/" +
               (date.size() >= 10 ? date.substr(8, 2) : "");
  }
  put(o, "ris_date", ris_date);
  List authors;
  const auto names = author_names(s);
  for (std::size_t i = 0; i < names.size(); ++i) {
    Object a;
    a["name"] = Data(names[i]);
    a["sep"] = Data(i > 0);
    a["organisation"] = Data(is_organisation(names[i]));
    authors.push_back(Data(a));
  }
  o["authors"] = Data(authors);
  return o;
}

}  // namespace

bool is_organisation(std::string_view name) {
  static const std::set<std::string> collective = {
      "agence",  "association",  "atelier",   "caisse",    "centre",     "collectif", "comite",
      "conseil", "coordination", "direction", "equipe",    "federation", "groupe",    "institut",
      "mission", "observatoire", "pole",      "pratiques", "reseau",     "service",   "union"};
  const std::string first(name.substr(0, name.find(' ')));
  return collective.count(text::fold(first)) > 0;
}

std::string citation_text(const Context& ctx, const Sheet& s) {
  Object o = common(ctx, s);
  std::string authors;
  for (const auto& n : author_names(s)) authors += (authors.empty() ? "" : ", ") + n;
  o["authors"] = Data(fr_typo(authors));
  // Quotes inside the quoted title become “…” (guillemets de second niveau).
  std::string title = fr_typo(s.title);
  for (auto [from, to] : {std::pair<std::string, std::string>{"\u00ab\u00a0", "\u201c"},
                          {"\u00a0\u00bb", "\u201d"},
                          {"\u00ab", "\u201c"},
                          {"\u00bb", "\u201d"}})
    for (std::size_t p; (p = title.find(from)) != std::string::npos;) title.replace(p, from.size(), to);
  o["title"] = Data(title);
  return ctx.templates.render("citation.txt", Data(o));
}

std::string citation_bibtex(const Context& ctx, const Sheet& s) {
  Object o = common(ctx, s);
  o["title"] = Data(s.title);
  return ctx.templates.render("citation.bib", Data(o));
}

// Thématiques (labels) then mots-clés.
std::vector<std::string> keywords_of(const Context& ctx, const Sheet& s) {
  std::vector<std::string> out;
  for (const auto& t : json_strings(s.front, "thematiques")) out.push_back(ctx.data.label("thematiques", t));
  for (const auto& t : json_strings(s.front, "mots_cles")) out.push_back(t);
  return out;
}

Object with_keywords(const Context& ctx, const Sheet& s) {
  Object o = common(ctx, s);
  o["title"] = Data(s.title);
  put(o, "summary", s.summary);
  List keywords;
  for (const auto& kw : keywords_of(ctx, s)) {
    Object k;
    k["kw"] = Data(kw);
    keywords.push_back(Data(k));
  }
  o["keywords"] = list_or_false(keywords);
  return o;
}

std::string citation_ris(const Context& ctx, const Sheet& s) {
  return ctx.templates.render("citation.ris", Data(with_keywords(ctx, s)));
}

std::string citation_meta_tags(const Context& ctx, const Sheet& s) {
  Object o = with_keywords(ctx, s);
  const std::string date = citation_date(s);
  std::string slashed = date;  // Highwire dates: YYYY/MM/DD
  for (auto& c : slashed)
    if (c == '-') c = '/';
  put(o, "slash_date", slashed);
  // One citation_keywords, ";"-separated (Zotero splits it), of the thématiques alone: sheet pages
  // stay under their budget (the free mots-clés are in the RIS, BibTeX and CSL-JSON downloads).
  std::string keywords;
  for (const auto& t : json_strings(s.front, "thematiques"))
    keywords += (keywords.empty() ? "" : "; ") + ctx.data.label("thematiques", t);
  put(o, "keyword_list", keywords);
  const std::string licence = json_string(s.front, "licence");
  put(o, "rights", licence.empty() ? "" : ctx.data.label("licences", licence));
  return ctx.templates.render("citation_meta", Data(o));
}

std::string citation_csl_json(const Context& ctx, const Sheet& s) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  item->set("id", s.id);
  item->set("type", "report");
  item->set("title", s.title);
  Array::Ptr authors = new Array;
  for (const auto& n : author_names(s)) {
    Object::Ptr a = new Object;
    a->set("literal", n);  // names as written: organisations and people alike, never split
    authors->add(a);
  }
  item->set("author", authors);
  const std::string date = citation_date(s);
  if (date.size() >= 4) {
    Array::Ptr parts = new Array;
    for (std::size_t at : {std::size_t(0), std::size_t(5), std::size_t(8)})
      if (date.size() >= at + (at ? 2 : 4)) parts->add(std::stoi(date.substr(at, at ? 2 : 4)));
    Array::Ptr outer = new Array;
    outer->add(parts);
    Object::Ptr issued = new Object;
    issued->set("date-parts", outer);
    item->set("issued", issued);
  }
  item->set("publisher", "Pratiques");
  item->set("container-title", "Pratiques, référentiel de pratiques de travail social collectif");
  item->set("URL", ctx.absolute(sheet_path(s.id)));
  if (!s.summary.empty()) item->set("abstract", s.summary);
  std::string keywords;
  for (const auto& kw : keywords_of(ctx, s)) keywords += (keywords.empty() ? "" : ", ") + kw;
  if (!keywords.empty()) item->set("keyword", keywords);
  item->set("language", "fr");
  Array list;
  list.add(item);
  std::ostringstream out;
  list.stringify(out, 2);
  return out.str() + "\n";
}

}  // namespace pratiques::site
