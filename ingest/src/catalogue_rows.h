// The "catalogue" phase: the rows a sheet, a course or a page puts in the catalogue (statements
// prepared once per run: a full build inserts about a hundred rows per sheet), and what a
// generation records once from the schemas. The caller holds the transaction.
#pragma once
#include <optional>
#include <string>

#include "index_files.h"
#include "prepared.h"
#include "pratiques/catalog.h"
#include "pratiques/sheet_history.h"

namespace pratiques {

// Everything a generation records once, from the schemas.
void save_schemas(Catalog& cat, const IndexContext& context, const std::string& content_dir);

// A row of the `files` table: what an incremental run compares the content directory with.
struct RecordedFile {
  FileKind kind = FileKind::Sheet;
  long long size = 0, mtime = 0;
  std::string hash, doc_id;
};
std::optional<RecordedFile> recorded_file(Catalog& cat, const std::string& key);
// The row a statement is on, selected as "kind, size, mtime, hash, doc_id" first.
RecordedFile recorded_row(const Statement& s);

// A sheet whose `curation.statut` is archivee: it stays in content/ but leaves the search and the
// site; the history keeps it as a deleted record (DESIGN-NOTES decision 1).
std::optional<ArchivedSheet> archived_sheet(const IndexContext& context, const PreparedFile& sheet);

class CatalogueWriter {
 public:
  CatalogueWriter(Catalog& cat, const IndexContext& context);
  // The sheet's rows and its near-duplicate fingerprint; returns the [doublon-probable] warnings
  // against the sheets already in the catalogue.
  Diagnostics insert_sheet(const PreparedFile& sheet);
  void delete_sheet(const std::string& id);
  void insert_text_document(const PreparedFile& file);  // a course or a page, replacing it
  void delete_text_document(FileKind kind, const std::string& id);
  void record_file(const ContentFile& file, const std::string& doc_id);
  void forget_file(const std::string& key);

 private:
  Catalog& cat_;
  const IndexContext& context_;
  Statement sheet_, text_, value_, section_, link_, old_id_;
  Statement delete_sheet_, delete_values_, delete_sections_, delete_links_, delete_old_ids_, delete_text_;
  Statement course_, course_section_, page_, delete_course_, delete_course_sections_, delete_page_;
  Statement record_, forget_;
};

}  // namespace pratiques
