// GET /api/fiches/<id>: a sheet's metadata (the front matter as JSON, from the catalogue),
// facet values with labels, links, and its sections in Markdown (no rendering here).
// GET /api/fiches/<id>/similaires: related practices (relevance feedback on the sheet's terms).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSONString.h>

#include <sstream>

#include "gone.h"
#include "handlers.h"
#include "pratiques/catalogue.h"
#include "pratiques/site/context.h"

namespace pratiques::server {

namespace {

std::string json_text(const Poco::JSON::Object& o) {
  std::ostringstream out;
  o.stringify(out);
  return out.str();
}

}  // namespace

void SheetApiHandler::handle(Exchange& ex) {
  auto lease = state_.pool.acquire();
  Catalog& cat = lease.catalog();
  const std::optional<catalogue::SheetRow> sheet = catalogue::sheet(cat, id_);
  if (!sheet) {
    const std::string to = catalogue::renamed_to(cat, id_);
    if (!to.empty()) {
      ex.redirect("/api/fiches/" + to, 301);
      return;
    }
    // Archived or removed: 410 with its replacement, as its page and citations answer.
    if (const auto gone = gone_sheet(cat, id_)) return answer_gone_json(ex, *gone);
    ex.send_error(404, "Aucune fiche « " + id_ + " ».");
    return;
  }
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", sheet->id);
  o.set("titre", sheet->title);
  o.set("en_bref", sheet->summary);
  auto set_optional = [](Object& obj, const char* key, const std::optional<std::string>& value) {
    if (value)
      obj.set(key, *value);
    else
      obj.set(key, Poco::Dynamic::Var());
  };
  set_optional(o, "type_fiche", sheet->type);
  set_optional(o, "date_debut", sheet->date_start);
  set_optional(o, "date_publication", sheet->date_published);
  set_optional(o, "date_revue", sheet->date_reviewed);
  o.set("url", site::sheet_path(id_));
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  o.set("metadonnees", parser.parse(sheet->front_json));
  o.set("preambule", sheet->preamble);

  // Facet values with their labels, by facet in display order.
  Object facets(Poco::JSON_PRESERVE_KEY_ORDER);
  const auto by_facet = catalogue::sheet_values(cat, id_);
  for (const auto& f : lease.generation().facets) {
    const auto of = by_facet.find(f.key);
    if (of == by_facet.end()) continue;
    Array values;
    for (const auto& v : of->second) {
      Object x(Poco::JSON_PRESERVE_KEY_ORDER);
      x.set("valeur", v.value);
      x.set("libelle", v.label);
      values.add(x);
    }
    if (values.size()) facets.set(f.key, values);
  }
  o.set("facettes", facets);

  Array sections;
  for (const auto& sec : catalogue::sheet_sections(cat, id_)) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("cle", sec.key);
    x.set("ordre", static_cast<long long>(sec.order));
    x.set("titre", sec.title);
    x.set("ancre", sec.anchor);
    x.set("markdown", sec.markdown);
    x.set("non_documentee", sec.undocumented);
    sections.add(x);
  }
  o.set("sections", sections);

  Array links, cited;
  for (const auto& l : catalogue::links_from(cat, id_)) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("id", l.to);
    set_optional(x, "relation", l.relation);
    x.set("titre", l.title);
    x.set("url", site::sheet_path(l.to));
    links.add(x);
  }
  for (const auto& l : catalogue::links_to(cat, id_)) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("id", l.from);
    x.set("titre", l.title);
    x.set("url", site::sheet_path(l.from));
    cited.add(x);
  }
  o.set("fiches_liees", links);
  o.set("citee_par", cited);
  o.set("similaires", "/api/fiches/" + id_ + "/similaires");
  SendOptions so;
  so.headers.emplace_back("X-Pratiques-Generation", lease.generation().name);
  ex.send_json(200, json_text(o), so);
}

void SimilarApiHandler::handle(Exchange& ex) {
  int count = 5;
  for (const auto& [k, v] : ex.params())
    if (k == "nombre") count = clamp_int(v, 5, 1, 20);
  struct Found {
    bool exists = false;
    std::string renamed, generation;
    std::optional<GoneSheet> gone;
    std::vector<Hit> hits;
  };
  const auto t0 = Clock::now();
  // On a search thread, lease included: a connection thread never holds a searcher while it waits.
  const Found f = state_.searchers.run([this, count] {
    Found out;
    auto lease = state_.pool.acquire();
    out.generation = lease.generation().name;
    out.exists = catalogue::has_sheet(lease.catalog(), id_);
    if (!out.exists) {
      out.renamed = catalogue::renamed_to(lease.catalog(), id_);
      out.gone = gone_sheet(lease.catalog(), id_);
    } else {
      out.hits = lease.searcher().similar(id_, count);
    }
    return out;
  });
  ex.add_timing("similaires", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  if (!f.exists) {
    if (!f.renamed.empty()) {
      ex.redirect("/api/fiches/" + f.renamed + "/similaires" + (ex.target.query.empty() ? "" : "?" + ex.target.query),
                  301);
      return;
    }
    if (f.gone) return answer_gone_json(ex, *f.gone);
    ex.send_error(404, "Aucune fiche « " + id_ + " ».");
    return;
  }
  SendOptions so;
  so.headers.emplace_back("X-Pratiques-Generation", f.generation);
  ex.send_json(
      200, "{\"id\":" + Poco::toJSON(id_, Poco::JSON_WRAP_STRINGS) + ",\"similaires\":" + hits_to_json(f.hits) + "}",
      so);
}

}  // namespace pratiques::server
