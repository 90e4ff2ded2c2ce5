#include "pratiques/index_writer.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pratiques/catalog.h"
#include "pratiques/generations.h"
#include "pratiques/grid_json.h"
#include "pratiques/index_layout.h"
#include "pratiques/near_duplicate_warnings.h"
#include "pratiques/near_duplicates.h"
#include "pratiques/sheet_document.h"
#include "pratiques/sheet_facets.h"
#include "pratiques/sheet_history.h"
#include "pratiques/synonyms.h"
#include "pratiques/text.h"
#include "pratiques/validate.h"
#include "pratiques/yaml_json.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

// Documents per Xapian flush during a build (measured: bench/, docs/performance.md).
constexpr std::size_t kFlushEvery = 200;
// Bump when the layout of Xapian documents changes: forces a full rebuild.
// 2: acronyms matched unstemmed; 3: body text after the JSON data; 4: body text in the catalogue;
// 5: acronyms written with a capital indexed without stem; 6: what a sheet is about (XSUJET, XSY),
// its curation status (XSTATUT), vocabulary synonyms without their narrower terms; 7: diplomas and
// competence domains (liens_formation) searchable; 8: every sheet has its near-duplicate
// fingerprint in the catalogue (a base without them would leave unchanged sheets unfingerprinted)
constexpr const char* kIndexFormat = "8";

struct FileState {
  long long size = 0, mtime = 0;
  std::string hash, doc_id, kind;
};

struct ScannedFile {
  std::string path, kind;  // "fiche", "parcours", "page"
  FileState state;
  bool changed = true;
  std::string bytes;
};

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine sha;
  sha.update(bytes);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::vector<ScannedFile> scan(const std::string& content, Diagnostics& refused) {
  std::vector<ScannedFile> out;
  for (const auto& [sub, kind] : {std::pair{"fiches", "fiche"}, {"parcours", "parcours"}, {"pages", "page"}}) {
    // Normalised once: the entries below it are then normal too (paths are catalogue keys).
    const fs::path dir = (fs::path(content) / sub).lexically_normal();
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (refused_link(e.path().string(), refused)) continue;
      if (e.is_symlink() || !e.is_regular_file() || e.path().extension() != ".md" || e.path().filename() == "README.md") continue;
      ScannedFile f;
      f.path = e.path().string();
      f.kind = kind;
      struct stat st {};
      if (::stat(f.path.c_str(), &st) == 0) {
        f.state.size = st.st_size;
        f.state.mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
      }
      out.push_back(std::move(f));
    }
  }
  std::sort(out.begin(), out.end(), [](const ScannedFile& a, const ScannedFile& b) { return a.path < b.path; });
  return out;
}

// Stops past what a content file may hold (parse_document then refuses it): never a whole huge file.
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  char block[1 << 16];
  while (bytes.size() <= kMaxFileBytes && in.read(block, sizeof block).gcount() > 0)
    bytes.append(block, static_cast<std::size_t>(in.gcount()));
  return bytes;
}

