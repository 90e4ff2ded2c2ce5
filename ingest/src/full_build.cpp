#include "full_build.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <ctime>
#include <mutex>
#include <optional>
#include <set>

#include "catalogue_rows.h"
#include "pratiques/failpoint.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/replica.h"
#include "xapian_sheets.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

// Documents per Xapian flush in a shard: Xapian buffers changes until 10,000 documents by default,
// and its maps and memory grow with the batch; small batches index faster in less memory (bench/).
constexpr std::size_t kFlushEvery = 200;

struct Range {
  std::size_t begin = 0, end = 0;
};

// About four ranges per thread, so that a core slowed by other work does not hold the others back,
// of 16 to 5,000 sheets (Xapian's compaction opens every shard at once).
std::vector<Range> ranges_of(std::size_t count, unsigned threads) {
  const std::size_t want = 4 * static_cast<std::size_t>(threads);
  const std::size_t size = std::clamp<std::size_t>((count + want - 1) / want, 16, 5000);
  std::vector<Range> out;
  for (std::size_t b = 0; b < count; b += size) out.push_back({b, std::min(count, b + size)});
  return out;
}

// What a range leaves once its sheets are written: small things, kept to the end of the build.
struct RangeResult {
  Diagnostics diagnostics;
  std::vector<CorpusEntry> entries;     // readable sheets, for the corpus-level rules
  std::vector<SheetOutline> outlines;   // readable sheets, for the courses
  std::vector<std::size_t> written;     // sheets indexed (positions in the file list)
  std::vector<ArchivedSheet> archived;  // kept out of the search and the site
  WrittenForms forms;
  std::size_t bytes = 0;
};

std::string shard_path(const std::string& work, std::size_t n) {
  return (fs::path(work) / "shards" / std::to_string(n)).string();
}

