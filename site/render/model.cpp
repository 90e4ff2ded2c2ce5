#include "pratiques/site/model.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/text.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/sheet_history.h"
#include "pratiques/site/context.h"
#include "pratiques/site/typography.h"

namespace fs = std::filesystem;

namespace pratiques::site {

namespace {

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

bool SiteData::has_page(std::string_view id) const {
  return std::any_of(pages.begin(), pages.end(), [&](const TextPage& p) { return p.id == id; });
}

const Sheet* SiteData::sheet(std::string_view id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &sheets[it->second];
}

std::string_view SiteData::current_id(std::string_view id) const {
  auto it = renamed.find(id);
  return it == renamed.end() ? id : std::string_view(it->second);
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

JsonObject Sheet::parsed_front() const { return front ? front : parse_object(front_json); }

namespace {

// The links and former ids of the sheets `ids` (null: every sheet), into the sheet `whole` finds
// (null for one not loaded whole).
void load_links(Catalog& cat, const SiteData& d, const std::vector<std::string>* ids,
                const std::function<Sheet*(const std::string&)>& whole) {
  catalogue::each_link(
      cat,
      [&](catalogue::LinkRow& l) {
        if (Sheet* sh = whole(l.from)) sh->links.push_back({std::move(l.to), l.relation.value_or("")});
      },
      ids);
  for (const auto& [old_id, id] : catalogue::old_ids(cat, ids))
    if (Sheet* sh = whole(id); sh && url_safe(old_id) && !d.by_id.count(old_id)) sh->old_ids.push_back(old_id);
}

Section section_of(catalogue::SectionRow& r) {
  return {std::move(r.key), std::move(r.title), std::move(r.anchor), std::move(r.markdown), r.order, r.undocumented};
}

// `ids` and, for each former id among them, the current id of the sheet that declares it.
std::vector<std::string> with_current_ids(Catalog& cat, const std::vector<std::string>& ids) {
  std::vector<std::string> out = ids;
  for (const auto& id : ids)
    if (std::string now = catalogue::renamed_to(cat, id); !now.empty()) out.push_back(std::move(now));
  return out;
}

// `detailed` (null: every sheet) are loaded whole; `keep_catalogue`: for load_whole_sheets().
SiteData load(const std::string& generation_dir, const std::vector<std::string>* only,
              const std::vector<std::string>* detailed, bool keep_catalogue) {
  SiteData d;
  d.generation = generation_dir;
  const fs::path file = fs::path(generation_dir) / kCatalogFile;
  if (!fs::exists(file))
    throw std::runtime_error("aucun catalogue dans « " + generation_dir + " » : lancer d'abord « pratiques index »");
  const std::shared_ptr<Catalog> opened = open_catalogue(generation_dir);
  Catalog& cat = *opened;
  cat.exec("BEGIN");  // one publication throughout, even when another one is committed meanwhile
  // A course's step may cite a sheet by a former id: that sheet is the one to load.
  std::vector<std::string> only_now, detailed_now;
  if (only) only = &(only_now = with_current_ids(cat, *only));
  if (detailed) detailed = &(detailed_now = with_current_ids(cat, *detailed));

  for (const auto& v : catalogue::vocabularies(cat)) {
    d.labels[v.vocab][v.slug] = v.label;
    if (v.vocab == "departements") d.departement_region[v.slug] = v.parent;
  }
  // Label of a vocabulary value, "" when the vocabulary does not know it (SiteData::label would
  // give the code back).
  const auto known_label = [&d](std::string_view vocab, const std::string& slug) -> std::string {
    auto v = d.labels.find(vocab);
    if (slug.empty() || v == d.labels.end()) return {};
    auto e = v->second.find(slug);
    return e == v->second.end() ? std::string() : e->second;
  };
  const std::set<std::string> whole_ids = detailed ? std::set<std::string>(detailed->begin(), detailed->end())
                                                   : std::set<std::string>();

  catalogue::each_sheet(
      cat,
      [&](catalogue::SheetRow& row) {
        if (!url_safe(row.id)) return;  // never a path outside /fiches/
        Sheet sh;
        sh.id = std::move(row.id);
        sh.title = std::move(row.title);
        sh.summary = std::move(row.summary);
        sh.type = row.type.value_or("");
        sh.date_start = row.date_start.value_or("");
        sh.date_published = row.date_published.value_or("");
        sh.date_reviewed = row.date_reviewed.value_or("");
        const JsonObject front = parse_object(row.front_json);
        sh.front_json = std::move(row.front_json);
        sh.licence = json_string(front, "licence");
        sh.next_review = json_string(front, "curation.prochaine_revue");
        sh.display_title = fr_typo(sh.title);
        const std::string dep = json_string(front, "territoire.departement");
        if (const std::string dep_label = known_label("departements", dep); !dep_label.empty())
          sh.place = dep_label + " (" + dep + ")";
        else if (std::string region_label = known_label("regions", json_string(front, "territoire.region"));
                 !region_label.empty())
          sh.place = std::move(region_label);
        else
          sh.place = json_string(front, "territoire.nom");
        sh.place = fr_typo(sh.place);
        if (!detailed || whole_ids.count(sh.id)) sh.front = front;
        d.by_id[sh.id] = d.sheets.size();
        d.sheets.push_back(std::move(sh));
      },
      only);
  const auto sheet_of = [&d](const std::string& id) -> Sheet* {
    auto it = d.by_id.find(id);
    return it == d.by_id.end() ? nullptr : &d.sheets[it->second];
  };
  const auto whole = [&](const std::string& id) -> Sheet* {
    Sheet* sh = sheet_of(id);
    return sh && sh->front ? sh : nullptr;
  };
  // Every loaded sheet's sections are counted; those of the sheets loaded whole kept.
  catalogue::each_section(
      cat,
      [&](catalogue::SectionRow& r) {
        Sheet* sh = sheet_of(r.owner);
        if (!sh) return;
        SectionCount& count = d.section_counts[r.key];
        ++count.sheets;
        count.undocumented += r.undocumented;
        if (sh->front) sh->sections.push_back(section_of(r));
      },
      only);
  load_links(cat, d, detailed, whole);
  catalogue::each_sheet_value(
      cat,
      [&](catalogue::SheetValue& v) {
        if (Sheet* sh = sheet_of(v.sheet)) sh->values.emplace_back(std::move(v.facet), std::move(v.value));
      },
      only);

  // Facets in display order, values in vocabulary order.
  std::map<std::string, std::size_t> facet_index;
  const FacetSpace space = FacetSpace::load(cat);
  for (const FacetSpec& spec : space.facets()) {
    Facet facet;
    facet.key = spec.key;
    facet.label = spec.label;
    facet.vocabulary = spec.vocabulary;
    if (auto seg = segment_of().find(facet.key); seg != segment_of().end()) facet.segment = seg->second;
    facet_index[facet.key] = d.facets.size();
    d.facets.push_back(std::move(facet));
  }
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> value_index;
  for (std::size_t id = 0; id < space.size(); ++id) {
    const FacetValueDef& def = space.def(static_cast<std::uint16_t>(id));
    auto it = facet_index.find(def.facet);
    if (it == facet_index.end()) continue;
    Facet& facet = d.facets[it->second];
    if (!facet.segment.empty() && !url_safe(def.value)) continue;
    value_index[{facet.key, def.value}] = {it->second, facet.values.size()};
    facet.values.push_back({def.value, def.label, def.parent, {}});
  }
  for (std::size_t i = 0; i < d.sheets.size(); ++i)
    for (const auto& [facet, value] : d.sheets[i].values)
      if (auto it = value_index.find({facet, value}); it != value_index.end())
        d.facets[it->second.first].values[it->second.second].sheets.push_back(i);
  // As the site map and a search sorted by title file them: "École" among the E, « Crédiscussion »
  // among the C (a byte order put both after "Zone").
  std::vector<std::string> filing(d.sheets.size());
  for (std::size_t i = 0; i < d.sheets.size(); ++i) filing[i] = text::filing_key(d.sheets[i].title);
  const auto by_title = [&](std::size_t a, std::size_t b) {
    return std::tie(filing[a], d.sheets[a].id) < std::tie(filing[b], d.sheets[b].id);
  };
  for (auto& facet : d.facets)
    for (auto& value : facet.values) std::sort(value.sheets.begin(), value.sheets.end(), by_title);

  for (auto& c : catalogue::courses(cat))
    if (url_safe(c.id))
      d.courses.push_back({std::move(c.id), std::move(c.title), parse_object(c.front_json), std::move(c.body), {}});
  catalogue::each_course_section(cat, [&d](catalogue::SectionRow& r) {
    for (auto& course : d.courses)
      if (course.id == r.owner)
        course.sections.push_back(
            {std::move(r.key), std::move(r.title), std::move(r.anchor), std::move(r.markdown), r.order, false});
  });
  // The withdrawn sheets the courses' steps (or `only`, a preview's) cite: their steps say so.
  std::set<std::string> cited = only ? std::set<std::string>(only->begin(), only->end()) : std::set<std::string>();
  for (const auto& c : d.courses)
    for (const auto& step : json_objects(c.front, "etapes")) cited.insert(step->optValue<std::string>("fiche", ""));
  for (const auto& id : cited)
    if (std::string now = d.by_id.count(id) ? "" : catalogue::renamed_to(cat, id); !now.empty())
      d.renamed.emplace(id, std::move(now));
  for (const auto& id : cited)
    if (const auto e = d.by_id.count(id) || d.renamed.count(id) ? std::nullopt : history_entry(cat, id);
        e && e->deleted()) {
      WithdrawnSheet w{e->title.empty() ? id : e->title, "", ""};
      if (const auto r = e->replaced_by.empty() ? std::nullopt : catalogue::sheet(cat, e->replaced_by);
          r && url_safe(r->id)) {
        w.replacement = r->id;
        w.replacement_title = r->title;
      }
      d.withdrawn.emplace(id, std::move(w));
    }
  for (auto& p : catalogue::pages(cat))
    if (url_safe(p.id))
      d.pages.push_back({std::move(p.id), std::move(p.title), parse_object(p.front_json), std::move(p.body)});

  if (const std::string grid = cat.meta("grid_json"); !grid.empty()) d.grid = parse_object(grid);
  d.foreign_terms = ForeignTerms::parse(cat.meta(kForeignTermsKey));
  if (keep_catalogue) d.catalogue = opened;
  return d;
}

}  // namespace

SiteData load_site_data(const std::string& generation_dir, const std::vector<std::string>* only,
                        const std::vector<std::string>* whole) {
  return load(generation_dir, only, whole ? whole : only, false);
}

SiteData load_site_listing(const std::string& generation_dir) {
  // The sheets the courses' steps name: their pages show those sheets' sections.
  std::vector<std::string> cited;
  {
    const std::unique_ptr<Catalog> cat = open_catalogue(generation_dir);
    for (auto& c : catalogue::courses(*cat))
      for (const auto& step : json_objects(parse_object(c.front_json), "etapes"))
        cited.push_back(step->optValue<std::string>("fiche", ""));
  }
  return load(generation_dir, nullptr, &cited, true);
}

std::vector<Sheet> load_whole_sheets(const SiteData& listing, const std::vector<std::string>& ids) {
  if (!listing.catalogue) throw std::logic_error("load_whole_sheets : données sans catalogue (load_site_listing)");
  Catalog& cat = *listing.catalogue;
  std::vector<Sheet> sheets;
  std::map<std::string, std::size_t, std::less<>> index;
  for (const auto& id : ids)
    if (const Sheet* listed = listing.sheet(id); listed && index.emplace(id, sheets.size()).second) {
      sheets.push_back(*listed);
      sheets.back().sections.clear();
      sheets.back().links.clear();
      sheets.back().old_ids.clear();
    }
  const auto whole = [&](const std::string& id) -> Sheet* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &sheets[it->second];
  };
  catalogue::each_section(
      cat,
      [&](catalogue::SectionRow& r) {
        if (Sheet* sh = whole(r.owner)) sh->sections.push_back(section_of(r));
      },
      &ids);
  load_links(cat, listing, &ids, whole);
  return sheets;
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
