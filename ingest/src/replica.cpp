#include "pratiques/replica.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pratiques/failpoint.h"
#include "pratiques/generations.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "write_failure.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

// Xapian stores a metadata value in one B-tree item chain; 1 MiB chunks keep each one modest.
constexpr std::size_t kChunkBytes = 1 << 20;

// Writes the catalogue stored in `db` to `file`. Every chunk is read from the same revision (the
// caller retries on Xapian::DatabaseModifiedError).
void write_catalogue_base(const Xapian::Database& db, const std::string& file) {
  const std::string count = db.get_metadata(kBaseChunksKey);
  if (count.empty() && db.get_doccount() == 0 && db.get_metadata(kGenerationKey).empty())
    throw ReplicaWaiting("en attente de la première copie du primaire…");
  if (count.empty())
    throw IndexError(
        "la base répliquée ne contient pas le catalogue : le primaire doit construire son index avec "
        "XAPIAN_MAX_CHANGESETS défini (« pratiques index --complet », docs/repliques.md)");
  // POSIX calls, for the system's reason of a failure (a node's disk full): clearly() says it.
  const auto failed = [&file](int err) {
    throw fs::filesystem_error("catalogue", file, std::error_code(err, std::generic_category()));
  };
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) failed(errno);
  struct Closing {  // when get_metadata() throws (DatabaseModifiedError: the caller reads again)
    int fd;
    ~Closing() {
      if (fd >= 0) ::close(fd);
    }
  } closing{fd};
  int err = failpoint::fails("replica-base") ? ENOSPC : 0;
  for (std::size_t i = 0, n = std::stoul(count); i < n && !err; ++i) {
    const std::string chunk = db.get_metadata(base_chunk_key(i));
    for (std::size_t done = 0; done < chunk.size() && !err;) {
      const ssize_t w = ::write(fd, chunk.data() + done, chunk.size() - done);
      if (w > 0)
        done += static_cast<std::size_t>(w);
      else if (w < 0 && errno != EINTR)
        err = errno;
    }
  }
  closing.fd = -1;
  if (::close(fd) != 0 && !err) err = errno;
  if (err) failed(err);
}

}  // namespace

bool replication_enabled() {
  const char* v = std::getenv("XAPIAN_MAX_CHANGESETS");
  return v && std::atoi(v) > 0;
}

void store_catalogue_base(Xapian::WritableDatabase& db, const std::string& catalogue_file) {
  std::ifstream in(catalogue_file, std::ios::binary);
  std::string chunk(kChunkBytes, '\0');
  std::size_t n = 0;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
    db.set_metadata(base_chunk_key(n++), chunk.substr(0, static_cast<std::size_t>(in.gcount())));
  db.set_metadata(kBaseChunksKey, std::to_string(n));
}

bool follow_replica(const ReplicaOptions& options) {
  const IndexLock lock(options.out, std::chrono::milliseconds(0));
  // A node's disk full, or its catalogue refused: the cause, and that the node serves its last state.
  return clearly(options.out, [&] {
    Generations generations(options.out);
    for (;;) {
      try {
        std::optional<Xapian::Database> db;
        try {
          db.emplace(options.replicated);
        } catch (const Xapian::DatabaseOpeningError&) {
          return false;  // not replicated yet
        }
        const std::string generation = db->get_metadata(kGenerationKey);
        const auto current = generations.current();
        if (current) {
          long long at = 0;
          bool same_generation = false;
          {
            const std::unique_ptr<Catalog> cat = open_catalogue(*current);
            same_generation = cat->meta(kGenerationKey) == generation;
            at = publication_of(*cat);
          }
          if (same_generation) {
            if (at == publication_of(*db)) return false;
            failpoint::reached("replica-changes");
            return recover(*current);  // applies the changesets that the replicated database carries
          }
        }
        // A new generation (or the first one): its catalogue from the base, then its publications.
        const std::string work = generations.begin();
        try {
          write_catalogue_base(*db, (fs::path(work) / kCatalogFile).string());
          fs::create_symlink(fs::absolute(options.replicated), fs::path(work) / kXapianDir);
          failpoint::reached("replica-base");
          recover(work);
          generations.publish(work);
        } catch (...) {
          generations.abandon(work);
          throw;
        }
        return true;
      } catch (const Xapian::DatabaseModifiedError&) {
        continue;  // xapian-replicate applied changes while this step read: read again
      }
    }
  });
}

std::string served_publication(const ReplicaOptions& options) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(options.out, ec))) return "";
  const std::string dir = resolve_index(options.out);
  if (!fs::exists(fs::path(dir) / kCatalogFile, ec)) return "";
  return publication_label(*open_catalogue(dir));
}

}  // namespace pratiques
