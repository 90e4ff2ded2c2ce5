#include "catalogue_rows.h"

#include "pratiques/catalogue.h"
#include "pratiques/grid_json.h"
#include "pratiques/near_duplicate_warnings.h"
#include "pratiques/near_duplicates.h"
#include "pratiques/sheet_document.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/text.h"
#include "pratiques/yaml_json.h"

namespace pratiques {

namespace {

void save_vocabularies(Catalog& cat, const Grid& grid) {
  cat.exec("DELETE FROM vocabularies; DELETE FROM vocabulary_schemes; DELETE FROM vocabulary_details");
  auto ins = cat.prepare("INSERT INTO vocabularies(vocab, slug, label, parent, ord) VALUES(?, ?, ?, ?, ?)");
  auto scheme = cat.prepare("INSERT INTO vocabulary_schemes(vocab, label, hierarchical) VALUES(?, ?, ?)");
  auto details =
      cat.prepare("INSERT INTO vocabulary_details(vocab, slug, definition, alt_labels, matches) VALUES(?, ?, ?, ?, ?)");
  for (const auto& [id, v] : grid.vocabularies) {
    scheme.bind(1, id).bind(2, v.label).bind(3, v.hierarchical ? 1LL : 0LL).run();
    long long ord = 0;
    for (const auto& e : v.entries) {
      ins.bind(1, id).bind(2, e.slug).bind(3, e.label).bind(4, e.parent).bind(5, ord++).run();
      std::string alt, matches;
      for (const auto& s : e.synonyms) alt += s + "\n";
      for (const auto& [kind, uri] : e.matches) matches += kind + " " + uri + "\n";
      details.bind(1, id).bind(2, e.slug).bind(3, e.definition).bind(4, alt).bind(5, matches).run();
    }
  }
  for (const auto& [code, name] : grid.territories.regions)
    ins.bind(1, std::string("regions")).bind(2, code).bind(3, name).bind(4, std::string()).bind(5, 0LL).run();
  for (const auto& [code, dep] : grid.territories.departements)
    ins.bind(1, std::string("departements")).bind(2, code).bind(3, dep.name).bind(4, dep.region).bind(5, 0LL).run();
}

}  // namespace

RecordedFile recorded_row(const Statement& s) {
  return {kind_from_name(s.text(0)).value_or(FileKind::Sheet), s.integer(1), s.integer(2), s.text(3), s.text(4)};
}

void save_schemas(Catalog& cat, const IndexContext& context, const std::string& content_dir) {
  const Grid& grid = context.grid;
  save_vocabularies(cat, grid);
  context.facets.save(cat);
  context.synonyms.save(cat);
  std::string prefixes;
  for (const auto& [name, path] : grid.search.prefixes) prefixes += name + "\t" + field_prefix(name) + "\n";
  for (const auto& s : grid.sheet.sections)
    if (!s.prefix.empty()) prefixes += s.prefix + "\t" + section_prefix(s.prefix) + "\n";
  cat.set_meta("prefixes", prefixes);
  std::string aliases;
  for (const auto& [alias, name] : grid.search.prefix_aliases) aliases += alias + "\t" + name + "\n";
  cat.set_meta("prefixes_aussi", aliases);
  std::string abbreviations;  // the search seeks what they stand for (query.cpp)
  for (const auto& [typed, sought] : grid.abbreviations) abbreviations += typed + "\t" + sought + "\n";
  cat.set_meta("abreviations", abbreviations);
  std::string stopwords;
  for (const auto& w : grid.search.stopwords) stopwords += w + "\n";
  cat.set_meta("mots_vides", stopwords);
  std::string former_regions;  // the search seeks their départements (search.cpp)
  for (const auto& [name, codes] : grid.territories.former_regions)
    former_regions += name + "\t" + text::join(codes) + "\n";
  cat.set_meta("anciennes_regions", former_regions);
  std::string departement_regions;  // the search offers a département's région (offers.cpp)
  for (const auto& [code, d] : grid.territories.departements) departement_regions += code + "\t" + d.region + "\n";
  cat.set_meta("regions_des_departements", departement_regions);
  cat.set_meta("grid_fingerprint", grid.fingerprint);
  cat.set_meta("grid_version", grid.version);
  cat.set_meta("grid_json", grid_to_json(grid));  // for the site's grid page (pratiques build)
  cat.set_meta(kForeignTermsKey, ForeignTerms(grid.foreign_terms).serialize());  // marked on the pages
  cat.set_meta("index_format", catalogue::kIndexFormat);
  cat.set_meta("content_dir", content_dir);
}

std::optional<RecordedFile> recorded_file(Catalog& cat, const std::string& key) {
  auto s = cat.prepare("SELECT kind, size, mtime, hash, doc_id FROM files WHERE path = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return recorded_row(s);
}

std::optional<ArchivedSheet> archived_sheet(const IndexContext& context, const PreparedFile& sheet) {
  const Document& d = sheet.doc;
  const YAML::Node curation = child(d.front, "curation");
  if (scalar_or_empty(child(curation, "statut")) != kArchived) return std::nullopt;
  return ArchivedSheet{d.id, sheet.file.hash, scalar_or_empty(child(d.front, "titre")),
                       scalar_or_empty(child(curation, "remplacee_par")),
                       sheet_facet_values(context.facets, d.front, context.grid.territories)};
}

CatalogueWriter::CatalogueWriter(Catalog& cat, const IndexContext& context)
    : cat_(cat),
      context_(context),
      sheet_(cat.handle(),
             "INSERT INTO sheets(id, path, hash, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, "
             "front_json, preamble) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      text_(cat.handle(), "INSERT INTO sheet_text(sheet_id, body) VALUES(?, ?)"),
      value_(cat.handle(), "INSERT OR IGNORE INTO sheet_values(sheet_id, facet, value) VALUES(?, ?, ?)"),
      section_(cat.handle(),
               "INSERT OR IGNORE INTO sections(sheet_id, key, ord, title, anchor, markdown, undocumented) VALUES(?, ?, "
               "?, ?, ?, ?, ?)"),
      link_(cat.handle(), "INSERT OR IGNORE INTO links(from_id, to_id, relation, line) VALUES(?, ?, ?, ?)"),
      old_id_(cat.handle(), "INSERT OR IGNORE INTO old_ids(old_id, sheet_id) VALUES(?, ?)"),
      delete_sheet_(cat.handle(), "DELETE FROM sheets WHERE id = ?"),
      delete_values_(cat.handle(), "DELETE FROM sheet_values WHERE sheet_id = ?"),
      delete_sections_(cat.handle(), "DELETE FROM sections WHERE sheet_id = ?"),
      delete_links_(cat.handle(), "DELETE FROM links WHERE from_id = ?"),
      delete_old_ids_(cat.handle(), "DELETE FROM old_ids WHERE sheet_id = ?"),
      delete_text_(cat.handle(), "DELETE FROM sheet_text WHERE sheet_id = ?"),
      course_(cat.handle(), "INSERT INTO courses(id, path, hash, titre, front_json, body) VALUES(?, ?, ?, ?, ?, ?)"),
      course_section_(cat.handle(),
                      "INSERT OR REPLACE INTO course_sections(course_id, key, ord, title, anchor, markdown) VALUES(?, "
                      "?, ?, ?, ?, ?)"),
      page_(cat.handle(), "INSERT INTO pages(id, path, hash, titre, front_json, body) VALUES(?, ?, ?, ?, ?, ?)"),
      delete_course_(cat.handle(), "DELETE FROM courses WHERE id = ?"),
      delete_course_sections_(cat.handle(), "DELETE FROM course_sections WHERE course_id = ?"),
      delete_page_(cat.handle(), "DELETE FROM pages WHERE id = ?"),
      record_(cat.handle(),
              "INSERT OR REPLACE INTO files(path, kind, size, mtime, hash, doc_id) VALUES(?, ?, ?, ?, ?, ?)"),
      forget_(cat.handle(), "DELETE FROM files WHERE path = ?") {}

Diagnostics CatalogueWriter::insert_sheet(const PreparedFile& sheet) {
  const Document& d = sheet.doc;
  const YAML::Node& fm = d.front;
  auto first = [&](const std::string& path) {
    auto v = field_values(fm, path);
    return v.empty() ? std::string() : v[0];
  };
  sheet_.bind(1, d.id)
      .bind(2, sheet.file.key)
      .bind(3, sheet.file.hash)
      .bind(4, first("titre"))
      .bind(5, first("en_bref"))
      .bind(6, first("type_fiche"))
      .bind(7, first("periode.debut"))
      .bind(8, first("curation.date_publication"))
      .bind(9, first("curation.date_derniere_revue"))
      .bind(10, yaml_to_json(fm))
      .bind(11, d.preamble)
      .run();
  text_.bind(1, d.id).bind(2, sheet.text).run();
  for (const auto& [facet, value] : sheet_facet_values(context_.facets, fm, context_.grid.territories))
    value_.bind(1, d.id).bind(2, facet).bind(3, value).run();
  for (const auto& s : d.sections) {
    const SectionSpec* spec = context_.grid.sheet.section_by_title(s.title);
    if (!spec) continue;
    section_.bind(1, d.id)
        .bind(2, spec->key)
        .bind(3, static_cast<long long>(spec->number))
        .bind(4, spec->title)
        .bind(5, spec->anchor)
        .bind(6, s.markdown)
        .bind(7, s.undocumented ? 1LL : 0LL)
        .run();
  }
  if (const YAML::Node linked = child(fm, "fiches_liees"); linked.IsSequence())
    for (const auto& l : linked)
      if (l.IsMap() && child(l, "id").IsScalar())
        link_.bind(1, d.id)
            .bind(2, child(l, "id").Scalar())
            .bind(3, scalar_or_empty(child(l, "relation")))
            .bind(4, static_cast<long long>(line_of(d, child(l, "id"))))
            .run();
  for (const auto& o : field_values(fm, "anciens_ids")) old_id_.bind(1, o).bind(2, d.id).run();
  Diagnostics near;
  for (const auto& n : find_near_duplicates(cat_, sheet.text, sheet.print, d.id))
    near.push_back(near_duplicate_warning(d.path, n.id, n.similarity));
  save_fingerprint(cat_, d.id, sheet.print);
  return near;
}

void CatalogueWriter::delete_sheet(const std::string& id) {
  for (Statement* s :
       {&delete_sheet_, &delete_values_, &delete_sections_, &delete_links_, &delete_old_ids_, &delete_text_})
    s->bind(1, id).run();
  remove_fingerprint(cat_, id);
}

void CatalogueWriter::insert_text_document(const PreparedFile& file) {
  const Document& d = file.doc;
  const std::string titre = scalar_or_empty(child(d.front, "titre"));
  delete_text_document(file.file.kind, d.id);
  if (file.file.kind == FileKind::Course) {
    course_.bind(1, d.id)
        .bind(2, file.file.key)
        .bind(3, file.file.hash)
        .bind(4, titre)
        .bind(5, yaml_to_json(d.front))
        .bind(6, d.preamble)
        .run();
    long long ord = 0;
    for (const auto& s : d.sections) {
      const SectionSpec* spec = context_.grid.course.section_by_title(s.title);
      course_section_.bind(1, d.id)
          .bind(2, spec ? spec->key : text::slugify(s.title))
          .bind(3, ord++)
          .bind(4, s.title)
          .bind(5, spec ? spec->anchor : text::slugify(s.title))
          .bind(6, s.markdown)
          .run();
    }
  } else {
    std::string body = d.preamble;
    for (const auto& s : d.sections) body += "## " + s.title + "\n" + s.markdown;
    page_.bind(1, d.id)
        .bind(2, file.file.key)
        .bind(3, file.file.hash)
        .bind(4, titre)
        .bind(5, yaml_to_json(d.front))
        .bind(6, body)
        .run();
  }
}

void CatalogueWriter::delete_text_document(FileKind kind, const std::string& id) {
  if (kind == FileKind::Course) {
    delete_course_.bind(1, id).run();
    delete_course_sections_.bind(1, id).run();
  } else {
    delete_page_.bind(1, id).run();
  }
}

void CatalogueWriter::record_file(const ContentFile& file, const std::string& doc_id) {
  record_.bind(1, file.key)
      .bind(2, std::string(kind_name(file.kind)))
      .bind(3, file.size)
      .bind(4, file.mtime)
      .bind(5, file.hash)
      .bind(6, doc_id)
      .run();
}

void CatalogueWriter::forget_file(const std::string& key) { forget_.bind(1, key).run(); }

}  // namespace pratiques
