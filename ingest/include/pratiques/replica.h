// Read-only search nodes (docs/repliques.md). The primary's Xapian database reaches them through
// Xapian's own replication (xapian-replicate-server on the primary, xapian-replicate on each node,
// run by `pratiques replique`), and the catalogue with it, inside the database: when replication is
// on, a full build stores the catalogue file in the database's metadata, and every publication its
// changes (an SQLite session changeset, index_store.h). A node's follower rebuilds, or brings
// forward, a local catalogue from them, in the same Xapian revision, and publishes its local index
// as the primary does: `pratiques serve` follows it without a restart.
#pragma once
#include <xapian.h>

#include <string>

#include "pratiques/index_store.h"

namespace pratiques {

// Replication is on when the writer's environment sets XAPIAN_MAX_CHANGESETS to a positive number
// (Xapian's own switch: it then keeps that many changesets for the replicas). The catalogue's
// changes are then kept from the last full build on, not only the last one.
bool replication_enabled();

// Primary: stores a catalogue file in a database's metadata, in chunks (a full build).
void store_catalogue_base(Xapian::WritableDatabase& db, const std::string& catalogue_file);

// Nothing has arrived from the primary yet: xapian-replicate has made the replicated database, still
// empty (a first copy in progress, a primary that has published nothing, or a wrong --base, which
// xapian-replicate reports itself).
struct ReplicaWaiting : IndexError {
  using IndexError::IndexError;
};

struct ReplicaOptions {
  std::string replicated;  // the database that xapian-replicate keeps up to date
  std::string out;         // the node's index link, for `pratiques serve --index`
};

// One step of a node's follower: brings the local index to the generation and the publication of
// the replicated database. Returns true when it published something. Nothing to do (false) while
// the database has not arrived. Throws IndexBusy (another follower), ReplicaWaiting and IndexError.
bool follow_replica(const ReplicaOptions& options);

// The publication the node's index serves now (publication_label()), "" before the first one. Not
// only the follower brings the index forward: `pratiques serve` applies the changes it finds in the
// replicated database itself when the follower is busy (open_index()), so the follower rebuilds the
// static site when this changes, not when it published.
std::string served_publication(const ReplicaOptions& options);

}  // namespace pratiques
