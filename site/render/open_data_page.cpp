#include "pratiques/site/markdown.h"
#include "pratiques/site/open_data_page.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <sstream>

#include "pratiques/site/layout.h"
#include "pratiques/site/open_data.h"
#include "pratiques/site/writer.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

struct DataFile {
  const char* name;
  DataSet set;
  DataFormat format;
  const char* media_type;
  const char* description;
};

const DataFile kFiles[] = {
    {"fiches.csv", DataSet::Sheets, DataFormat::Csv, "text/csv",
     "Fiches publiées, CSV (RFC 4180, UTF-8, séparateur virgule)"},
    {"fiches.jsonl", DataSet::Sheets, DataFormat::Jsonl, "application/jsonl",
     "Fiches publiées, JSON Lines (un objet par ligne)"},
    {"parcours.csv", DataSet::Courses, DataFormat::Csv, "text/csv", "Parcours de formation, CSV"},
    {"parcours.jsonl", DataSet::Courses, DataFormat::Jsonl, "application/jsonl", "Parcours de formation, JSON Lines"},
};

// The licence most sheets carry (the data set's licence in JSON-LD), with how many use each.
std::map<std::string, std::size_t> licences(const SiteData& data) {
  std::map<std::string, std::size_t> n;
  for (const auto& s : data.sheets) ++n[s.licence];
  return n;
}

List column_rows(const std::vector<DataColumn>& columns, const ForeignTerms& foreign) {
  List rows;
  for (const auto& c : columns) {
    Data o = object();
    o["name"] = Data(c.name);
    put_text(o, "label", c.label);
    o["description"] = Data(inline_html(c.description, &foreign));  // the grid's definitions write `code`
    o["list"] = Data(c.list);
    rows.push_back(std::move(o));
  }
  return rows;
}

std::string dataset_jsonld(const Context& ctx, const std::string& licence) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("@context", "https://schema.org");
  o.set("@type", "Dataset");
  o.set("name", "Pratiques : fiches et parcours en données ouvertes");
  o.set("description",
        "Les fiches de pratiques inspirantes du travail social collectif et communautaire publiées sur Pratiques, et "
        "les parcours "
        "de formation, avec toutes leurs métadonnées (thématiques, publics, territoire, porteur, curation), en CSV et "
        "JSON Lines.");
  o.set("url", ctx.absolute("/donnees/"));
  o.set("inLanguage", "fr");
  o.set("isAccessibleForFree", true);
  if (!licence.empty()) o.set("license", licence);
  Object::Ptr publisher = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  publisher->set("@type", "Organization");
  publisher->set("name", "Pratiques");
  publisher->set("url", ctx.absolute("/"));
  o.set("creator", publisher);
  o.set("publisher", publisher);
  std::string modified;
  for (const auto& s : ctx.data.sheets) modified = std::max(modified, s.updated());
  if (!modified.empty()) o.set("dateModified", modified);
  Array::Ptr distribution = new Array;
  for (const auto& f : kFiles) {
    Object::Ptr d = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    d->set("@type", "DataDownload");
    d->set("name", f.name);
    d->set("description", f.description);
    d->set("encodingFormat", f.media_type);
    d->set("contentUrl", ctx.absolute(std::string("/donnees/") + f.name));
    distribution->add(d);
  }
  o.set("distribution", distribution);
  std::ostringstream out;
  o.stringify(out);
  return script_safe_json(out.str());
}

}  // namespace

void render_open_data(const Context& ctx, OutputWriter& out) {
  const auto sheet_columns = data_columns(ctx.data, DataSet::Sheets),
             course_columns = data_columns(ctx.data, DataSet::Courses);
  List files;
  for (const auto& f : kFiles) {
    out.write_streamed(std::string("donnees/") + f.name, [&](std::ostream& body) {
      write_data(body, ctx.data, f.set, f.format, ctx.base_url,
                 f.set == DataSet::Sheets ? sheet_columns : course_columns);
    });
    Data o = object();
    o["name"] = Data(std::string(f.name));
    put_text(o, "description", f.description);
    o["rows"] = Data(std::to_string(f.set == DataSet::Sheets ? ctx.data.sheets.size() : ctx.data.courses.size()));
    files.push_back(std::move(o));
  }
  const auto used = licences(ctx.data);
  std::string main_licence;
  std::size_t most = 0;
  List licence_items;
  for (const auto& [slug, n] : used) {
    if (n > most) most = n, main_licence = slug;
    Data o = object();
    put_text(o, "label", slug.empty() ? "non précisée" : ctx.data.label("licences", slug));
    put(o, "href", licence_url(slug));
    o["count"] = Data(std::to_string(n));
    licence_items.push_back(std::move(o));
  }
  Object page;
  page["files"] = Data(files);
  page["has_licences"] = Data(!licence_items.empty());
  page["licences"] = Data(licence_items);
  page["sheet_columns"] = Data(column_rows(sheet_columns, ctx.data.foreign_terms));
  page["course_columns"] = Data(column_rows(course_columns, ctx.data.foreign_terms));
  PageMeta meta;
  meta.title = "Données ouvertes";
  meta.description =
      "Les fiches et les parcours de Pratiques en CSV et JSON Lines, colonne par colonne, avec leur licence.";
  meta.path = "/donnees/";
  meta.nav = "donnees";
  meta.jsonld = dataset_jsonld(ctx, licence_url(main_licence));
  out.write("donnees/index.html", render_page(ctx, meta, ctx.templates.render("donnees", Data(page))));
}

}  // namespace pratiques::site
