// The grid and vocabularies as schemas/ holds them now, for the write side's checks and forms: a
// server started before a vocabulary value was added refused it until it restarted. A change is
// seen at most a second after it is made; schemas that no longer load (a file being edited) leave
// the last grid that loaded in use, and are reported once on stderr.
#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "pratiques/grid.h"

namespace pratiques::write {

class CurrentGrid {
 public:
  // Loads the grid (GridError when it cannot). `recheck`: how long a look at schemas/ holds (the
  // files are listed and stat'ed at most that often).
  explicit CurrentGrid(std::string schemas, std::chrono::milliseconds recheck = std::chrono::seconds(1));
  // The grid, reloaded first when a file of schemas/ changed (its list, sizes or times).
  std::shared_ptr<const Grid> get();

 private:
  std::string signature() const;

  std::string schemas_;
  std::chrono::milliseconds recheck_;
  std::mutex mutex_;
  std::string signature_;
  std::string refused_;  // the signature of files that did not load (reported once)
  std::chrono::steady_clock::time_point checked_at_;
  std::shared_ptr<const Grid> grid_;
};

}  // namespace pratiques::write
