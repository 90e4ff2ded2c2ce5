#include "pratiques/write/publisher.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>

#include <Poco/SHA2Engine.h>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/course_context.h"
#include "pratiques/generations.h"
#include "pratiques/index_writer.h"
#include "pratiques/near_duplicate_warnings.h"
#include "pratiques/near_duplicates.h"
#include "pratiques/read_file.h"
#include "pratiques/sheet_document.h"
#include "pratiques/site/model.h"
#include "pratiques/validate.h"
#include "pratiques/write/canonical.h"
#include "pratiques/write/clock.h"
#include "pratiques/write/refusal.h"
#include "durable_file.h"

namespace fs = std::filesystem;

namespace pratiques::write {

namespace {

using Ms = std::chrono::duration<double, std::milli>;

// The published collection's catalogue (read only), or none before the first index.
std::unique_ptr<Catalog> open_catalogue(const Paths& paths) {
  const fs::path file = fs::path(resolve_index(paths.index)) / kCatalogFile;
  if (!fs::exists(file)) return nullptr;
  try {
    return std::make_unique<Catalog>(file.string(), false);
  } catch (const CatalogError&) {
    return nullptr;
  }
}

CorpusEntry entry_from_catalogue(Catalog& cat, const std::string& id, const std::string& path) {
  CorpusEntry e{path, {id, 1, 1}, {}, {}};
  const std::vector<std::string> ids{id};
  for (const auto& [old_id, sheet] : catalogue::old_ids(cat, &ids)) e.old_ids.push_back({old_id, 1, 1});
  catalogue::each_link(
      cat,
      [&e](catalogue::LinkRow& l) {
        e.links.push_back({std::move(l.to), l.line, 1});
      },
      &ids);
  return e;
}

// The corpus rules (ids, former ids, links) for one sheet: the sheet, and the published sheets
// it could clash with or link to; diagnostics of the sheet's own file only.
Diagnostics corpus_diagnostics(Catalog* cat, const Document& doc) {
  std::vector<CorpusEntry> entries{corpus_entry(doc)};
  const CorpusEntry& self = entries.front();
  if (cat) {
    std::set<std::string> ids;  // published sheets involved
    std::vector<std::string> names{self.id.id};
    for (const auto& o : self.old_ids) names.push_back(o.id);
    for (const auto& n : names) {
      if (catalogue::has_sheet(*cat, n)) ids.insert(n);
      if (std::string now = catalogue::renamed_to(*cat, n); !now.empty()) ids.insert(std::move(now));
    }
    for (const auto& l : self.links) ids.insert(l.id);
    for (auto& l : catalogue::links_to(*cat, self.id.id)) ids.insert(std::move(l.from));
    ids.erase(self.id.id);  // the published version of this very sheet is replaced
    for (const auto& id : ids)
      if (catalogue::has_sheet(*cat, id))
        entries.push_back(entry_from_catalogue(*cat, id, catalogue::sheet_file(*cat, id)));
  }
  Diagnostics all, mine;
  validate_corpus(entries, all);
  for (auto& d : all)
    if (d.path == doc.path) mine.push_back(std::move(d));
  return mine;
}

// The published courses a step of which cites `sheet_id`: « title » (/parcours/<id>/), by id.
std::vector<std::string> courses_citing(Catalog& cat, const std::string& sheet_id) {
  std::vector<std::string> out;
  for (const auto& c : catalogue::courses(cat))
    for (const auto& step : site::json_objects(site::parse_object(c.front_json), "etapes"))
      if (const std::string cited = step->optValue<std::string>("fiche", "");
          cited == sheet_id || catalogue::renamed_to(cat, cited) == sheet_id) {
        out.push_back("« " + c.title + " » (/parcours/" + c.id + "/)");
        break;
      }
  return out;
}

// The id a new contribution will have, under which its text is checked: the one the text gives
// (under a placeholder, that id was said to differ from the file's name, an error nobody could
// fix), else a placeholder, which creating it replaces by an id made from the title.
std::string draft_id(const std::string& markdown, Kind kind) {
  Diagnostics ignored;
  const Document doc = parse_document("contribution.md", markdown, ignored);
  const std::string typed = doc.readable ? scalar_or_empty(child(doc.front, "id")) : "";
  return kebab_case(typed) ? typed : "nouvelle-" + std::string(kind_slug(kind));
}

void set_if_empty(YAML::Node map, const char* key, const std::string& value) {
  const YAML::Node v = child(map, key);
  if (!v.IsScalar() || v.Scalar().empty()) map[key] = value;
}

// Whether `status` is one under which a sheet is published (statuts_curation: `publie: true`, as
// publiee and a-documenter are).
bool published_status(const Grid& grid, const std::string& status) {
  const Vocabulary* statuses = grid.vocabulary("statuts_curation");
  const VocabEntry* entry = statuses ? statuses->find(status) : nullptr;
  return entry && entry->published;
}

// What publication writes in a document's front matter (its curation, or a course's dates), in place.
void stamp_front(YAML::Node front, const CurationStamp& stamp, Kind kind, const Grid& grid) {
  const std::string& grid_version = grid.version;
  const std::string published = stamp.first_published.empty() ? stamp.today : stamp.first_published;
  if (kind == Kind::Parcours) {
    front["date_publication"] = published;
    front["date_derniere_revue"] = stamp.today;
    return;
  }
  if (!child(front, "curation").IsMap()) front["curation"] = YAML::Node(YAML::NodeType::Map);
  YAML::Node curation = front["curation"];
  // A published status the text carries is kept (« a-documenter »: the page says so, the search ranks
  // it after the documented sheets); any other (brouillon, a-reviser…) becomes publiee.
  const std::string status = scalar_or_empty(child(curation, "statut"));
  curation["statut"] = stamp.archive ? "archivee" : published_status(grid, status) ? status : "publiee";
  curation["date_publication"] = published;
  set_if_empty(curation, "date_collecte", stamp.collected.empty() ? stamp.today : stamp.collected);
  if (!stamp.archive) {
    curation["date_derniere_revue"] = stamp.today;
    // An action still running is reviewed again (grille.yaml: 12 months by default); so is a sheet
    // whose review was due: publishing it is that review (it stayed in « Revues à faire »).
    const YAML::Node running = child(child(front, "periode"), "en_cours");
    const std::string next = scalar_or_empty(child(curation, "prochaine_revue"));
    const bool due = !next.empty() && next <= stamp.today;
    if (due || (running.IsScalar() && running.Scalar() == "true" && next.empty()))
      curation["prochaine_revue"] = add_months(stamp.today, 12);
  }
  curation["curateur"] = stamp.curator;
  curation["version_grille"] = grid_version;
  if (stamp.archive && !stamp.replaced_by.empty())
    curation["remplacee_par"] = stamp.replaced_by;
  else
    curation.remove("remplacee_par");
}

}  // namespace

Document parse_contribution(const std::string& markdown, const std::string& sheet_id, Diagnostics& out, Kind kind) {
  Document doc = parse_document(std::string(kind_folder(kind)) + "/" + sheet_id + ".md", markdown, out);
  if (doc.readable && scalar_or_empty(child(doc.front, "id")).empty()) doc.front["id"] = sheet_id;
  return doc;
}

Publisher::Publisher(CurrentGrid& grid, Paths paths) : grid_(grid), paths_(std::move(paths)), reindexer_(paths_) {
  if (!paths_.site.empty()) {
    site::BuildOptions o;
    o.index = paths_.index;
    o.out = paths_.site;
    o.base_url = paths_.base_url;
    o.pages = paths_.pages;
    site_ = std::make_unique<SiteRefresher>(o);
  }
}

Publisher::~Publisher() = default;

Diagnostics Publisher::check(const std::string& markdown, const std::string& sheet_id, Kind kind,
                             std::vector<NearSheet>* near) const {
  Diagnostics out;
  Document doc = parse_contribution(markdown, sheet_id.empty() ? draft_id(markdown, kind) : sheet_id, out, kind);
  if (!doc.readable) return out;
  const auto grid = grid_.get();
  // Checked as it would be published (publication_text): what publication fills in (the curation,
  // a course's dates) is not the contributor's to write, and the corpus rules (links, former ids)
  // are those `pratiques check` and publication apply. The stamp's values only need to be valid.
  CurationStamp provisional;
  provisional.today = iso_date(std::time(nullptr));
  provisional.curator = "documentaliste";
  stamp_front(doc.front, provisional, kind, *grid);
  validate_alone(*grid, doc, kind, out);
  if (kind == Kind::Fiche) {
    const auto cat = open_catalogue(paths_);
    for (auto& d : corpus_diagnostics(cat.get(), doc)) out.push_back(std::move(d));
    std::vector<NearSheet> found = near_sheets(cat.get(), doc, sheet_id);
    for (const auto& n : found) out.push_back(near_duplicate_warning(doc.path, n.id, n.similarity));
    if (near) *near = std::move(found);
  }
  return out;
}

std::vector<NearSheet> Publisher::near_duplicates(const std::string& markdown, const std::string& sheet_id,
                                                  Kind kind) const {
  if (kind != Kind::Fiche) return {};
  Diagnostics ignored;
  const Document doc = parse_contribution(markdown, sheet_id, ignored, kind);
  return doc.readable ? near_sheets(open_catalogue(paths_).get(), doc, sheet_id) : std::vector<NearSheet>{};
}

std::vector<NearSheet> Publisher::near_sheets(Catalog* cat, const Document& doc, const std::string& sheet_id) {
  if (!cat || !cat->has_table("sheet_fingerprints")) return {};
  std::vector<NearSheet> out;
  for (const auto& n : find_near_duplicates(*cat, extract_text(doc), sheet_id)) {
    const auto row = catalogue::sheet(*cat, n.id);
    out.push_back(
        {n.id, row && !row->title.empty() ? row->title : n.id, n.similarity, similarity_percent(n.similarity)});
  }
  return out;
}

void Publisher::validate_alone(const Grid& grid, const Document& doc, Kind kind, Diagnostics& out) const {
  if (kind == Kind::Fiche) {
    validate_sheet(grid, doc, out);
  } else {
    const auto cat = open_catalogue(paths_);
    validate_course(grid, doc, cat ? course_context(*cat, doc) : std::vector<SheetOutline>{}, out);
  }
  if (const std::string whose = other_kind_owner(document_id(doc), kind); !whose.empty())
    out.push_back(id_of_other_kind(doc, whose));
}

std::string Publisher::course_text(const std::string& markdown, const std::string& id,
                                   const CurationStamp& stamp) const {
  Diagnostics diags;
  Document doc = parse_contribution(markdown, id, diags, Kind::Parcours);
  if (!doc.readable)
    throw Refusal(Refused::Invalid, "Le parcours n'a pas d'en-tête YAML lisible : il ne peut pas être publié.", diags);
  doc.front["id"] = id;
  const auto grid = grid_.get();
  stamp_front(doc.front, stamp, Kind::Parcours, *grid);
  const std::string text = canonical_markdown(*grid, doc, Kind::Parcours);
  Diagnostics found;
  validate_alone(*grid, parse_contribution(text, id, found, Kind::Parcours), Kind::Parcours, found);
  if (count_errors(found) > 0)
    throw Refusal(Refused::Invalid,
                  "Le parcours a des erreurs : il ne peut pas être publié tant qu'elles ne sont pas corrigées.", found);
  return text;
}

std::string Publisher::publication_text(const std::string& markdown, const std::string& sheet_id,
                                        const CurationStamp& stamp, Kind kind) const {
  if (kind == Kind::Parcours) return course_text(markdown, sheet_id, stamp);
  const auto cat = open_catalogue(paths_);
  // Archived, the sheet leaves the site: the published courses that cite it would lose a step
  // (rule fiche-archivee). They are changed first; no override, which would publish them broken.
  if (const auto courses = cat && stamp.archive ? courses_citing(*cat, sheet_id) : std::vector<std::string>{};
      !courses.empty()) {
    std::string names;
    for (const auto& c : courses) names += (names.empty() ? "" : ", ") + c;
    throw Refusal(Refused::Conflict,
                  "La fiche ne peut pas être archivée : " +
                      std::string(courses.size() > 1 ? "les parcours publiés " : "le parcours publié ") + names +
                      (courses.size() > 1 ? " la citent" : " la cite") +
                      " dans une étape. Remplacez-la dans ces étapes (par la fiche qui la remplace, le cas échéant) "
                      "ou retirez-les, publiez ces parcours, puis archivez la fiche.");
  }
  // The replacement is the request's, not the sheet's: a wrong one was reported as « La fiche a des
  // erreurs », and the sheet itself as « n'est pas une fiche publiée ».
  if (stamp.archive && stamp.replaced_by == sheet_id)
    throw Refusal(Refused::BadInput,
                  "Une fiche ne peut pas se remplacer elle-même : « remplacee_par » doit nommer une "
                  "autre fiche, en ligne.");
  if (stamp.archive && !stamp.replaced_by.empty() && !published(stamp.replaced_by))
    throw Refusal(Refused::BadInput, "« remplacee_par » : « " + stamp.replaced_by.substr(0, 120) +
                                         " » n'est pas une fiche publiée ; une fiche archivée ne peut être remplacée "
                                         "que par une fiche en ligne.");
  Diagnostics diags;
  Document doc = parse_contribution(markdown, sheet_id, diags);
  if (!doc.readable)
    throw Refusal(Refused::Invalid, "La fiche n'a pas d'en-tête YAML lisible : elle ne peut pas être publiée.", diags);
  doc.front["id"] = sheet_id;
  const auto grid = grid_.get();
  stamp_front(doc.front, stamp, Kind::Fiche, *grid);
  const std::string text = canonical_markdown(*grid, doc);

  Diagnostics found;
  const Document written = parse_contribution(text, sheet_id, found);
  validate_alone(*grid, written, Kind::Fiche, found);
  for (auto& d : corpus_diagnostics(cat.get(), written)) found.push_back(std::move(d));
  if (count_errors(found) > 0)
    throw Refusal(Refused::Invalid,
                  std::string("La fiche a des erreurs : elle ne peut pas être ") +
                      (stamp.archive ? "archivée" : "publiée") + " tant qu'elles ne sont pas corrigées.",
                  found);
  return text;
}

std::string Publisher::file_of(const std::string& sheet_id, Kind kind) const {
  if (kind == Kind::Parcours) return (fs::path(paths_.content) / "parcours" / (sheet_id + ".md")).string();
  // A sheet already in content/ keeps its file, wherever it is under fiches/.
  if (const auto cat = open_catalogue(paths_)) {
    if (const std::string path = catalogue::sheet_file(*cat, sheet_id); !path.empty() && fs::exists(path)) return path;
  }
  return (fs::path(paths_.content) / "fiches" / (sheet_id + ".md")).string();
}

std::optional<std::string> Publisher::published_file(const std::string& sheet_id, Kind kind) const {
  std::string bytes;
  const std::string path = file_of(sheet_id, kind);
  if (!fs::exists(path) || !read_file(path, bytes)) return std::nullopt;
  return bytes;
}

std::map<std::string, std::string> Publisher::next_reviews(const std::vector<std::string>& sheet_ids) const {
  const auto cat = open_catalogue(paths_);
  return cat ? catalogue::next_reviews(*cat, sheet_ids) : std::map<std::string, std::string>{};
}

std::vector<std::array<std::string, 3>> Publisher::reviews_due(const std::string& horizon) const {
  std::vector<std::array<std::string, 3>> out;
  if (const auto cat = open_catalogue(paths_))
    for (auto& r : catalogue::reviews_due(*cat, horizon))
      out.push_back({std::move(r.id), std::move(r.title), std::move(r.date)});
  return out;
}

std::string Publisher::published_date(const std::string& sheet_id, Kind kind) const {
  const std::optional<std::string> file = published_file(sheet_id, kind);
  if (!file) return "";
  Diagnostics ignored;
  const Document doc = parse_document(file_of(sheet_id, kind), *file, ignored);
  if (!doc.readable) return "";
  return scalar_or_empty(kind == Kind::Parcours ? child(doc.front, "date_publication")
                                                : child(child(doc.front, "curation"), "date_publication"));
}

std::string Publisher::digest(const std::optional<std::string>& file) {
  if (!file) return "";
  Poco::SHA2Engine sha;
  sha.update(*file);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string Publisher::write(const std::string& sheet_id, const std::string& text, const GitAuthor& author,
                             const std::string& message, PublicationReport& report, Kind kind) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string path = file_of(sheet_id, kind);
  write_atomically(path, text);
  commit(path, author, message, report);
  report.write_ms = Ms(std::chrono::steady_clock::now() - t0).count();
  return path;
}

std::string Publisher::remove(const std::string& id, const GitAuthor& author, const std::string& message,
                              PublicationReport& report, Kind kind) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string path = file_of(id, kind);
  std::error_code ec;
  fs::remove(path, ec);
  fsync_dir(fs::path(path).parent_path());
  commit(path, author, message, report);
  report.write_ms = Ms(std::chrono::steady_clock::now() - t0).count();
  return path;
}

