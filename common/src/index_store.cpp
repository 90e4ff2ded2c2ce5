// The session extension's declarations are compiled in only when these are defined (Debian's
// libsqlite3 is built with both: `PRAGMA compile_options`).
#define SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_PREUPDATE_HOOK
#include "pratiques/index_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "pratiques/catalogue.h"
#include "pratiques/index_layout.h"
#include "pratiques/os_error.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

std::string padded(unsigned long long n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < width ? width - s.size() : 0, '0') + s;
}

long long to_serial(const std::string& s) {
  if (s.empty()) return 0;
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    throw IndexError("numéro de publication illisible : « " + s + " »");
  }
}

}  // namespace

std::string changeset_key(long long publication) {
  return "catalogue:" + padded(static_cast<unsigned long long>(publication), 12);
}
std::string base_chunk_key(std::size_t chunk) { return std::string(kBaseChunksKey) + ":" + padded(chunk, 6); }

long long publication_of(const Xapian::Database& db) { return to_serial(db.get_metadata(kPublicationKey)); }
long long publication_of(const Catalog& cat) { return to_serial(cat.meta(kPublicationKey)); }
std::string publication_label(const Catalog& cat) {
  return cat.meta(kGenerationKey) + "." + std::to_string(publication_of(cat));
}

std::string index_store(const std::string& out) {
  std::string s = out;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s + ".d";
}

bool is_replica(const std::string& out) {
  std::error_code ec;
  return fs::exists(fs::path(index_store(out)) / kReplicatedDir, ec);
}

