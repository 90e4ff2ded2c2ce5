#include "pratiques/site/model.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "pratiques/catalog.h"
#include "pratiques/index_layout.h"
#include "pratiques/site/context.h"
#include "pratiques/site/typography.h"

namespace fs = std::filesystem;

namespace pratiques::site {

namespace {

JsonObject parse_object(const std::string& json) {
  if (json.empty()) return new Poco::JSON::Object;
  try {
    Poco::JSON::Parser parser;
    auto v = parser.parse(json);
    if (auto o = v.extract<Poco::JSON::Object::Ptr>()) return o;
  } catch (const std::exception&) {
  }
  return new Poco::JSON::Object;
}

std::string scalar(const Poco::Dynamic::Var& v) {
  if (v.isEmpty() || v.isArray() || v.type() == typeid(Poco::JSON::Object::Ptr)) return {};
  try {
    return v.convert<std::string>();
  } catch (const std::exception&) {
    return {};
  }
}

Poco::Dynamic::Var at(const JsonObject& o, std::string_view path) {
  if (!o) return {};
  const Poco::JSON::Object* cur = o.get();
  JsonObject hold;  // keeps an intermediate object alive
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    const std::string key(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return cur->get(key);  // empty when absent
    hold = cur->getObject(key);
    if (!hold) return {};
    cur = hold.get();
    start = dot + 1;
  }
}

const std::map<std::string, std::string>& segment_of() {
  static const std::map<std::string, std::string> m = [] {
    std::map<std::string, std::string> r;
    for (const auto& b : browse_facets()) r[b.key] = b.segment;
    return r;
  }();
  return m;
}

}  // namespace

const std::vector<BrowseFacet>& browse_facets() {
  static const std::vector<BrowseFacet> f = {
      {"thematiques", "thematiques", "Thématiques", "Thématique"},
      {"publics", "publics", "Publics", "Public"},
      {"modes_intervention", "modes", "Modes d'intervention", "Mode d'intervention"},
      {"type_porteur", "porteurs", "Types de porteur", "Type de porteur"},
      {"region", "regions", "Régions", "Région"},
      {"departement", "departements", "Départements", "Département"},
  };
  return f;
}

std::string json_string(const JsonObject& o, std::string_view path) { return scalar(at(o, path)); }

std::vector<std::string> json_strings(const JsonObject& o, std::string_view path) {
  std::vector<std::string> out;
  const Poco::Dynamic::Var v = at(o, path);
  if (v.isEmpty()) return out;
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; a && i < a->size(); ++i)
      if (std::string s = scalar(a->get(static_cast<unsigned>(i))); !s.empty()) out.push_back(s);
  } else if (std::string s = scalar(v); !s.empty()) {
    out.push_back(s);
  }
  return out;
}

std::vector<JsonObject> json_objects(const JsonObject& o, std::string_view path) {
  std::vector<JsonObject> out;
  const Poco::Dynamic::Var v = at(o, path);
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; a && i < a->size(); ++i)
      if (auto x = a->getObject(static_cast<unsigned>(i))) out.push_back(x);
  } else if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    if (auto x = v.extract<Poco::JSON::Object::Ptr>()) out.push_back(x);
  }
  return out;
}

const FacetValue* Facet::find(std::string_view value) const {
  for (const auto& v : values)
    if (v.value == value) return &v;
  return nullptr;
}

const Sheet* SiteData::sheet(std::string_view id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &sheets[it->second];
}

const Facet* SiteData::facet(std::string_view key) const {
  for (const auto& f : facets)
    if (f.key == key) return &f;
  return nullptr;
}

std::string SiteData::label(std::string_view vocab, std::string_view slug) const {
  auto v = labels.find(vocab);
  if (v != labels.end()) {
    auto e = v->second.find(std::string(slug));
    if (e != v->second.end()) return e->second;
  }
  return std::string(slug);
}