void Publisher::commit(const std::string& path, const GitAuthor& author, const std::string& message,
                       PublicationReport& report) {
  // Both resolved: the catalogue may name the file from another working directory than content/'s.
  std::error_code ec;
  const fs::path relative = fs::weakly_canonical(path, ec).lexically_relative(fs::weakly_canonical(paths_.content, ec));
  report.path =
      relative.empty() || *relative.begin() == ".." ? fs::path(path).filename().string() : relative.generic_string();
  try {
    report.commit = commit_file(path, author, message);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("commit Git non fait : ") + e.what());
  }
}

void Publisher::propagate(const std::vector<std::string>& files, const std::vector<std::string>& sheet_ids,
                          PublicationReport& report, Kind kind) {
  auto t0 = std::chrono::steady_clock::now();
  site::BrowseValues before;
  try {
    if (kind == Kind::Fiche) before = site::browse_values(paths_.index, sheet_ids);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("valeurs précédentes des fiches illisibles : ") + e.what());
  }
  // The site's marker first: whatever happens from here on, the site catches up (site_refresh.h).
  // Its time (an fsync, when the site was not already behind) counts with the site's.
  double marker_ms = 0;
  if (site_) {
    const auto m0 = std::chrono::steady_clock::now();
    try {
      site_->begin();
    } catch (const std::exception& e) {
      report.warnings.push_back(std::string("marqueur de reprise du site non écrit : ") + e.what());
    }
    marker_ms = Ms(std::chrono::steady_clock::now() - m0).count();
  }
  ReindexResult r;
  try {
    r = reindexer_.reindex(files);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("réindexation impossible : ") + e.what());
    if (site_) site_->schedule();  // the site follows the index, whichever state it is in
    return;
  }
  for (const auto& f : files)
    if (std::find(r.rejected.begin(), r.rejected.end(), f) != r.rejected.end())
      report.warnings.push_back("l'index n'a pas pris " + f + " (erreurs) : la version précédente reste en ligne");
  report.index_ms = Ms(std::chrono::steady_clock::now() - t0).count() - marker_ms;
  if (!site_) return;
  if (!r.published) {  // nothing changed: the full rebuild takes the marker away
    site_->schedule();
    return;
  }
  t0 = std::chrono::steady_clock::now();
  try {
    auto pages = kind == Kind::Parcours ? site_->refresh_courses(sheet_ids) : site_->refresh(sheet_ids, before);
    report.pages = std::move(pages.written);
    report.deleted = std::move(pages.deleted);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("pages du site non reconstruites : ") + e.what());
    site_->schedule();  // the full rebuild writes them
  }
  report.site_ms = Ms(std::chrono::steady_clock::now() - t0).count() + marker_ms;
}

