// Backups that a running server and `pratiques index` may go on writing during: the server's
// database by SQLite's online backup, the current index generation under the index's writer lock
// (README, "Backups").
#pragma once
#include <chrono>
#include <string>

namespace pratiques {

// Copies the SQLite database `from` (with what its WAL holds) to `to`, a new file, consistent even
// while another process writes it. Throws std::runtime_error, in French, naming the file.
void backup_database(const std::string& from, const std::string& to);

// Copies the index published at `index` (its link and current generation: Xapian database and
// catalogue) under `to`, as `to/index` → `to/index.d/<generation>`, holding the index's writer lock
// (waiting up to `wait` for a publication to end). Returns the generation's name. Throws
// IndexError (index_store.h) or std::runtime_error, in French; IndexError when there is no index at
// `index`, before taking the lock, so that nothing is created beside it.
std::string backup_index(const std::string& index, const std::string& to, std::chrono::milliseconds wait);

}  // namespace pratiques
