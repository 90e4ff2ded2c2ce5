// The SQLite catalogue beside the Xapian index: sheets and their metadata, sections, links,
// vocabularies, courses, pages, content hashes. Versioned schema (PRAGMA user_version); the same
// mechanism serves other databases (the search server's, var/pratiques.sqlite).
#pragma once
#include <sqlite3.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

struct CatalogError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A prepared statement; bind with 1-based positions, step() until it returns false.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int i, const std::string& v);
  Statement& bind(int i, long long v);
  bool step();  // true while a row is available
  void run();   // step to completion, then reset for reuse
  void reset();
  std::string text(int col) const;
  // The same without a copy, valid until the next step() or reset().
  std::string_view text_view(int col) const;
  long long integer(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// A versioned SQLite schema: migrations[i] brings a database from version i to i + 1
// (PRAGMA user_version). Never edit a published migration: append a new one.
struct Schema {
  std::string name;  // in messages: "catalogue", "données du serveur"
  std::vector<std::string> migrations;
  std::string journal_mode = "DELETE";  // "WAL" for a database written while others read it
  int version() const { return static_cast<int>(migrations.size()); }
};

// The catalogue beside each index generation (rebuilt by every `pratiques index`).
const Schema& catalogue_schema();

class Catalog {
 public:
  static constexpr int kSchemaVersion = 6;  // catalogue_schema().version()
  // Opens (creating and migrating when writable) the catalogue file.
  Catalog(const std::string& path, bool writable);
  // Opens any database of the given schema (e.g. the server's search log).
  Catalog(const std::string& path, bool writable, const Schema& schema);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(db_, sql); }
  void transaction(const std::function<void()>& body);
  std::string meta(const std::string& key) const;
  void set_meta(const std::string& key, const std::string& value);
  int schema_version() const;
  bool has_table(const std::string& name) const;
  sqlite3* handle() { return db_; }

 private:
  void migrate();
  const Schema* schema_;
  sqlite3* db_ = nullptr;
};

}  // namespace pratiques
