// `pratiques index`: content/ → Xapian database + SQLite catalogue, published atomically,
// incremental through content hashes.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/index_layout.h"

namespace pratiques {

struct IndexOptions {
  std::string content = "content";
  std::string schemas = "schemas";
  std::string out = "index";
  bool keep_going = false;  // publish valid sheets even when others have errors
  bool full = false;        // ignore the previous generation
  std::time_t now = 0;      // publication time recorded in the history (sheet_history.h); 0: the clock
};

struct IndexReport {
  Diagnostics diagnostics;
  std::vector<std::string> rejected;  // files not published because of errors
  std::size_t sheets = 0, added = 0, updated = 0, removed = 0, unchanged = 0, courses = 0, pages = 0;
  std::size_t archived = 0;  // sheets archived in this run's changed files (kept out of the index)
  std::size_t bytes_indexed = 0;
  bool full_rebuild = false;
  bool published = false;
  std::string generation;  // directory published
};

IndexReport build_index(const IndexOptions& options);

}  // namespace pratiques