void save_vocabularies(Catalog& cat, const Grid& grid) {
  cat.exec("DELETE FROM vocabularies; DELETE FROM vocabulary_schemes; DELETE FROM vocabulary_details");
  auto ins = cat.prepare("INSERT INTO vocabularies(vocab, slug, label, parent, ord) VALUES(?, ?, ?, ?, ?)");
  auto scheme = cat.prepare("INSERT INTO vocabulary_schemes(vocab, label, hierarchical) VALUES(?, ?, ?)");
  auto details = cat.prepare("INSERT INTO vocabulary_details(vocab, slug, definition, alt_labels, matches) VALUES(?, ?, ?, ?, ?)");
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

void delete_sheet_rows(Catalog& cat, const std::string& id) {
  for (const char* sql : {"DELETE FROM sheets WHERE id = ?", "DELETE FROM sheet_values WHERE sheet_id = ?",
                          "DELETE FROM sections WHERE sheet_id = ?", "DELETE FROM links WHERE from_id = ?",
                          "DELETE FROM old_ids WHERE sheet_id = ?", "DELETE FROM sheet_text WHERE sheet_id = ?"})
    cat.prepare(sql).bind(1, id).run();
  remove_fingerprint(cat, id);
}

void insert_sheet_rows(Catalog& cat, const Grid& grid, const FacetSpace& facets, const Document& d, const std::string& hash) {
  const YAML::Node& fm = d.front;
  auto first = [&](const std::string& path) {
    auto v = field_values(fm, path);
    return v.empty() ? std::string() : v[0];
  };
  cat.prepare("INSERT INTO sheets(id, path, hash, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, front_json, preamble) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, d.id).bind(2, d.path).bind(3, hash).bind(4, first("titre")).bind(5, first("en_bref"))
      .bind(6, first("type_fiche")).bind(7, first("periode.debut")).bind(8, first("curation.date_publication"))
      .bind(9, first("curation.date_derniere_revue")).bind(10, yaml_to_json(fm)).bind(11, d.preamble)
      .run();
  cat.prepare("INSERT INTO sheet_text(sheet_id, body) VALUES(?, ?)").bind(1, d.id).bind(2, extract_text(d)).run();
  auto val = cat.prepare("INSERT OR IGNORE INTO sheet_values(sheet_id, facet, value) VALUES(?, ?, ?)");
  for (const auto& [facet, value] : sheet_facet_values(facets, fm)) val.bind(1, d.id).bind(2, facet).bind(3, value).run();
  auto sec = cat.prepare("INSERT OR IGNORE INTO sections(sheet_id, key, ord, title, anchor, markdown, undocumented) VALUES(?, ?, ?, ?, ?, ?, ?)");
  for (const auto& s : d.sections) {
    const SectionSpec* spec = grid.sheet.section_by_title(s.title);
    if (!spec) continue;
    sec.bind(1, d.id).bind(2, spec->key).bind(3, static_cast<long long>(spec->number)).bind(4, spec->title)
        .bind(5, spec->anchor).bind(6, s.markdown).bind(7, s.undocumented ? 1LL : 0LL).run();
  }
  auto link = cat.prepare("INSERT OR IGNORE INTO links(from_id, to_id, relation, line) VALUES(?, ?, ?, ?)");
  if (const YAML::Node linked = child(fm, "fiches_liees"); linked.IsSequence())
    for (const auto& l : linked)
      if (l.IsMap() && child(l, "id").IsScalar())
        link.bind(1, d.id).bind(2, child(l, "id").Scalar()).bind(3, scalar_or_empty(child(l, "relation")))
            .bind(4, static_cast<long long>(line_of(d, child(l, "id")))).run();
  auto old = cat.prepare("INSERT OR IGNORE INTO old_ids(old_id, sheet_id) VALUES(?, ?)");
  for (const auto& o : field_values(fm, "anciens_ids")) old.bind(1, o).bind(2, d.id).run();
}

void insert_text_document(Catalog& cat, const Grid& grid, const Document& d, const std::string& kind, const std::string& hash) {
  const std::string titre = scalar_or_empty(child(d.front, "titre"));
  if (kind == "parcours") {
    cat.prepare("INSERT OR REPLACE INTO courses(id, path, hash, titre, front_json, body) VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, d.id).bind(2, d.path).bind(3, hash).bind(4, titre).bind(5, yaml_to_json(d.front)).bind(6, d.preamble)
        .run();
    auto sec = cat.prepare("INSERT OR REPLACE INTO course_sections(course_id, key, ord, title, anchor, markdown) VALUES(?, ?, ?, ?, ?, ?)");
    long long ord = 0;
    for (const auto& s : d.sections) {
      const SectionSpec* spec = grid.course.section_by_title(s.title);
      sec.bind(1, d.id).bind(2, spec ? spec->key : text::slugify(s.title)).bind(3, ord++).bind(4, s.title)
          .bind(5, spec ? spec->anchor : text::slugify(s.title)).bind(6, s.markdown).run();
    }
  } else {
    std::string body = d.preamble;
    for (const auto& s : d.sections) body += "## " + s.title + "\n" + s.markdown;
    cat.prepare("INSERT OR REPLACE INTO pages(id, path, hash, titre, front_json, body) VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, d.id).bind(2, d.path).bind(3, hash).bind(4, titre).bind(5, yaml_to_json(d.front)).bind(6, body).run();
  }
}

// Decision 1 (DESIGN-NOTES): an archived sheet stays in content/ but leaves the search and the
// site; the history keeps it as a deleted record.
std::optional<ArchivedSheet> archived(const FacetSpace& facets, const Document& d, const std::string& hash) {
  const YAML::Node curation = child(d.front, "curation");
  if (scalar_or_empty(child(curation, "statut")) != kArchived) return std::nullopt;
  return ArchivedSheet{d.id, hash, scalar_or_empty(child(d.front, "titre")),
                       scalar_or_empty(child(curation, "remplacee_par")), sheet_facet_values(facets, d.front)};
}

void remove_spelling(Xapian::WritableDatabase& db, const std::string& id) {
  Xapian::PostingIterator p = db.postlist_begin("Q" + id);
  if (p == db.postlist_end("Q" + id)) return;
  Xapian::Document old = db.get_document(*p);
  for (const auto& w : SheetDocumentBuilder::spelling_words(old)) db.remove_spelling(w, 1);
}

}  // namespace

IndexReport build_index(const IndexOptions& options) {
  IndexReport report;
  const Grid grid = load_grid(options.schemas);
  // Without it the index silently had no département or région facet and an empty map; check
  // only warns (codes unverified), but what is published must carry the territories.
  if (grid.territories.departements.empty())
    throw GridError(options.schemas + "/territoires.tsv : liste officielle des territoires absente ou vide ; elle est "
                    "produite par la construction (cmake --build build --target territoires, depuis node_modules)");
  Generations generations(options.out);
  const auto current = generations.current();

  // What the base of an incremental run knows: file states, corpus entries, outlines. The base is
  // the generation before the current one when it is still kept and compatible: it is brought up
  // to date in place, which costs what changed since, not a copy of the whole index (bench/,
  // docs/performance.md). Otherwise the current generation is copied.
  const std::string content_dir = fs::absolute(options.content).lexically_normal().string();
  auto open_base = [&](const std::optional<std::string>& dir) -> std::unique_ptr<Catalog> {
    if (!dir || options.full || !fs::exists(fs::path(*dir) / kCatalogFile)) return nullptr;
    try {
      auto c = std::make_unique<Catalog>((fs::path(*dir) / kCatalogFile).string(), false);
      if (c->meta("grid_fingerprint") == grid.fingerprint && c->meta("index_format") == kIndexFormat &&
          c->meta("content_dir") == content_dir)
        return c;
    } catch (const CatalogError&) {
      // a catalogue of another schema version (e.g. 2, before the search log moved): not a base
    }
    return nullptr;
  };
  std::optional<std::string> base = generations.previous();
  std::unique_ptr<Catalog> previous = open_base(base);
  if (!previous) previous = open_base(base = current);
  const bool recycle = previous && base != current;
  bool full = !previous;
  // The report counts changes since the published generation, even when the base is older.
  const std::unique_ptr<Catalog> published = recycle ? open_base(current) : nullptr;
  auto published_hash = [&](const std::string& path) -> std::optional<std::string> {
    auto s = published->prepare("SELECT hash FROM files WHERE path = ?");
    s.bind(1, path);
    if (s.step()) return s.text(0);
    return std::nullopt;
  };
  report.full_rebuild = full;
  std::map<std::string, FileState> before;
  if (!full) {
    auto s = previous->prepare("SELECT path, kind, size, mtime, hash, doc_id FROM files");
    while (s.step()) before[s.text(0)] = {s.integer(2), s.integer(3), s.text(4), s.text(5), s.text(1)};
  }

  // Scan: a file whose size and mtime did not move is not even read.
  std::vector<ScannedFile> files = scan(options.content, report.diagnostics);
  for (auto& f : files) {
    auto it = before.find(f.path);
    if (it != before.end() && it->second.size == f.state.size && it->second.mtime == f.state.mtime) {
      f.state.hash = it->second.hash;
      f.state.doc_id = it->second.doc_id;
      f.changed = false;
      continue;
    }
    f.bytes = read_file(f.path);
    f.state.hash = sha256(f.bytes);
    if (it != before.end() && it->second.hash == f.state.hash) f.changed = false;
    f.state.doc_id = fs::path(f.path).stem().string();
  }
  std::set<std::string> present;
  for (const auto& f : files) present.insert(f.path);

  // Parse and check what changed (every course and page: they are few and depend on sheets).
  std::map<std::string, Document> parsed;  // path → document
  Diagnostics& diags = report.diagnostics;
  for (auto& f : files) {
    if (f.kind == "fiche" && !f.changed) continue;
    if (f.bytes.empty() && !f.changed) f.bytes = read_file(f.path);
    parsed.emplace(f.path, parse_document(f.path, f.bytes, diags));
  }
  std::vector<CorpusEntry> entries;
  std::vector<SheetOutline> outlines;
  for (const auto& f : files) {
    if (f.kind != "fiche") continue;
    auto it = parsed.find(f.path);
    if (it != parsed.end()) {
      validate_sheet(grid, it->second, diags);
      if (it->second.readable) {
        entries.push_back(corpus_entry(it->second));
        outlines.push_back(outline(grid, it->second));
      }
    }
  }
  if (!full) {
    // Unchanged sheets speak through the previous catalogue.
    std::map<std::string, CorpusEntry> from_catalog;
    std::map<std::string, SheetOutline> old_outlines;
    // A recorded sheet file is a published sheet, its doc_id the sheet's id (the `files` table, read
    // above, is small; reading `sheets` would read every front matter: 120 MB at 30,000 sheets).
    for (const auto& f : files)
      if (f.kind == "fiche" && !parsed.count(f.path) && before.count(f.path))
        from_catalog[f.state.doc_id] = CorpusEntry{f.path, {f.state.doc_id, 1, 1}, {}, {}};
    auto o = previous->prepare("SELECT old_id, sheet_id FROM old_ids");
    while (o.step())
      if (from_catalog.count(o.text(1))) from_catalog[o.text(1)].old_ids.push_back({o.text(0), 1, 1});
    auto l = previous->prepare("SELECT from_id, to_id, line FROM links");
    while (l.step())
      if (from_catalog.count(l.text(0))) from_catalog[l.text(0)].links.push_back({l.text(1), static_cast<int>(l.integer(2)), 1});
    // Outlines (documented sections) serve only to check the courses' references.
    if (std::any_of(files.begin(), files.end(), [](const ScannedFile& f) { return f.kind == "parcours"; })) {
      auto sec = previous->prepare("SELECT sheet_id, key FROM sections WHERE undocumented = 0");
      while (sec.step())
        if (from_catalog.count(sec.text(0))) old_outlines[sec.text(0)].sections.insert(sec.text(1));
    }
    for (auto& [id, e] : from_catalog) {
      entries.push_back(std::move(e));
      SheetOutline out = old_outlines[id];
      out.id = id;
      outlines.push_back(std::move(out));
    }
  }
  validate_corpus(entries, diags);
  for (const auto& f : files) {
    auto it = parsed.find(f.path);
    if (it == parsed.end()) continue;
    if (f.kind == "parcours") validate_course(grid, it->second, outlines, diags);
    if (f.kind == "page" && it->second.readable && scalar_or_empty(child(it->second.front, "titre")).empty())
      diags.push_back({f.path, 1, 1, Severity::Error, "cle-obligatoire", "page sans « titre »"});
  }
  std::set<std::string> rejected;
  for (const auto& d : diags)
    if (d.severity == Severity::Error) rejected.insert(d.path);
  report.rejected.assign(rejected.begin(), rejected.end());
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  if (!rejected.empty() && !options.keep_going) return report;  // nothing published: the previous index stays

  // Write the new generation.
  previous.reset();
  const std::string work = recycle ? generations.begin_from(*base) : generations.begin(!full);
  const FacetSpace facets = facet_space(grid);
  const Analyzer analyzer;
  const SynonymMatcher synonyms(grid.synonym_groups(), analyzer);
  const SheetDocumentBuilder builder(grid, facets, synonyms, analyzer);
  {
    // No fsync by Xapian: publish() makes the whole generation durable before it is published.
    Xapian::WritableDatabase db((fs::path(work) / kXapianDir).string(),
                                (full ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) | Xapian::DB_NO_SYNC);
    std::size_t pending = 0;  // documents since the last flush
    Catalog cat((fs::path(work) / kCatalogFile).string(), true);
    cat.transaction([&] {
      if (full) {
        save_vocabularies(cat, grid);
        facets.save(cat);
        synonyms.save(cat);
        std::string prefixes;
        for (const auto& [name, path] : grid.search.prefixes) prefixes += name + "\t" + field_prefix(name) + "\n";
        for (const auto& s : grid.sheet.sections)
          if (!s.prefix.empty()) prefixes += s.prefix + "\t" + section_prefix(s.prefix) + "\n";
        cat.set_meta("prefixes", prefixes);
        std::string stopwords;
        for (const auto& w : grid.search.stopwords) stopwords += w + "\n";
        cat.set_meta("mots_vides", stopwords);
        cat.set_meta("grid_fingerprint", grid.fingerprint);
        cat.set_meta("grid_version", grid.version);
        cat.set_meta("index_format", kIndexFormat);
        cat.set_meta("content_dir", fs::absolute(options.content).lexically_normal().string());
      }
      cat.set_meta("grid_json", grid_to_json(grid));  // for the site's grid page (pratiques build)
      // Removed files, and sheets now rejected: out of the index.
      auto forget = cat.prepare("DELETE FROM files WHERE path = ?");
      for (const auto& [path, state] : before) {
        const bool gone = !present.count(path);
        if (!gone && !rejected.count(path)) continue;
        if (state.kind == "fiche") {
          remove_spelling(db, state.doc_id);
          db.delete_document("Q" + state.doc_id);
          delete_sheet_rows(cat, state.doc_id);
          if (gone && (!published || published_hash(path))) ++report.removed;
        } else {
          cat.prepare(state.kind == "parcours" ? "DELETE FROM courses WHERE id = ?" : "DELETE FROM pages WHERE id = ?")
              .bind(1, state.doc_id).run();
          cat.prepare("DELETE FROM course_sections WHERE course_id = ?").bind(1, state.doc_id).run();
        }
        forget.bind(1, path).run();
      }
      std::map<std::string, std::string> accented;  // folded word → written form
      std::vector<ArchivedSheet> archived_now;
      auto record = cat.prepare("INSERT OR REPLACE INTO files(path, kind, size, mtime, hash, doc_id) VALUES(?, ?, ?, ?, ?, ?)");
      for (const auto& f : files) {
        if (rejected.count(f.path)) continue;
        if (f.kind == "fiche") ++report.sheets;
        auto it = parsed.find(f.path);
        if (it != parsed.end() && it->second.readable) {
          const Document& d = it->second;
          if (f.kind == "fiche") {
            const bool existed = before.count(f.path) && !full;
            if (existed) {
              remove_spelling(db, before[f.path].doc_id);
              if (before[f.path].doc_id != d.id) db.delete_document("Q" + before[f.path].doc_id);
              delete_sheet_rows(cat, before[f.path].doc_id);
            }
            if (auto a = archived(facets, d, f.state.hash)) {
              db.delete_document("Q" + d.id);  // out of the search (its spelling words went above)
              archived_now.push_back(std::move(*a));
              ++report.archived;
            } else {
              Xapian::Document xd = builder.build(d, &accented);
              for (const auto& w : SheetDocumentBuilder::spelling_words(xd)) db.add_spelling(w, 1);
              db.replace_document("Q" + d.id, xd);
              // Xapian buffers changes until 10,000 documents by default: memory and map lookups grow
              // with the batch. Small batches index faster and bound the memory (bench/).
              if (++pending == kFlushEvery) {
                db.commit();
                pending = 0;
              }
              insert_sheet_rows(cat, grid, facets, d, f.state.hash);
              // [doublon-probable]: compared with the sheets already in this generation.
              const std::string text = extract_text(d);
              for (const auto& near : find_near_duplicates(cat, text, d.id))
                diags.push_back(near_duplicate_warning(d.path, near.id, near.similarity));
              save_fingerprint(cat, d.id, fingerprint(text));
              report.bytes_indexed += d.source.size();
              if (!published) {
                ++(existed ? report.updated : report.added);
              } else if (const auto h = published_hash(f.path); !h) {
                ++report.added;
              } else {
                ++(*h == f.state.hash ? report.unchanged : report.updated);
              }
            }
          } else {
            cat.prepare("DELETE FROM course_sections WHERE course_id = ?").bind(1, d.id).run();
            insert_text_document(cat, grid, d, f.kind, f.state.hash);
            ++(f.kind == "parcours" ? report.courses : report.pages);
          }
        } else if (f.kind == "fiche") {
          ++report.unchanged;
        }
        // The base already records the files it saw unchanged (an incremental run at 30,000
        // sheets would otherwise rewrite 30,000 rows).
        auto was = before.find(f.path);
        if (full || was == before.end() || was->second.size != f.state.size || was->second.mtime != f.state.mtime ||
            was->second.hash != f.state.hash || was->second.doc_id != f.state.doc_id || was->second.kind != f.kind)
          record.bind(1, f.path).bind(2, f.kind).bind(3, f.state.size).bind(4, f.state.mtime).bind(5, f.state.hash)
              .bind(6, f.state.doc_id).run();
      }
      // Spelling data from the vocabularies too, so a misspelt label is corrected.
      if (full)
        for (const auto& [id, v] : grid.vocabularies)
          for (const auto& e : v.entries)
            for (const auto& t : analyzer.tokenize(e.label))
              if (t.term.size() >= 3 && !t.joined) db.add_spelling(t.term, 1);
      for (const auto& [term, form] : accented) db.set_metadata(form_key(term), form);
      // Datestamps and deleted records, carried forward from what readers see now (decision 2).
      update_history(cat, current ? std::optional<std::string>((fs::path(*current) / kCatalogFile).string()) : std::nullopt,
                     archived_now, utc_datestamp(options.now ? options.now : std::time(nullptr)));
      db.commit();
    });
    db.close();
  }
  report.generation = generations.publish(work);
  report.published = true;
  return report;
}

}  // namespace pratiques
