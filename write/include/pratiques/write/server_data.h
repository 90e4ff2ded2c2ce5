// The server's own database (`--donnees DIR`, DIR/pratiques.sqlite; DESIGN-NOTES decision 3): the
// search log, and for the write side accounts, sessions, API tokens, contributions, their versions
// and their journal. One versioned schema (PRAGMA user_version, same mechanism as the catalogue):
// `pratiques serve`, `pratiques utilisateur` and `pratiques rapport` open the same file.
#pragma once
#include <mutex>
#include <string>

#include "pratiques/catalog.h"

namespace pratiques::write {

const Schema& server_schema();
// <data dir>/pratiques.sqlite
std::string server_database(const std::string& data_dir);

// One connection shared by the threads that use it, one at a time: the write side's requests are
// few and short, and SQLite serialises writers anyway. (The search log keeps its own connection.)
class Database {
 public:
  // Creates the directory and the file when needed, and migrates. Throws CatalogError.
  explicit Database(const std::string& path);
  // Runs f(Catalog&) alone on the connection.
  template <class F>
  auto with(F&& f) {
    std::lock_guard lock(mutex_);
    return f(db_);
  }
  // Runs f(Catalog&) alone in one transaction (BEGIN IMMEDIATE … COMMIT; ROLLBACK when it throws).
  template <class F>
  void transaction(F&& f) {
    std::lock_guard lock(mutex_);
    db_.transaction([&] { f(db_); });
  }
  const std::string& path() const { return path_; }

 private:
  static Catalog open(const std::string& path);
  std::mutex mutex_;
  std::string path_;
  Catalog db_;
};

}  // namespace pratiques::write
