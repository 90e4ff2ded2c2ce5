#include "pratiques/write/current_grid.h"

#include <filesystem>
#include <iostream>
#include <set>

namespace fs = std::filesystem;

namespace pratiques::write {

CurrentGrid::CurrentGrid(std::string schemas, std::chrono::milliseconds recheck)
    : schemas_(std::move(schemas)),
      recheck_(recheck),
      signature_(signature()),
      checked_at_(std::chrono::steady_clock::now()),
      grid_(std::make_shared<const Grid>(load_grid(schemas_))) {}

std::string CurrentGrid::signature() const {
  std::set<std::string> files;  // in order: directory iteration has none
  std::error_code ec;
  for (fs::recursive_directory_iterator it(schemas_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto size = it->file_size(ec);
    const auto time = it->last_write_time(ec).time_since_epoch().count();
    files.insert(it->path().string() + '\t' + std::to_string(size) + '\t' + std::to_string(time));
  }
  std::string out;
  for (const auto& f : files) out += f + '\n';
  return out;
}

std::shared_ptr<const Grid> CurrentGrid::get() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - checked_at_ < recheck_) return grid_;
  checked_at_ = now;
  std::string current = signature();
  if (current == signature_ || current == refused_) return grid_;
  try {
    grid_ = std::make_shared<const Grid>(load_grid(schemas_));
    signature_ = std::move(current);
    refused_.clear();
  } catch (const std::exception& e) {
    // Half edited: the last grid that loaded stays; the next change is tried again. Said once per
    // state of the files, so that whoever edits schemas/ learns why the forms did not follow.
    refused_ = std::move(current);
    std::cerr << "pratiques serve : schémas illisibles, la grille précédente reste en service : " << e.what() << "\n";
  }
  return grid_;
}

}  // namespace pratiques::write