// Everything that is not a sheet, checked against the outlines of the sheets.
std::vector<PreparedFile> prepare_texts(const IndexContext& context, std::vector<ContentFile> files,
                                        const std::vector<SheetOutline>& outlines) {
  std::vector<PreparedFile> out;
  for (auto& f : files) {
    PreparedFile p = prepare(context, std::move(f));
    if (p.file.kind == FileKind::Course) validate_course(context.grid, p.doc, outlines, p.diagnostics);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

IndexReport full_build(const IndexContext& context, const IndexOptions& options, Generations& generations,
                       ContentScan scan) {
  IndexReport report;
  report.full_rebuild = true;
  report.diagnostics = std::move(scan.refused);
  std::vector<ContentFile> sheets, texts;
  for (auto& f : scan.files) (f.kind == FileKind::Sheet ? sheets : texts).push_back(std::move(f));

  // Two files with the same name in different folders have the same id: the first one in path order
  // owns it (validate_corpus reports the others), and only it is indexed.
  std::vector<bool> duplicate(sheets.size());
  {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < sheets.size(); ++i)
      duplicate[i] = !ids.insert(fs::path(sheets[i].key).stem().string()).second;
  }

  const std::string work = generations.begin();
  try {
    Catalog cat((fs::path(work) / kCatalogFile).string(), true);
    // A new file that nobody reads until it is published: no journal on disk, no fsync (publish()
    // makes the whole generation durable). A page cache of 128 MB instead of 2: the near-duplicate
    // bands are read and written at random places (32 a sheet), and with the default cache each
    // went through the kernel; at 100,000 sheets the index took 370 -> 345 s, +160 MB (bench/).
    cat.exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-131072; BEGIN IMMEDIATE");
    CatalogueWriter writer(cat, context);
    std::mutex cat_mutex;

    const unsigned threads = threads_or_default(options.threads);
    const std::vector<Range> ranges = ranges_of(sheets.size(), threads);
    std::vector<RangeResult> results(ranges.size());
    std::atomic<bool> doomed{false};  // an error and no keep_going: nothing will be published
    fs::create_directories(fs::path(work) / "shards");
    parallel_for(ranges.size(), threads, [&](std::size_t r, unsigned) {
      RangeResult& res = results[r];
      SheetXapian xapian(context);
      Xapian::WritableDatabase shard(shard_path(work, r),
                                     Xapian::DB_CREATE | Xapian::DB_DANGEROUS | Xapian::DB_NO_SYNC);
      std::size_t pending = 0;
      for (std::size_t i = ranges[r].begin; i < ranges[r].end; ++i) {
        PreparedFile p = prepare(context, std::move(sheets[i]));
        res.diagnostics.insert(res.diagnostics.end(), p.diagnostics.begin(), p.diagnostics.end());
        if (p.doc.readable) {
          res.entries.push_back(std::move(p.entry));
          res.outlines.push_back(std::move(p.outline));
        }
        if (p.has_errors() && !options.keep_going) doomed = true;
        if (!p.has_errors() && p.doc.readable && !duplicate[i] && !doomed) {
          std::optional<ArchivedSheet> archived = archived_sheet(context, p);
          if (!archived) {
            shard.add_document(xapian.build(p));
            if (++pending % kFlushEvery == 0) shard.commit();
            if (r == 0 && pending == (ranges[r].end - ranges[r].begin) / 2) failpoint::reached("shard-write");
          }
          {
            std::lock_guard lock(cat_mutex);
            if (!archived)
              for (auto& d : writer.insert_sheet(p)) res.diagnostics.push_back(std::move(d));
            writer.record_file(p.file, p.doc.id);
          }
          if (archived) {
            res.archived.push_back(std::move(*archived));
          } else {
            res.written.push_back(i);
            res.bytes += p.file.bytes.size();
          }
        }
        // Its key and hash are still needed; its bytes are not. Assigning an empty string would keep
        // the buffer (libstdc++ reuses it), and every sheet's text would stay in memory to the end.
        sheets[i] = std::move(p.file);
        std::string().swap(sheets[i].bytes);
      }
      xapian.flush_spelling(shard);
      shard.commit();
      res.forms = std::move(xapian.forms);
    });

    // Corpus-level rules, courses and pages.
    Diagnostics& diags = report.diagnostics;
    std::vector<CorpusEntry> entries;
    std::vector<SheetOutline> outlines;
    for (auto& res : results) {
      diags.insert(diags.end(), res.diagnostics.begin(), res.diagnostics.end());
      entries.insert(entries.end(), res.entries.begin(), res.entries.end());
      outlines.insert(outlines.end(), res.outlines.begin(), res.outlines.end());
    }
    validate_corpus(entries, diags);
    std::vector<PreparedFile> prepared_texts = prepare_texts(context, std::move(texts), outlines);
    for (const auto& p : prepared_texts) diags.insert(diags.end(), p.diagnostics.begin(), p.diagnostics.end());
    const std::set<std::string> rejected = rejected_paths(diags);
    report.rejected.assign(rejected.begin(), rejected.end());
    sort_diagnostics(diags);
    if (!rejected.empty() && !options.keep_going) {
      cat.exec("ROLLBACK");
      generations.abandon(work);
      return report;  // nothing published: the previous index stays
    }

    // The catalogue: what a generation records once, courses and pages, sheets rejected by the
    // corpus-level rules taken out.
    std::vector<std::string> withdrawn;  // ids of sheets indexed, then rejected
    for (auto& res : results)
      for (std::size_t i : res.written) {
        if (!rejected.count(sheets[i].path)) {
          ++report.sheets;
          continue;
        }
        const std::string id = fs::path(sheets[i].key).stem().string();
        withdrawn.push_back(id);
        writer.delete_sheet(id);
        writer.forget_file(sheets[i].key);
      }
    for (const auto& res : results) report.bytes_indexed += res.bytes;
    for (const auto& p : prepared_texts) {
      if (rejected.count(p.file.path) || !p.doc.readable) continue;
      writer.insert_text_document(p);
      writer.record_file(p.file, p.doc.id);
      ++(p.file.kind == FileKind::Course ? report.courses : report.pages);
    }
    std::vector<ArchivedSheet> archived;
    for (auto& res : results)
      for (auto& a : res.archived) archived.push_back(std::move(a));
    report.archived = archived.size();
    const std::string generation = fs::path(work).stem().string();
    save_schemas(cat, context, canonical_content_dir(options.content));
    cat.set_meta(kGenerationKey, generation);
    cat.set_meta(kPublicationKey, "1");
    report.added = report.sheets;

    // What is not a document goes in one more small database, merged last: spelling data of the
    // vocabularies, written forms and the publication.
    {
      Xapian::WritableDatabase meta(shard_path(work, ranges.size()),
                                    Xapian::DB_CREATE | Xapian::DB_DANGEROUS | Xapian::DB_NO_SYNC);
      add_vocabulary_spelling(meta, context);
      save_communes(meta, context);
      WrittenForms forms;
      for (const auto& res : results) forms.merge(res.forms);  // range order, first seen kept: as one thread would
      save_forms(meta, forms, true);
      meta.set_metadata(kGenerationKey, generation);
      meta.set_metadata(kPublicationKey, "1");
      meta.commit();
    }
    failpoint::reached("merge");
    if (failpoint::fails("merge"))  // as Xapian says a full disk in a commit: the system's text in its message
      throw Xapian::DatabaseError(
          "Modifications failed (DatabaseError: Error writing block 8 (No space left on device)), and couldn't open "
          "at the old revision: cancel() not supported under Xapian::DB_DANGEROUS");
    {
      Xapian::Database shards;
      for (std::size_t r = 0; r <= ranges.size(); ++r) shards.add_database(Xapian::Database(shard_path(work, r)));
      // One pass over every shard: Xapian's multipass merge (pairs, then pairs of pairs) cost more CPU
      // here, 4.2 s against 3.0 s for 9 shards of 10,000 sheets and 9.6 s against 6.4 s for 17
      // (xapian-compact on the shards of a build; docs/performance.md).
      shards.compact((fs::path(work) / kXapianDir).string());
    }
    fs::remove_all(fs::path(work) / "shards");

    // Datestamps and deleted records, carried forward from what readers see now (decision 2),
    // stamped last, as near as can be to the publication: a harvester that takes a response's date
    // as its next `from` misses a change stamped before a response that did not show it yet (the
    // compaction above takes seconds at 10,000 sheets).
    const auto current = generations.current();
    const std::string now = utc_datestamp(options.clock ? options.clock() : std::time(nullptr));
    update_history(cat,
                   current ? std::optional<std::string>((fs::path(*current) / kCatalogFile).string()) : std::nullopt,
                   archived, now);
    cat.set_meta(kPublishedAtKey, now);
    failpoint::reached("catalogue");
    cat.exec("COMMIT");
    cat.exec("PRAGMA journal_mode=WAL");  // publications write it while servers read it
    keep_wal_files(cat);
    if (!withdrawn.empty() || replication_enabled()) {
      Xapian::WritableDatabase db((fs::path(work) / kXapianDir).string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      for (const auto& id : withdrawn) {
        remove_spelling(db, id);
        db.delete_document("Q" + id);
      }
      // The catalogue for replicas (replica.h), as published.
      if (replication_enabled()) store_catalogue_base(db, (fs::path(work) / kCatalogFile).string());
      db.commit();
    }
    report.generation = generations.publish(work);
    report.publication = 1;
    report.published = true;
    return report;
  } catch (...) {
    generations.abandon(work);  // a full disk must not stay full
    throw;
  }
}

}  // namespace pratiques
