// GET /api/fiches/<id>: a sheet's metadata (the front matter as JSON, from the catalogue),
// facet values with labels, links, and its sections in Markdown (no rendering here).
// GET /api/fiches/<id>/similaires: related practices (relevance feedback on the sheet's terms).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "internal.h"

namespace pratiques::server {

namespace {

std::string json_text(const Poco::JSON::Object& o) {
  std::ostringstream out;
  o.stringify(out);
  return out.str();
}

// The current id of a sheet that was renamed (old_ids), or "".
std::string renamed(Catalog& cat, const std::string& id) {
  auto s = cat.prepare("SELECT sheet_id FROM old_ids WHERE old_id = ?");
  s.bind(1, id);
  return s.step() ? s.text(0) : "";
}

bool exists(Catalog& cat, const std::string& id) {
  auto s = cat.prepare("SELECT 1 FROM sheets WHERE id = ?");
  s.bind(1, id);
  return s.step();
}

}  // namespace

void SheetApiHandler::handle(Exchange& ex) {
  auto lease = state_.pool.acquire();
  Catalog& cat = lease.catalog();
  auto s = cat.prepare(
      "SELECT id, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, front_json, preamble "
      "FROM sheets WHERE id = ?");
  s.bind(1, id_);
  if (!s.step()) {
    const std::string to = renamed(cat, id_);
    if (!to.empty()) {
      ex.redirect("/api/fiches/" + to, 301);
      return;
    }
    ex.send_error(404, "Aucune fiche « " + id_ + " ».");
    return;
  }
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", s.text(0));
  o.set("titre", s.text(1));
  o.set("en_bref", s.text(2));
  auto opt = [&](const char* key, int col) {
    if (s.is_null(col)) o.set(key, Poco::Dynamic::Var());
    else o.set(key, s.text(col));
  };
  opt("type_fiche", 3);
  opt("date_debut", 4);
  opt("date_publication", 5);
  opt("date_revue", 6);
  o.set("url", site::sheet_path(id_));
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  o.set("metadonnees", parser.parse(s.text(7)));
  o.set("preambule", s.text(8));

  // Facet values with their labels, by facet in display order.
  Object facets(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& f : lease.generation().facets) {
    auto v = cat.prepare(
        "SELECT sv.value, COALESCE(fv.label, sv.value) FROM sheet_values sv LEFT JOIN facet_values fv "
        "ON fv.facet = sv.facet AND fv.value = sv.value WHERE sv.sheet_id = ? AND sv.facet = ? ORDER BY fv.id, sv.value");
    v.bind(1, id_).bind(2, f.key);
    Array values;
    while (v.step()) {
      Object x(Poco::JSON_PRESERVE_KEY_ORDER);
      x.set("valeur", v.text(0));
      x.set("libelle", v.text(1));
      values.add(x);
    }
    if (values.size()) facets.set(f.key, values);
  }
  o.set("facettes", facets);

  Array sections;
  auto sec = cat.prepare(
      "SELECT key, ord, title, anchor, markdown, undocumented FROM sections WHERE sheet_id = ? ORDER BY ord");
  sec.bind(1, id_);
  while (sec.step()) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("cle", sec.text(0));
    x.set("ordre", sec.integer(1));
    x.set("titre", sec.text(2));
    x.set("ancre", sec.text(3));
    x.set("markdown", sec.text(4));
    x.set("non_documentee", sec.integer(5) != 0);
    sections.add(x);
  }
  o.set("sections", sections);

  Array links, cited;
  auto l = cat.prepare(
      "SELECT l.to_id, l.relation, s.titre FROM links l LEFT JOIN sheets s ON s.id = l.to_id WHERE l.from_id = ? ORDER BY l.line");
  l.bind(1, id_);
  while (l.step()) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("id", l.text(0));
    if (l.is_null(1)) x.set("relation", Poco::Dynamic::Var());
    else x.set("relation", l.text(1));
    x.set("titre", l.text(2));
    x.set("url", site::sheet_path(l.text(0)));
    links.add(x);
  }
  auto c = cat.prepare(
      "SELECT l.from_id, s.titre FROM links l JOIN sheets s ON s.id = l.from_id WHERE l.to_id = ? ORDER BY l.from_id");
  c.bind(1, id_);
  while (c.step()) {
    Object x(Poco::JSON_PRESERVE_KEY_ORDER);
    x.set("id", c.text(0));
    x.set("titre", c.text(1));
    x.set("url", site::sheet_path(c.text(0)));
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
    std::vector<Hit> hits;
  };
  const auto t0 = Clock::now();
  // On a search thread, lease included: a connection thread never holds a searcher while it waits.
  const Found f = state_.searchers.run([this, count] {
    Found out;
    auto lease = state_.pool.acquire();
    out.generation = lease.generation().name;
    out.exists = exists(lease.catalog(), id_);
    if (!out.exists) out.renamed = renamed(lease.catalog(), id_);
    else out.hits = lease.searcher().similar(id_, count);
    return out;
  });
  ex.add_timing("similaires", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  if (!f.exists) {
    if (!f.renamed.empty()) {
      ex.redirect("/api/fiches/" + f.renamed + "/similaires" + (ex.target.query.empty() ? "" : "?" + ex.target.query), 301);
      return;
    }
    ex.send_error(404, "Aucune fiche « " + id_ + " ».");
    return;
  }
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", id_);
  o.set("similaires", hits_json(f.hits));
  SendOptions so;
  so.headers.emplace_back("X-Pratiques-Generation", f.generation);
  ex.send_json(200, json_text(o), so);
}

}  // namespace pratiques::server
