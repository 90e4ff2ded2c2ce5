// A full build: every file of the content directory into a new generation, on every core.
// Sheets are cut into ranges of consecutive files (in path order); each thread takes the next
// range, parses, checks and indexes it into its own Xapian shard, and fills the catalogue (one
// connection, shared under a mutex: a sheet's rows cost a fraction of its Xapian document). Xapian's
// compaction then merges the shards in range order, renumbering each shard's documents after those
// of the shards before it: the documents get the identifiers a single-threaded build would have
// given, so parallel and sequential builds answer every search identically.
#pragma once
#include <string>

#include "index_files.h"
#include "prepared.h"
#include "pratiques/generations.h"
#include "pratiques/index_writer.h"

namespace pratiques {

// Writes and publishes a new generation from `scan`, the content directory as listed; nothing is
// published when a file has an error and options.keep_going is false (report.published says which).
IndexReport full_build(const IndexContext& context, const IndexOptions& options, Generations& generations,
                       ContentScan scan);

}  // namespace pratiques
