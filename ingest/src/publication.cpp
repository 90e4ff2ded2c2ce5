#include "publication.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "corpus_context.h"
#include "pratiques/failpoint.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/replica.h"
#include "xapian_sheets.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

std::size_t published_sheets(Catalog& cat) {
  auto s = cat.prepare("SELECT COUNT(*) FROM sheets");
  return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

}  // namespace

ChangeSet changes_since(Catalog& cat, const std::vector<ContentFile>& scanned, bool trust_times) {
  ChangeSet out;
  // Each recorded row is looked up among the scanned files (sorted by key), read in place: a map
  // of the 30,000 rows of a large collection, with their hashes, was a fifth of a one-sheet run.
  std::vector<bool> recorded(scanned.size(), false);
  auto s = cat.prepare("SELECT kind, size, mtime, hash, doc_id, path FROM files");
  while (s.step()) {
    const std::string_view key = s.text_view(5);
    const FileKind kind = kind_from_name(std::string(s.text_view(0))).value_or(FileKind::Sheet);
    out.sheets_before += kind == FileKind::Sheet;
    const auto it = std::lower_bound(scanned.begin(), scanned.end(), key,
                                     [](const ContentFile& f, std::string_view k) { return f.key < k; });
    if (it == scanned.end() || it->key != key) {
      out.removed.emplace_back(std::string(key), recorded_row(s));
      continue;
    }
    recorded[static_cast<std::size_t>(it - scanned.begin())] = true;
    if (trust_times && s.integer(1) == it->size && s.integer(2) == it->mtime && kind == it->kind)
      continue;  // not even read (or copied)
    ContentFile f = *it;
    read_content(f);
    if (s.text_view(3) != f.hash || kind != f.kind)
      out.changed.push_back(std::move(f));
    else
      out.touched.push_back(std::move(f));
  }
  for (std::size_t i = 0; i < scanned.size(); ++i)
    if (!recorded[i]) out.changed.push_back(scanned[i]);
  // In key order, as the content directory lists them (messages, indexing order).
  const auto by_key = [](const ContentFile& a, const ContentFile& b) { return a.key < b.key; };
  std::sort(out.changed.begin(), out.changed.end(), by_key);
  std::sort(out.touched.begin(), out.touched.end(), by_key);
  std::sort(out.removed.begin(), out.removed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

ChangeSet changes_of(Catalog& cat, const std::string& content, const std::vector<std::string>& paths) {
  ChangeSet out;
  out.sheets_before = published_sheets(cat);
  std::set<std::string> seen;
  for (const auto& given : paths) {
    const NamedFile named = name_content_file(content, given);
    if (!seen.insert(named.key).second) continue;
    const std::optional<RecordedFile> r = recorded_file(cat, named.key);
    std::optional<ContentFile> f = stat_content_file(named);
    if (!f) {
      if (r) out.removed.emplace_back(named.key, *r);
      continue;
    }
    read_content(*f);
    if (r && r->hash == f->hash && r->kind == f->kind)
      out.touched.push_back(std::move(*f));
    else
      out.changed.push_back(std::move(*f));
  }
  return out;
}

IndexReport publish_in_place(const IndexContext& context, const IndexOptions& options, const std::string& dir,
                             Catalog& cat, ChangeSet changes) {
  IndexReport report;
  report.generation = dir;
  const std::string content_dir = canonical_content_dir(options.content);
  const bool moved = cat.meta("content_dir") != content_dir;  // then times proved nothing: record them again
  if (changes.changed.empty() && changes.removed.empty() && changes.touched.empty() && changes.refused.empty() &&
      !moved) {
    report.published = true;  // nothing to publish: what is published is up to date
    report.publication = publication_of(cat);
    report.sheets = report.unchanged = changes.sheets_before;
    return report;
  }
  std::vector<PreparedFile> prepared(changes.changed.size());
  const unsigned threads = changes.changed.size() < 16 ? 1 : threads_or_default(options.threads);
  parallel_for(changes.changed.size(), threads,
               [&](std::size_t i, unsigned) { prepared[i] = prepare(context, std::move(changes.changed[i])); });
  std::set<std::string> superseded, gone;  // catalogue keys replaced or removed; ids of the sheets removed
  for (const auto& p : prepared) superseded.insert(p.file.key);
  for (const auto& [key, r] : changes.removed) {
    superseded.insert(key);
    if (r.kind == FileKind::Sheet) gone.insert(r.doc_id);
  }
  Diagnostics& diags = report.diagnostics;
  diags.insert(diags.end(), changes.refused.begin(), changes.refused.end());
  for (const auto& p : prepared) diags.insert(diags.end(), p.diagnostics.begin(), p.diagnostics.end());

  // Corpus-level rules, against the sheets the changed ones can conflict with.
  std::vector<CorpusEntry> entries;
  std::map<std::string, SheetOutline> outlines;  // changed sheets, by id
  for (const auto& p : prepared)
    if (p.file.kind == FileKind::Sheet && p.doc.readable) {
      entries.push_back(p.entry);
      outlines[p.outline.id] = p.outline;
    }
  {
    std::vector<CorpusEntry> all = corpus_context(cat, entries, gone, superseded, options.content);
    all.insert(all.end(), entries.begin(), entries.end());
    std::sort(all.begin(), all.end(), [](const CorpusEntry& a, const CorpusEntry& b) { return a.path < b.path; });
    validate_corpus(all, diags);
  }

  // Every course, changed or not: a change of a sheet can break one.
  std::vector<PreparedFile> unchanged_courses;
  {
    auto s = cat.prepare("SELECT path FROM files WHERE kind = 'parcours'");
    while (s.step())
      if (!superseded.count(s.text(0)))
        if (auto f = stat_content_file(name_content_file(options.content, s.text(0)))) {
          unchanged_courses.push_back(prepare(context, std::move(*f)));
          const Diagnostics& d = unchanged_courses.back().diagnostics;
          diags.insert(diags.end(), d.begin(), d.end());
        }
  }
  std::vector<PreparedFile*> courses;
  for (auto& p : prepared)
    if (p.file.kind == FileKind::Course) courses.push_back(&p);
  for (auto& p : unchanged_courses) courses.push_back(&p);
  if (!courses.empty()) {
    std::set<std::string> cited, from_catalogue;
    for (const PreparedFile* c : courses)
      if (c->doc.readable)
        for (const auto& id : course_sheet_ids(c->doc)) cited.insert(id);
    std::vector<SheetOutline> known;
    // A changed sheet that now declares a cited id among its former ids (a sheet renamed by this run).
    auto declaring = [&outlines](const std::string& id) -> const SheetOutline* {
      for (const auto& [sheet_id, o] : outlines)
        if (std::find(o.old_ids.begin(), o.old_ids.end(), id) != o.old_ids.end()) return &o;
      return nullptr;
    };
    for (const auto& id : cited)
      if (outlines.count(id))
        known.push_back(outlines[id]);
      else if (const SheetOutline* renamed = declaring(id))
        known.push_back(*renamed);
      else if (!gone.count(id))
        from_catalogue.insert(id);
    for (auto& o : catalogue_outlines(cat, from_catalogue)) known.push_back(std::move(o));
    if (known.size() < cited.size())  // a step cites an unknown sheet: its "vouliez-vous dire" needs every id
      for (auto& o : catalogue_ids(cat))
        if (!cited.count(o.id) && !gone.count(o.id)) known.push_back(std::move(o));
    for (PreparedFile* c : courses) validate_course(context.grid, c->doc, known, diags);
  }
  const std::set<std::string> rejected = rejected_paths(diags);
  report.rejected.assign(rejected.begin(), rejected.end());
  sort_diagnostics(diags);
  if (!rejected.empty() && !options.keep_going) return report;  // nothing published: the index stays as it is

  // Xapian's changes in a transaction (committed at once, or not at all); the catalogue's in an
  // SQLite transaction whose changes are recorded for the Xapian commit.
  Xapian::WritableDatabase db((fs::path(dir) / kXapianDir).string(), Xapian::DB_OPEN);
  const long long publication = publication_of(cat) + 1;
  db.begin_transaction(true);
  cat.exec("BEGIN IMMEDIATE");
  try {
    ChangeRecorder recorder(cat);
    CatalogueWriter writer(cat, context);
    SheetXapian xapian(context);
    std::set<std::string> affected;  // sheets published before and changed now: not "unchanged"
    std::vector<ArchivedSheet> archived;
    auto withdraw = [&](const std::string& key, const RecordedFile& r) {
      if (r.kind == FileKind::Sheet) {
        remove_spelling(db, r.doc_id);
        db.delete_document("Q" + r.doc_id);
        writer.delete_sheet(r.doc_id);
        affected.insert(r.doc_id);
      } else {
        writer.delete_text_document(r.kind, r.doc_id);
      }
      writer.forget_file(key);
    };
    for (const auto& [key, r] : changes.removed) {
      withdraw(key, r);
      report.removed += r.kind == FileKind::Sheet;
    }
    // Unchanged files that a change made invalid (with keep_going): out of the index until fixed.
    const std::string root = display_path(options.content, "");
    for (const auto& path : rejected) {
      const std::string key = path.rfind(root, 0) == 0 ? path.substr(root.size()) : path;
      if (superseded.count(key)) continue;
      if (auto r = recorded_file(cat, key)) withdraw(key, *r);
    }
    for (const auto& p : prepared) {
      const std::optional<RecordedFile> was = recorded_file(cat, p.file.key);
      const bool same_sheet =
          was && was->kind == FileKind::Sheet && p.file.kind == FileKind::Sheet && was->doc_id == p.doc.id;
      if (was && (!same_sheet || rejected.count(p.file.path) || !p.doc.readable)) withdraw(p.file.key, *was);
      if (rejected.count(p.file.path) || !p.doc.readable) continue;  // its last valid version left with it
      if (p.file.kind == FileKind::Sheet) {
        std::optional<ArchivedSheet> archiving = archived_sheet(context, p);
        if (same_sheet) {
          remove_spelling(db, p.doc.id);
          writer.delete_sheet(p.doc.id);
          affected.insert(p.doc.id);
        }
        if (archiving) {  // out of the search and the site; a deleted record in the history
          if (same_sheet) db.delete_document("Q" + p.doc.id);
          archived.push_back(std::move(*archiving));
          ++report.archived;
          writer.record_file(p.file, p.doc.id);
          continue;
        }
        ++(same_sheet ? report.updated : report.added);
        db.replace_document("Q" + p.doc.id, xapian.build(p));
        for (auto& d : writer.insert_sheet(p)) diags.push_back(std::move(d));
        report.changed_sheets.push_back(p.doc.id);
        report.bytes_indexed += p.file.bytes.size();
      } else {
        writer.insert_text_document(p);
        ++(p.file.kind == FileKind::Course ? report.courses : report.pages);
      }
      writer.record_file(p.file, p.doc.id);
    }
    for (const auto& f : changes.touched)
      if (auto r = recorded_file(cat, f.key)) writer.record_file(f, r->doc_id);
    xapian.flush_spelling(db);
    save_forms(db, xapian.forms, false);
    // Datestamps and deleted records (decision 2) of the sheets this run touched: this catalogue is
    // what readers see until the commit.
    std::set<std::string> touched(affected.begin(), affected.end());
    touched.insert(report.changed_sheets.begin(), report.changed_sheets.end());
    const std::string now = utc_datestamp(options.clock ? options.clock() : std::time(nullptr));
    update_history_of(cat, touched, archived, now);
    if (moved) cat.set_meta("content_dir", content_dir);
    cat.set_meta(kPublishedAtKey, now);  // in the changeset below: a read node's catalogue gets it
    cat.set_meta(kPublicationKey, std::to_string(publication));
    // The commit point: the Xapian commit carries the catalogue's changes (recover(), replicas).
    db.set_metadata(changeset_key(publication), recorder.changeset());
    if (!replication_enabled()) db.set_metadata(changeset_key(publication - 1), "");  // only the last one is needed
    db.set_metadata(kPublicationKey, std::to_string(publication));
    sort_diagnostics(diags);  // with the [doublon-probable] warnings of the sheets written
    report.changed_sheets.insert(report.changed_sheets.end(), affected.begin(), affected.end());
    report.unchanged = changes.sheets_before - std::min(changes.sheets_before, affected.size());
    failpoint::reached("before-xapian-commit");
    db.commit_transaction();
  } catch (...) {
    cat.exec("ROLLBACK");
    try {
      db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // the commit itself failed: nothing was committed either
    }
    throw;
  }
  failpoint::reached("after-xapian-commit");
  try {
    if (failpoint::fails("after-xapian-commit")) throw CatalogError("database or disk is full");
    cat.exec("COMMIT");
  } catch (const CatalogError& e) {
    try {
      cat.exec("ROLLBACK");
    } catch (const CatalogError&) {
    }
    // Past the commit point the publication is made: readers bring the catalogue forward from the
    // changes the Xapian commit carries (recover()). Saying that the previous index stays in
    // service, as before the commit point, was false on a full disk.
    const std::string what = e.what();
    throw IndexError("publication n° " + std::to_string(publication) +
                     " faite (l'index est à jour et sert déjà les recherches), mais son catalogue n'a pas pu "
                     "l'enregistrer : " +
                     (what.find("database or disk is full") != std::string::npos ? "disque plein" : what) +
                     " ; libérez de la place : la prochaine ouverture de l'index le mettra à jour");
  }
  failpoint::reached("after-catalogue-commit");
  std::sort(report.changed_sheets.begin(), report.changed_sheets.end());
  report.changed_sheets.erase(std::unique(report.changed_sheets.begin(), report.changed_sheets.end()),
                              report.changed_sheets.end());
  report.publication = publication;
  report.published = true;
  report.sheets = published_sheets(cat);
  return report;
}

}  // namespace pratiques
