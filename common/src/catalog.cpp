#include "pratiques/catalog.h"

namespace pratiques {

namespace {

// Each migration brings the schema from version i to i + 1. Never edit a published one:
// append a new step instead.
const char* const kCatalogueMigrations[] = {
    // 0 → 1: the catalogue of content.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(path TEXT PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,
                   mtime INTEGER NOT NULL, hash TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE TABLE sheets(id TEXT PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL, titre TEXT NOT NULL,
                    en_bref TEXT NOT NULL, type_fiche TEXT, date_debut TEXT, date_publication TEXT,
                    date_revue TEXT, front_json TEXT NOT NULL, preamble TEXT NOT NULL DEFAULT '');
CREATE TABLE sheet_values(sheet_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL,
                          PRIMARY KEY(sheet_id, facet, value));
CREATE INDEX sheet_values_by_value ON sheet_values(facet, value);
CREATE TABLE sections(sheet_id TEXT NOT NULL, key TEXT NOT NULL, ord INTEGER NOT NULL, title TEXT NOT NULL,
                      anchor TEXT NOT NULL, markdown TEXT NOT NULL, undocumented INTEGER NOT NULL,
                      PRIMARY KEY(sheet_id, key));
CREATE TABLE links(from_id TEXT NOT NULL, to_id TEXT NOT NULL, relation TEXT, line INTEGER NOT NULL DEFAULT 1,
                   PRIMARY KEY(from_id, to_id));
CREATE INDEX links_to ON links(to_id);
CREATE TABLE old_ids(old_id TEXT PRIMARY KEY, sheet_id TEXT NOT NULL);
CREATE TABLE vocabularies(vocab TEXT NOT NULL, slug TEXT NOT NULL, label TEXT NOT NULL, parent TEXT,
                          ord INTEGER NOT NULL, PRIMARY KEY(vocab, slug));
CREATE TABLE facet_values(id INTEGER PRIMARY KEY, facet TEXT NOT NULL, value TEXT NOT NULL, label TEXT NOT NULL,
                          parent TEXT);
CREATE TABLE synonym_terms(group_id INTEGER NOT NULL, group_name TEXT NOT NULL, term TEXT NOT NULL);
CREATE TABLE courses(id TEXT PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL, titre TEXT NOT NULL,
                     front_json TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE course_sections(course_id TEXT NOT NULL, key TEXT NOT NULL, ord INTEGER NOT NULL,
                             title TEXT NOT NULL, anchor TEXT NOT NULL, markdown TEXT NOT NULL,
                             PRIMARY KEY(course_id, key));
CREATE TABLE pages(id TEXT PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL, titre TEXT NOT NULL,
                   front_json TEXT NOT NULL, body TEXT NOT NULL);
)sql",
    // 1 → 2: the plain text of sheets for result extracts, read only for the results shown (it
    // was in the Xapian document data, inflated for every result even when unused).
    R"sql(
CREATE TABLE sheet_text(sheet_id TEXT PRIMARY KEY, body TEXT NOT NULL);
)sql",
    // 2 → 3: the facet definitions, which FacetSpace::save created outside the migrations
    // (IF NOT EXISTS: catalogues written before have the table already). Version 2 was first the
    // search log, then, edited once published, the text of extracts: a catalogue of the first
    // history gets the latter here.
    R"sql(
CREATE TABLE IF NOT EXISTS facets(ord INTEGER PRIMARY KEY, key TEXT NOT NULL, label TEXT NOT NULL, field TEXT NOT NULL,
                                  vocabulary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sheet_text(sheet_id TEXT PRIMARY KEY, body TEXT NOT NULL);
)sql",
    // 3 → 4: the publication history (sheet_history.cpp): OAI-PMH datestamps and deleted records,
    // carried forward from the published generation by every run; near-duplicate fingerprints.
    R"sql(
CREATE TABLE sheet_history(id TEXT PRIMARY KEY, hash TEXT NOT NULL, datestamp TEXT NOT NULL, status TEXT NOT NULL,
                           title TEXT NOT NULL, replaced_by TEXT NOT NULL DEFAULT '', sets TEXT NOT NULL DEFAULT '');
CREATE INDEX sheet_history_by_datestamp ON sheet_history(datestamp);
-- Near-duplicates (near_duplicates.cpp): a MinHash signature per sheet, and its LSH band keys.
CREATE TABLE sheet_fingerprints(id INTEGER PRIMARY KEY, sheet_id TEXT NOT NULL UNIQUE, signature TEXT NOT NULL);
CREATE TABLE fingerprint_bands(band_key INTEGER NOT NULL, fingerprint INTEGER NOT NULL,
                               PRIMARY KEY(band_key, fingerprint)) WITHOUT ROWID;
-- What the SKOS vocabularies need beyond slugs and labels: schemes, definitions, synonyms
-- (altLabel, one per line) and correspondences ("closeMatch https://…", one per line).
CREATE TABLE vocabulary_schemes(vocab TEXT PRIMARY KEY, label TEXT NOT NULL, hierarchical INTEGER NOT NULL);
CREATE TABLE vocabulary_details(vocab TEXT NOT NULL, slug TEXT NOT NULL, definition TEXT NOT NULL, alt_labels TEXT NOT NULL,
                                matches TEXT NOT NULL, PRIMARY KEY(vocab, slug));
)sql",
    // 4 → 5: facet values found by (facet, value): a result's extract joins its sheet's values to
    // their labels (catalogue::sheet_values), which scanned every facet value for each one.
    R"sql(
CREATE INDEX facet_values_by_value ON facet_values(facet, value);
)sql",
    // 5 → 6: the sheets by their next review (catalogue::reviews_due, the curators' « Revues à
    // faire »), which read every sheet's front matter at each call. The expression is the one
    // catalogue.cpp queries (kNextReviewSql): SQLite uses such an index only for that expression.
    R"sql(