IndexLock::IndexLock(const std::string& out, std::chrono::milliseconds wait) {
  const std::string store = index_store(out);
  std::error_code ec;
  fs::create_directories(store, ec);
  if (ec) throw IndexError("impossible de créer « " + store + " » : " + os_error_text(ec.value()));
  fd_ = ::open((store + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw IndexError("impossible d'écrire dans « " + store + " » : " + os_error_text(errno));
  // A lock file can stay writable in a directory that no longer is (read-only mount, permissions):
  // say so now rather than fail on the first file of the new generation.
  const std::string probe = store + "/.ecriture";
  const int p = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (p < 0) {
    const int err = errno;
    ::close(fd_);
    throw IndexError("impossible d'écrire dans « " + store + " » : " + os_error_text(err));
  }
  ::close(p);
  ::unlink(probe.c_str());
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw IndexBusy("un autre « pratiques index » (ou une publication) écrit déjà dans « " + out +
                      " » ; réessayer quand il aura fini");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

IndexLock::~IndexLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

std::unique_ptr<IndexLock> IndexLock::try_acquire(const std::string& out) {
  const int fd = ::open((index_store(out) + "/lock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return nullptr;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return nullptr;
  }
  std::unique_ptr<IndexLock> lock(new IndexLock);
  lock->fd_ = fd;
  return lock;
}

namespace {
sqlite3_session* as_session(void* p) { return static_cast<sqlite3_session*>(p); }
}  // namespace

ChangeRecorder::ChangeRecorder(Catalog& cat) {
  sqlite3_session* s = nullptr;
  const int rc = sqlite3session_create(cat.handle(), "main", &s);
  session_ = s;
  if (rc != SQLITE_OK || sqlite3session_attach(s, nullptr) != SQLITE_OK)
    throw IndexError(std::string("catalogue : enregistrement des changements impossible : ") +
                     sqlite3_errmsg(cat.handle()));
}

ChangeRecorder::~ChangeRecorder() { sqlite3session_delete(as_session(session_)); }

std::string ChangeRecorder::changeset() const {
  int size = 0;
  void* data = nullptr;
  if (sqlite3session_changeset(as_session(session_), &size, &data) != SQLITE_OK)
    throw IndexError("catalogue : changements illisibles");
  std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
  sqlite3_free(data);
  return out;
}

void apply_changeset(Catalog& cat, const std::string& changeset) {
  auto abort_on_conflict = [](void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; };
  const int rc = sqlite3changeset_apply(cat.handle(), static_cast<int>(changeset.size()),
                                        const_cast<char*>(changeset.data()), nullptr, abort_on_conflict, nullptr);
  if (rc != SQLITE_OK)
    throw IndexError("catalogue : les changements d'une publication ne s'y appliquent pas (" +
                     std::string(sqlite3_errstr(rc)) + ") : relancer « pratiques index --complet »");
}

std::unique_ptr<Catalog> open_catalogue(const std::string& generation_dir) {
  const std::string file = (fs::path(generation_dir) / kCatalogFile).string();
  if (::access(generation_dir.c_str(), W_OK) == 0 || fs::exists(file + "-wal"))
    return std::make_unique<Catalog>(file, false);
  std::string uri = "file:";  // Debian's SQLite takes URIs (SQLITE_USE_URI)
  for (char c : file) {
    if (c == '%' || c == '?' || c == '#') {
      static const char hex[] = "0123456789ABCDEF";
      uri += '%';
      uri += hex[static_cast<unsigned char>(c) >> 4];
      uri += hex[c & 0xF];
    } else {
      uri += c;
    }
  }
  return std::make_unique<Catalog>(uri + "?immutable=1", false);
}

std::unique_ptr<Catalog> open_catalogue_for_writing(const std::string& generation_dir) {
  auto cat = std::make_unique<Catalog>((fs::path(generation_dir) / kCatalogFile).string(), true);
  keep_wal_files(*cat);
  return cat;
}

void keep_wal_files(Catalog& cat) {
  int keep = 1;
  sqlite3_file_control(cat.handle(), "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
  // Kept, but emptied once checkpointed: otherwise the file stays at its largest size, and the next
  // writer reads it whole to rebuild its index (20 MB after 50 one-sheet publications at 30,000 sheets).
  cat.exec("PRAGMA journal_size_limit=0");
}

bool recover(const std::string& generation_dir) {
  const fs::path dir(generation_dir);
  const Xapian::Database db((dir / kXapianDir).string());
  const long long target = publication_of(db);
  const std::unique_ptr<Catalog> opened = open_catalogue_for_writing(generation_dir);
  Catalog& cat = *opened;
  const long long at = publication_of(cat);
  if (at == target) return false;
  const std::string xapian_generation = db.get_metadata(kGenerationKey),
                    catalogue_generation = cat.meta(kGenerationKey);
  if (at > target || xapian_generation != catalogue_generation)
    throw IndexError("index incohérent dans « " + generation_dir + " » (catalogue : génération « " +
                     catalogue_generation + " », publication " + std::to_string(at) + " ; Xapian : génération « " +
                     xapian_generation + " », publication " + std::to_string(target) +
                     ") : relancer « pratiques index --complet »");
  std::vector<std::string> changesets;
  for (long long p = at + 1; p <= target; ++p) {
    changesets.push_back(db.get_metadata(changeset_key(p)));
    if (changesets.back().empty())
      throw IndexError("le catalogue de « " + generation_dir + " » a " + std::to_string(target - at) +
                       " publication(s) de retard sur la base Xapian, qui n'en garde pas les changements : relancer « "
                       "pratiques index --complet »");
  }
  cat.transaction([&] {
    for (const auto& c : changesets) apply_changeset(cat, c);
  });
  return true;
}

IndexPair open_index(const std::string& index, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (;;) {
    IndexPair p;
    p.dir = resolve_index(index);
    p.generation = fs::path(p.dir).filename().string();
    const fs::path catalogue = fs::path(p.dir) / kCatalogFile;
    if (!fs::exists(catalogue))
      throw IndexError(is_replica(index) ? "aucun index dans « " + index +
                                               " » pour l'instant : « pratiques replique » n'a pas encore reçu la "
                                               "première copie du primaire"
                                         : "aucun index dans « " + index + " » : lancer d'abord « pratiques index »");
    long long behind = 0;
    bool same_generation = true;
    try {
      p.catalog = open_catalogue(p.dir);
      p.catalog->exec("BEGIN");  // the snapshot starts at the first read, just below, and lasts
      p.publication = publication_of(*p.catalog);
      // Opened after the catalogue: a writer commits Xapian first, so the Xapian database is never
      // behind the catalogue read here.
      p.xapian = Xapian::Database((fs::path(p.dir) / kXapianDir).string());
      behind = publication_of(p.xapian) - p.publication;
      same_generation = p.xapian.get_metadata(kGenerationKey) == p.catalog->meta(kGenerationKey);
      if (behind == 0 && same_generation) return p;
    } catch (const Xapian::DatabaseModifiedError&) {
      continue;  // two commits while opening: open again
    } catch (const Xapian::Error& e) {
      throw IndexError("base Xapian illisible dans « " + p.dir + " » : " + e.get_msg());
    } catch (const CatalogError& e) {
      throw IndexError(std::string("catalogue illisible : ") + e.what());
    }
    p = IndexPair{};
    if (same_generation && behind < 0)
      throw IndexError("index incohérent dans « " + resolve_index(index) +
                       " » (le catalogue est en avance sur la base Xapian) : "
                       "relancer « pratiques index --complet »");
    // Behind: a writer is between its two commits (it commits the catalogue in a moment), or was
    // killed there, or a replica's follower has not applied the last changes yet (replica.h).
    if (same_generation)
      if (auto lock = IndexLock::try_acquire(index)) {
        bool recovered = false;
        try {
          recovered = recover(resolve_index(index));
        } catch (const CatalogError&) {
          // not allowed to write the catalogue: wait for whoever may
        }
        if (recovered) continue;
      }
    if (std::chrono::steady_clock::now() >= deadline) {
      // A read node's store is repaired by its follower, never by `pratiques index` (replica.h).
      const std::string why = same_generation ? "le catalogue est en retard de " + std::to_string(behind) +
                                                    " publication(s) sur la base Xapian"
                                              : "la base Xapian et le catalogue ne sont pas de la même génération";
      throw IndexError("l'index « " + index + " » n'est pas dans un état cohérent (" + why + ") : " +
                       (is_replica(index) ? "« pratiques replique » le remet en état en appliquant la copie du primaire"
                                          : "lancer « pratiques index » pour le réparer"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

IndexPair open_index_to_read(const std::string& index, std::chrono::milliseconds patience) {
  IndexPair pair;
  try {
    pair = open_index(index, patience);  // the Xapian database and the catalogue at the same publication
  } catch (const IndexError& e) {
    const std::string what = e.what();
    if (what.starts_with("aucun index")) throw;
    // What to run, unless the message says it (a read node's store is its follower's to repair).
    const bool said = what.find("« pratiques ") != std::string::npos || is_replica(index);
    throw IndexError("index illisible (« " + index + " ») : " + what +
                     (said ? "" : " : relancer « pratiques index », qui le reconstruit"));
  }
  // An index of another format would answer, wrongly (format 9's phrases find nothing here).
  if (const std::string format = pair.catalog->meta("index_format"); format != catalogue::kIndexFormat)
    throw IndexError("index au format « " + format + " », ce programme lit le format " + catalogue::kIndexFormat +
                     " : relancez « pratiques index », qui le reconstruit");
  return pair;
}

}  // namespace pratiques