bool Publisher::published(const std::string& sheet_id, Kind kind) const {
  const auto cat = open_catalogue(paths_);
  if (!cat) return false;
  if (kind == Kind::Parcours) {
    for (const auto& c : catalogue::courses(*cat))
      if (c.id == sheet_id) return true;
    return false;
  }
  return catalogue::has_sheet(*cat, sheet_id) || !catalogue::renamed_to(*cat, sheet_id).empty();
}

std::string Publisher::other_kind_owner(const std::string& id, Kind kind) const {
  const auto cat = open_catalogue(paths_);
  if (!cat || id.empty()) return "";
  if (kind == Kind::Fiche) {
    for (const auto& c : catalogue::courses(*cat))
      if (c.id == id) return "du parcours publié /parcours/" + id + "/";
    return "";
  }
  if (catalogue::has_sheet(*cat, id)) return "de la fiche publiée /fiches/" + id + "/";
  if (const std::string now = catalogue::renamed_to(*cat, id); !now.empty())
    return "d'un ancien identifiant de la fiche publiée /fiches/" + now + "/";
  return "";
}

void Publisher::clean_leftovers() const {
  for (const char* folder : {"fiches", "parcours"}) {
    const fs::path dir = fs::path(paths_.content) / folder;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(".") && name.ends_with(".md.tmp")) fs::remove(it->path(), ec);
    }
  }
}

}  // namespace pratiques::write
