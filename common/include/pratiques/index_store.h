// The index on disk as its writers and readers agree on it (README, "Publication"):
//   OUT                        a symbolic link to OUT.d/<generation>
//   OUT.d/lock                 held by the one process that writes (flock)
//   OUT.d/<generation>/xapian            the Xapian database
//   OUT.d/<generation>/catalogue.sqlite  the SQLite catalogue (WAL)
// A full build writes a new generation and switches the link. A publication changes the current
// generation in place with one Xapian commit, then one catalogue commit, both numbered with the
// same serial (Xapian metadata and catalogue meta "publication"). The Xapian commit is the commit
// point: it also carries the catalogue's changes (an SQLite session changeset), so that a catalogue
// left one publication behind (a writer killed between the two commits) is brought forward before
// it is read, and so that replicas receive the catalogue with the Xapian revision it belongs to.
#pragma once
#include <xapian.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "pratiques/catalog.h"

namespace pratiques {

// A French message, safe to show to users.
struct IndexError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Another process writes the index (the lock is held).
struct IndexBusy : IndexError {
  using IndexError::IndexError;
};

// Keys shared by the Xapian metadata and the catalogue's meta table.
inline constexpr const char* kPublicationKey = "publication";  // serial number of the publication
inline constexpr const char* kGenerationKey = "generation";    // name of the generation directory
// When the publication was made (UTC, "2026-12-06T15:20:31Z"), in the catalogue only: a read node's
// catalogue carries its primary's, so that a server can say how long a publication took to reach it.
inline constexpr const char* kPublishedAtKey = "published_at";
// Xapian metadata key of the catalogue changeset of a publication, and of the chunks of the whole
// catalogue a full build stores for replicas (see replica.h).
std::string changeset_key(long long publication);
std::string base_chunk_key(std::size_t chunk);
inline constexpr const char* kBaseChunksKey = "catalogue:base";  // number of chunks, when stored

// The publication recorded in a Xapian database or a catalogue (0 when absent: a generation
// written before publications were numbered).
long long publication_of(const Xapian::Database& db);
long long publication_of(const Catalog& cat);
// Which publication a catalogue holds, as "<generation>.<publication>" ("000008.2"): the name of
// the primary's generation, which a read node's catalogue keeps, so that a primary and its nodes
// name the same publication alike (X-Pratiques-Generation, /api/etat).
std::string publication_label(const Catalog& cat);

// The store beside the link OUT: "OUT.d".
std::string index_store(const std::string& out);

// The database that `pratiques replique` keeps up to date in a read node's store
// (OUT.d/xapian-replique, replica.h): its presence makes OUT a read node's index, which only the
// follower writes.
inline constexpr const char* kReplicatedDir = "xapian-replique";
bool is_replica(const std::string& out);

// The exclusive writer lock of an index (OUT.d/lock, created when missing). Waits up to `wait`
// for another writer to finish, then throws IndexBusy; throws IndexError when the directory
// cannot be written (read-only, full, no permission), naming the cause.
class IndexLock {
 public:
  IndexLock(const std::string& out, std::chrono::milliseconds wait);
  ~IndexLock();
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;
  // The lock when nobody holds it, else nothing (never waits, never throws).
  static std::unique_ptr<IndexLock> try_acquire(const std::string& out);

 private:
  IndexLock() = default;
  int fd_ = -1;
};

// The catalogue of a generation directory, opened for reading. Its writers keep the WAL files
// (SQLITE_FCNTL_PERSIST_WAL), which let it be read on a full disk or a read-only mount; without
// them, in a directory that cannot be written, nothing can change it: it is opened as immutable.
std::unique_ptr<Catalog> open_catalogue(const std::string& generation_dir);
// The same catalogue opened for writing (creating it when missing), keeping its WAL files when it
// closes (keep_wal_files()).
std::unique_ptr<Catalog> open_catalogue_for_writing(const std::string& generation_dir);
void keep_wal_files(Catalog& cat);

// A generation opened for reading at one publication: its Xapian database and its catalogue agree.
struct IndexPair {
  std::string dir;         // the generation directory (canonical path)
  std::string generation;  // its name
  long long publication = 0;
  Xapian::Database xapian;
  std::unique_ptr<Catalog> catalog;  // holds a read transaction: the catalogue as of `publication`
};

// Opens the generation that the link `index` designates now. When the catalogue is one publication
// behind the Xapian database, it waits (up to `patience`) for the writer between its two commits,
// or, when no writer holds the lock, brings the catalogue forward itself (recover()) as SQLite
// rolls back a hot journal. Throws IndexError when there is no index or it cannot be made whole.
IndexPair open_index(const std::string& index, std::chrono::milliseconds patience = std::chrono::seconds(10));

// open_index() for a command that reads the index (search, build, export, the server's searches):
// one wording whatever reads it. No index: « aucun index dans « X » : lancer d'abord « pratiques
// index » »; one that cannot be read: « index illisible (« X ») : … », saying what to run; one of
// another format (catalogue::kIndexFormat): « index au format … ». Throws IndexError (the command
// line's exit code 4).
IndexPair open_index_to_read(const std::string& index, std::chrono::milliseconds patience = std::chrono::seconds(10));

// Brings the catalogue of a generation directory forward to the publication of its Xapian database
// by applying the changeset that the last Xapian commit carries. The caller holds the lock.
// Returns true when the catalogue changed; throws IndexError when they cannot be reconciled.
bool recover(const std::string& generation_dir);

// Records the changes made to a catalogue through its connection (SQLite's session extension), from
// construction on: every table with a primary key.
class ChangeRecorder {
 public:
  explicit ChangeRecorder(Catalog& cat);
  ~ChangeRecorder();
  ChangeRecorder(const ChangeRecorder&) = delete;
  ChangeRecorder& operator=(const ChangeRecorder&) = delete;
  std::string changeset() const;  // the changes so far, as a changeset blob

 private:
  void* session_ = nullptr;  // sqlite3_session (declared by sqlite3.h only with SQLITE_ENABLE_SESSION)
};

// Applies an SQLite session changeset to a catalogue inside one transaction; throws IndexError on
// any conflict (the catalogue was not in the state the changeset was recorded from).
void apply_changeset(Catalog& cat, const std::string& changeset);

}  // namespace pratiques
