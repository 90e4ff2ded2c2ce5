#include "pratiques/write/server_data.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace pratiques::write {

const Schema& server_schema() {
  static const Schema schema{
      "base de données du serveur",
      {
          // 0 → 1: the search log, as it first was (in the catalogue, whence it moved).
          R"sql(
CREATE TABLE search_log(at TEXT NOT NULL, query TEXT NOT NULL, filters TEXT NOT NULL, results INTEGER NOT NULL);
CREATE INDEX search_log_at ON search_log(at);
)sql",
          // 1 → 2: grouping key (case and accents folded), whether the spelling correction was
          // applied, and where the search came from (page, api, saisie).
          R"sql(
ALTER TABLE search_log ADD COLUMN query_key TEXT NOT NULL DEFAULT '';
ALTER TABLE search_log ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE search_log ADD COLUMN origin TEXT NOT NULL DEFAULT 'page';
UPDATE search_log SET query_key = lower(trim(query));
CREATE INDEX search_log_key ON search_log(query_key);
)sql",
          // 2 → 3: the spelling suggestion (applied or offered), the results that hold every word,
          // and how many sheets the index held: the report's corrected and "everything" queries.
          R"sql(
ALTER TABLE search_log ADD COLUMN suggestion TEXT NOT NULL DEFAULT '';
ALTER TABLE search_log ADD COLUMN complete INTEGER NOT NULL DEFAULT 0;
ALTER TABLE search_log ADD COLUMN collection INTEGER NOT NULL DEFAULT 0;
)sql",
          // 3 → 4: the write side (issue 10). Secrets (passwords, session ids, activation links,
          // API tokens) are stored hashed only. Times: unix seconds where they are compared,
          // ISO 8601 UTC where they are shown. The journal is append-only (triggers).
          R"sql(
CREATE TABLE accounts(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
                      role TEXT NOT NULL, password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0,
                      created_at TEXT NOT NULL);
CREATE TABLE activations(token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                         expires_at INTEGER NOT NULL);
CREATE TABLE api_tokens(token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                        created_at TEXT NOT NULL);
CREATE TABLE sessions(id_hash TEXT PRIMARY KEY, account_id INTEGER REFERENCES accounts(id), csrf TEXT NOT NULL,
                      created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX sessions_by_account ON sessions(account_id);
CREATE TABLE contributions(id INTEGER PRIMARY KEY, sheet_id TEXT NOT NULL UNIQUE,
                           author_id INTEGER NOT NULL REFERENCES accounts(id), state TEXT NOT NULL,
                           version INTEGER NOT NULL, reviewer_id INTEGER REFERENCES accounts(id),
                           published_version INTEGER, title TEXT NOT NULL DEFAULT '', next_review TEXT NOT NULL DEFAULT '',
                           created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX contributions_by_author ON contributions(author_id);
CREATE INDEX contributions_by_state ON contributions(state);
CREATE TABLE versions(contribution_id INTEGER NOT NULL REFERENCES contributions(id), number INTEGER NOT NULL,
                      markdown TEXT NOT NULL, author_id INTEGER NOT NULL REFERENCES accounts(id),
                      created_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', PRIMARY KEY(contribution_id, number));
CREATE TABLE stale_saves(id INTEGER PRIMARY KEY, contribution_id INTEGER NOT NULL REFERENCES contributions(id),
                         based_on INTEGER NOT NULL, markdown TEXT NOT NULL, author_id INTEGER NOT NULL REFERENCES accounts(id),
                         created_at TEXT NOT NULL);
CREATE TABLE journal(id INTEGER PRIMARY KEY, contribution_id INTEGER NOT NULL REFERENCES contributions(id),
                     at TEXT NOT NULL, account_id INTEGER NOT NULL REFERENCES accounts(id), action TEXT NOT NULL,
                     from_state TEXT, to_state TEXT NOT NULL, version INTEGER NOT NULL, comment TEXT NOT NULL DEFAULT '');
CREATE INDEX journal_by_contribution ON journal(contribution_id);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;
)sql",
          // 4 → 5: what a contribution proposes (issue 17): a sheet or a course for trainers
          // (write/kind.h). Ids stay unique across both kinds: a course id names no sheet's draft.
          R"sql(
ALTER TABLE contributions ADD COLUMN kind TEXT NOT NULL DEFAULT 'fiche';
CREATE INDEX contributions_by_kind ON contributions(kind, author_id);
)sql",
          // 5 → 6: the published file as a contribution last saw it (SHA-256, '' when there was
          // none), so that a publication never overwrites changes made to it by hand or by Git
          // since (Contributions::publish). NULL: a contribution of before, not checked.
          R"sql(
ALTER TABLE contributions ADD COLUMN file_base TEXT;
)sql",
          // 6 → 7: the one-time key of the form that created a contribution (Contributions::create):
          // the same form sent again (a double click, a slow network, a form resent) finds its
          // draft instead of creating a second one. NULL: created without one (the API, before).
          R"sql(
ALTER TABLE contributions ADD COLUMN submission_key TEXT;
CREATE UNIQUE INDEX contributions_by_submission ON contributions(author_id, submission_key)
  WHERE submission_key IS NOT NULL;
)sql",
      },
      "WAL"};
  return schema;
}

std::string server_database(const std::string& data_dir) { return (fs::path(data_dir) / "pratiques.sqlite").string(); }

Catalog Database::open(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  return Catalog(path, true, server_schema());
}

Database::Database(const std::string& path) : path_(path), db_(open(path)) {}

}  // namespace pratiques::write
