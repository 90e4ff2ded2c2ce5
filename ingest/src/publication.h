// A publication in place (index_store.h): the changed files of the content directory go into the
// current generation with one Xapian commit, then one catalogue commit. Its cost is that of the
// change, not of the collection: nothing is copied, and only the changed files and the sheets they
// can conflict with are read.
#pragma once
#include <string>
#include <vector>

#include "catalogue_rows.h"
#include "prepared.h"
#include "pratiques/index_writer.h"

namespace pratiques {

struct ChangeSet {
  std::vector<ContentFile> changed;                           // added or modified: read, checked and indexed
  std::vector<std::pair<std::string, RecordedFile>> removed;  // keys gone from the content directory
  std::vector<ContentFile> touched;  // same bytes, new size or time: only their `files` row changes
  std::size_t sheets_before = 0;     // sheets published before the change
  Diagnostics refused;               // files the scan refused (symbolic links)
};

// Files of the content directory that differ from what the catalogue recorded. `trust_times`:
// a file with the recorded size and modification time is not read (false when the content
// directory moved: every file is hashed).
ChangeSet changes_since(Catalog& cat, const std::vector<ContentFile>& scanned, bool trust_times);
// The changes a caller names (Publisher::publish): files written, archived or removed.
ChangeSet changes_of(Catalog& cat, const std::string& content, const std::vector<std::string>& paths);

// Publishes the changes into the generation `dir` (the caller holds the lock, and the catalogue
// `cat`, writable, was brought forward with recover()).
IndexReport publish_in_place(const IndexContext& context, const IndexOptions& options, const std::string& dir,
                             Catalog& cat, ChangeSet changes);

}  // namespace pratiques
