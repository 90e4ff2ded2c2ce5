#include "pratiques/backup.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "pratiques/index_store.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Handle open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Handle h(db, &sqlite3_close);
  if (rc != SQLITE_OK)
    throw std::runtime_error("sauvegarde : impossible d'ouvrir « " + path +
                             " » : " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  return h;
}

}  // namespace

void backup_database(const std::string& from, const std::string& to) {
  if (!fs::exists(from)) throw std::runtime_error("sauvegarde : aucune base « " + from + " »");
  if (fs::exists(to)) throw std::runtime_error("sauvegarde : « " + to + " » existe déjà");
  const Handle source = open(from, SQLITE_OPEN_READONLY);
  sqlite3_busy_timeout(source.get(), 10000);
  const Handle target = open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(target.get(), "main", source.get(), "main");
  if (!b) throw std::runtime_error("sauvegarde de « " + from + " » : " + sqlite3_errmsg(target.get()));
  // All pages in one step: the source is read in one transaction, so the copy is one state of it.
  int rc;
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw std::runtime_error("sauvegarde de « " + from + " » vers « " + to + " » : " + sqlite3_errstr(rc));
}

std::string backup_index(const std::string& index, const std::string& to, std::chrono::milliseconds wait) {
  const std::string none = "aucun index publié à « " + index + " » (--index DIR)";
  std::error_code ec;
  // Before the lock, which creates INDEX.d/lock: nothing is written beside a missing index.
  if (!fs::exists(fs::path(index) / "xapian", ec)) throw IndexError(none);
  const IndexLock lock(index, wait);  // no publication while the generation is copied
  const fs::path current = fs::canonical(index, ec);
  if (ec || !fs::exists(current / "xapian")) throw IndexError(none);
  const std::string generation = current.filename().string();
  const fs::path target = fs::path(to) / "index.d" / generation;
  fs::create_directories(target);
  fs::copy(current / "xapian", target / "xapian", fs::copy_options::recursive);
  backup_database((current / "catalogue.sqlite").string(), (target / "catalogue.sqlite").string());
  fs::create_directory_symlink(fs::path("index.d") / generation, fs::path(to) / "index");
  return generation;
}

}  // namespace pratiques