SiteData load_site_data(const std::string& generation_dir) {
  SiteData d;
  d.generation = generation_dir;
  const fs::path file = fs::path(generation_dir) / kCatalogFile;
  if (!fs::exists(file)) throw std::runtime_error("aucun catalogue dans « " + generation_dir + " » : lancer d'abord « pratiques index »");
  Catalog cat(file.string(), false);

  auto v = cat.prepare("SELECT vocab, slug, label, parent FROM vocabularies");
  while (v.step()) {
    d.labels[v.text(0)][v.text(1)] = v.text(2);
    if (v.text(0) == "departements") d.departement_region[v.text(1)] = v.text(3);
  }

  auto s = cat.prepare("SELECT id, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, front_json "
                       "FROM sheets ORDER BY id");
  while (s.step()) {
    Sheet sh;
    sh.id = s.text(0);
    if (!url_safe(sh.id)) continue;  // never a path outside /fiches/
    sh.title = s.text(1);
    sh.summary = s.text(2);
    sh.type = s.text(3);
    sh.date_start = s.text(4);
    sh.date_published = s.text(5);
    sh.date_reviewed = s.text(6);
    sh.front = parse_object(s.text(7));
    d.by_id[sh.id] = d.sheets.size();
    d.sheets.push_back(std::move(sh));
  }
  auto sec = cat.prepare("SELECT sheet_id, key, ord, title, anchor, markdown, undocumented FROM sections ORDER BY sheet_id, ord");
  while (sec.step()) {
    auto it = d.by_id.find(sec.text(0));
    if (it == d.by_id.end()) continue;
    d.sheets[it->second].sections.push_back(
        {sec.text(1), sec.text(3), sec.text(4), sec.text(5), static_cast<int>(sec.integer(2)), sec.integer(6) != 0});
  }
  auto links = cat.prepare("SELECT from_id, to_id, relation FROM links ORDER BY from_id, line");
  while (links.step()) {
    auto it = d.by_id.find(links.text(0));
    if (it != d.by_id.end()) d.sheets[it->second].links.push_back({links.text(1), links.text(2)});
  }
  auto old = cat.prepare("SELECT old_id, sheet_id FROM old_ids ORDER BY old_id");
  while (old.step()) {
    auto it = d.by_id.find(old.text(1));
    if (it != d.by_id.end() && url_safe(old.text(0)) && !d.by_id.count(old.text(0)))
      d.sheets[it->second].old_ids.push_back(old.text(0));
  }
  auto sv = cat.prepare("SELECT sheet_id, facet, value FROM sheet_values ORDER BY sheet_id");
  while (sv.step()) {
    auto it = d.by_id.find(sv.text(0));
    if (it != d.by_id.end()) d.sheets[it->second].values.emplace_back(sv.text(1), sv.text(2));
  }

  // Facets in display order, values in vocabulary order.
  std::map<std::string, std::size_t> facet_index;
  auto f = cat.prepare("SELECT key, label, vocabulary FROM facets ORDER BY ord");
  while (f.step()) {
    Facet facet;
    facet.key = f.text(0);
    facet.label = f.text(1);
    facet.vocabulary = f.text(2);
    if (auto seg = segment_of().find(facet.key); seg != segment_of().end()) facet.segment = seg->second;
    facet_index[facet.key] = d.facets.size();
    d.facets.push_back(std::move(facet));
  }
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> value_index;
  auto fv = cat.prepare("SELECT facet, value, label, parent FROM facet_values ORDER BY id");
  while (fv.step()) {
    auto it = facet_index.find(fv.text(0));
    if (it == facet_index.end()) continue;
    Facet& facet = d.facets[it->second];
    if (!facet.segment.empty() && !url_safe(fv.text(1))) continue;
    value_index[{facet.key, fv.text(1)}] = {it->second, facet.values.size()};
    facet.values.push_back({fv.text(1), fv.text(2), fv.text(3), {}});
  }
  for (std::size_t i = 0; i < d.sheets.size(); ++i)
    for (const auto& [facet, value] : d.sheets[i].values)
      if (auto it = value_index.find({facet, value}); it != value_index.end())
        d.facets[it->second.first].values[it->second.second].sheets.push_back(i);
  const auto by_title = [&](std::size_t a, std::size_t b) {
    return std::tie(d.sheets[a].title, d.sheets[a].id) < std::tie(d.sheets[b].title, d.sheets[b].id);
  };
  for (auto& facet : d.facets)
    for (auto& value : facet.values) std::sort(value.sheets.begin(), value.sheets.end(), by_title);

  auto c = cat.prepare("SELECT id, titre, front_json, body FROM courses ORDER BY id");
  while (c.step()) {
    if (!url_safe(c.text(0))) continue;
    d.courses.push_back({c.text(0), c.text(1), parse_object(c.text(2)), c.text(3), {}});
  }
  auto cs = cat.prepare("SELECT course_id, key, ord, title, anchor, markdown FROM course_sections ORDER BY course_id, ord");
  while (cs.step())
    for (auto& course : d.courses)
      if (course.id == cs.text(0))
        course.sections.push_back({cs.text(1), cs.text(3), cs.text(4), cs.text(5), static_cast<int>(cs.integer(2)), false});

  auto p = cat.prepare("SELECT id, titre, front_json, body FROM pages ORDER BY id");
  while (p.step()) {
    if (!url_safe(p.text(0))) continue;
    d.pages.push_back({p.text(0), p.text(1), parse_object(p.text(2)), p.text(3)});
  }

  if (const std::string grid = cat.meta("grid_json"); !grid.empty()) d.grid = parse_object(grid);
  // Label of a vocabulary value, "" when the vocabulary does not know it (SiteData::label would
  // give the code back).
  const auto known_label = [&d](std::string_view vocab, const std::string& slug) -> std::string {
    auto v = d.labels.find(vocab);
    if (slug.empty() || v == d.labels.end()) return {};
    auto e = v->second.find(slug);
    return e == v->second.end() ? std::string() : e->second;
  };
  for (auto& sh : d.sheets) {
    sh.display_title = fr_typo(sh.title);
    const std::string dep = json_string(sh.front, "territoire.departement");
    if (const std::string dep_label = known_label("departements", dep); !dep_label.empty())
      sh.place = dep_label + " (" + dep + ")";
    else if (std::string region_label = known_label("regions", json_string(sh.front, "territoire.region")); !region_label.empty())
      sh.place = std::move(region_label);
    else
      sh.place = json_string(sh.front, "territoire.nom");
    sh.place = fr_typo(sh.place);
  }
  return d;
}

// --- URL layout -------------------------------------------------------------------------------

bool url_safe(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.size() > 200) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  return true;
}

std::string sheet_path(std::string_view id) { return "/fiches/" + std::string(id) + "/"; }
std::string course_path(std::string_view id) { return "/parcours/" + std::string(id) + "/"; }
std::string facet_path(std::string_view segment, std::string_view value) {
  return "/" + std::string(segment) + "/" + (value.empty() ? std::string() : std::string(value) + "/");
}
std::string file_of(std::string_view url_path) {
  std::string p(url_path);
  if (!p.empty() && p.front() == '/') p.erase(0, 1);
  if (p.empty() || p.back() == '/') p += "index.html";
  return p;
}

}  // namespace pratiques::site