CREATE INDEX sheets_by_next_review ON sheets(json_extract(front_json, '$.curation.prochaine_revue'), id);
)sql",
    // The search log lives in the server's own database (site/server/search_log.cpp): an index
    // generation is replaced by every `pratiques index`.
};

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw CatalogError("catalogue SQLite : " + what + " : " + (db ? sqlite3_errmsg(db) : "?") + " (code " +
                     std::to_string(db ? sqlite3_extended_errcode(db) : -1) + ")");
}

}  // namespace

const Schema& catalogue_schema() {
  // WAL: a publication writes the catalogue of the generation that servers read (index_store.h).
  static const Schema schema{
      "catalogue", std::vector<std::string>(std::begin(kCatalogueMigrations), std::end(kCatalogueMigrations)), "WAL"};
  return schema;
}
static_assert(std::size(kCatalogueMigrations) == Catalog::kSchemaVersion);

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    fail(db, "requête invalide « " + sql.substr(0, 60) + " »");
}
Statement::~Statement() { sqlite3_finalize(stmt_); }
Statement& Statement::bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int i, long long v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "exécution");
}
void Statement::run() {
  while (step()) {
  }
  reset();
}
void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}
std::string Statement::text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : "";
}
std::string_view Statement::text_view(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string_view();
}
long long Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Catalog::Catalog(const std::string& path, bool writable) : Catalog(path, writable, catalogue_schema()) {}

Catalog::Catalog(const std::string& path, bool writable, const Schema& schema) : schema_(&schema) {
  int flags = writable ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = "ouverture de " + path;
    sqlite3* db = db_;
    db_ = nullptr;
    try {
      fail(db, msg);
    } catch (...) {
      sqlite3_close(db);
      throw;
    }
  }
  sqlite3_busy_timeout(db_, 5000);
  if (writable) {
    try {
      exec("PRAGMA journal_mode=" + schema.journal_mode + "; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
      migrate();
    } catch (...) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
  } else if (const int v = schema_version(); v > schema.version()) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw CatalogError(schema.name + " " + path + " : version de schéma " + std::to_string(v) +
                       " plus récente que ce programme (" + std::to_string(schema.version()) + ")");
  }
}

// close_v2: a Statement that outlives its Catalog (a reader kept across a reopening of the index)
// keeps the connection alive until it is finalized, instead of the connection leaking.
Catalog::~Catalog() { sqlite3_close_v2(db_); }

void Catalog::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw CatalogError("catalogue SQLite : " + msg);
  }
}

void Catalog::transaction(const std::function<void()>& body) {
  exec("BEGIN IMMEDIATE");
  try {
    body();
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  exec("COMMIT");
}

bool Catalog::has_table(const std::string& name) const {
  Statement s(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  s.bind(1, name);
  return s.step();
}

int Catalog::schema_version() const {
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &s, nullptr);
  int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
  sqlite3_finalize(s);
  return v;
}

void Catalog::migrate() {
  const int current = schema_version();
  if (current > schema_->version())
    throw CatalogError(schema_->name + " : version de schéma " + std::to_string(current) +
                       " inconnue de ce programme (" + std::to_string(schema_->version()) + ")");
  for (int v = current; v < schema_->version(); ++v) {
    transaction([&] {
      exec(schema_->migrations[static_cast<std::size_t>(v)]);
      exec("PRAGMA user_version = " + std::to_string(v + 1));
    });
  }
}

std::string Catalog::meta(const std::string& key) const {
  Statement s(db_, "SELECT value FROM meta WHERE key = ?");
  s.bind(1, key);
  return s.step() ? s.text(0) : "";
}

void Catalog::set_meta(const std::string& key, const std::string& value) {
  Statement s(db_, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(1, key).bind(2, value).run();
}

}  // namespace pratiques
