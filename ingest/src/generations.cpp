#include "pratiques/generations.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "pratiques/failpoint.h"
#include "pratiques/index_store.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

void fsync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw fs::filesystem_error("fsync", p, std::error_code(err, std::generic_category()));
}

void fsync_tree(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) fsync_path(e.path());
  fsync_path(dir);
}

bool is_number(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit); }

std::vector<long> numbered(const fs::path& store) {
  std::vector<long> out;
  for (const auto& e : fs::directory_iterator(store))
    if (const std::string name = e.path().filename().string(); is_number(name)) out.push_back(std::stol(name));
  std::sort(out.begin(), out.end());
  return out;
}

std::string generation_name(long n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 6 ? 6 - s.size() : 0, '0') + s;
}

}  // namespace

Generations::Generations(std::string out) : out_(std::move(out)) {
  while (out_.size() > 1 && out_.back() == '/') out_.pop_back();
  store_ = index_store(out_);
  fs::create_directories(store_);
  if (fs::exists(fs::symlink_status(out_)) && !fs::is_symlink(fs::symlink_status(out_)))
    throw IndexError(out_ +
                     " existe et n'est pas un index géré par pratiques (lien symbolique attendu) : le déplacer ou "
                     "choisir une autre sortie");
  remove_leftovers();
}

void Generations::remove_leftovers() {
  const auto cur = current();
  const long current_n = cur ? std::stol(fs::path(*cur).filename().string()) : 0;
  long previous_n = 0;  // kept: readers may still have it open
  for (long n : numbered(store_))
    if (n < current_n) previous_n = n;
  for (const auto& e : fs::directory_iterator(store_)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name.substr(name.size() - 4) == ".tmp")
      fs::remove_all(e.path());  // never published
    else if (is_number(name) && std::stol(name) != current_n && std::stol(name) != previous_n)
      fs::remove_all(e.path());
  }
}

std::optional<std::string> Generations::current() const {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(out_, ec))) return std::nullopt;
  const fs::path target = fs::canonical(out_, ec);
  if (ec || !fs::is_directory(target) || !is_number(target.filename().string())) return std::nullopt;
  return target.string();
}

std::string Generations::begin() {
  const auto nums = numbered(store_);
  const fs::path work = fs::path(store_) / (generation_name(nums.empty() ? 1 : nums.back() + 1) + ".tmp");
  fs::remove_all(work);
  fs::create_directories(work);
  return work.string();
}

std::string Generations::publish(const std::string& work) {
  const std::optional<std::string> replaced = current();
  fsync_tree(work);
  failpoint::reached("generation-ready");
  const fs::path final_dir = fs::path(work).replace_extension("");
  fs::rename(work, final_dir);
  try {
    fsync_path(store_);
    failpoint::reached("renamed");
    // Relative link, so that the index can be moved with its store.
    const fs::path link_tmp = out_ + ".link.tmp";
    fs::remove(link_tmp);
    fs::create_symlink(fs::path(fs::path(store_).filename()) / final_dir.filename(), link_tmp);
    fs::rename(link_tmp, out_);
  } catch (...) {
    abandon(final_dir.string());  // not linked: never published
    throw;
  }
  fsync_path(fs::path(out_).parent_path().empty() ? fs::path(".") : fs::path(out_).parent_path());
  failpoint::reached("link");
  for (long n : numbered(store_)) {
    const fs::path dir = fs::path(store_) / generation_name(n);
    if (dir != final_dir && (!replaced || dir != fs::path(*replaced))) fs::remove_all(dir);
  }
  failpoint::reached("cleanup");
  return final_dir.string();
}

void Generations::abandon(const std::string& work) noexcept {
  std::error_code ec;
  fs::remove_all(work, ec);
}

}  // namespace pratiques
