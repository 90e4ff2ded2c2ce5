#include "pratiques/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace pratiques {

namespace {

void fsync_path(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void fsync_tree(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) fsync_path(e.path());
  fsync_path(dir);
}

std::vector<long> numbered(const fs::path& store) {
  std::vector<long> out;
  if (!fs::is_directory(store)) return out;
  for (const auto& e : fs::directory_iterator(store)) {
    const std::string name = e.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) out.push_back(std::stol(name));
  }
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
  store_ = out_ + ".d";
  fs::create_directories(store_);
  if (fs::exists(fs::symlink_status(out_)) && !fs::is_symlink(fs::symlink_status(out_)))
    throw std::runtime_error(out_ + " existe et n'est pas un index géré par pratiques (lien symbolique attendu) : le déplacer ou choisir un autre --out");
  lock_fd_ = ::open((store_ + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0 || ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    throw std::runtime_error("un autre « pratiques index » écrit déjà dans " + out_);
  // Leftovers of an interrupted run are never published: remove them.
  for (const auto& e : fs::directory_iterator(store_))
    if (e.path().extension() == ".tmp") fs::remove_all(e.path());
}

Generations::~Generations() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

std::optional<std::string> Generations::current() const {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(out_, ec))) return std::nullopt;
  fs::path target = fs::canonical(out_, ec);
  if (ec || !fs::is_directory(target)) return std::nullopt;
  return target.string();
}

std::string Generations::begin(bool copy_current) {
  auto nums = numbered(store_);
  const long next = nums.empty() ? 1 : nums.back() + 1;
  const fs::path work = fs::path(store_) / (generation_name(next) + ".tmp");
  fs::remove_all(work);
  auto cur = current();
  if (copy_current && cur)
    fs::copy(*cur, work, fs::copy_options::recursive);
  else
    fs::create_directories(work);
  return work.string();
}

std::optional<std::string> Generations::previous() const {
  const auto cur = current();
  if (!cur) return std::nullopt;
  const std::string name = fs::path(*cur).filename().string();
  if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) return std::nullopt;
  const long n = std::stol(name);
  std::optional<std::string> out;
  for (long k : numbered(store_))
    if (k < n) out = (fs::path(store_) / generation_name(k)).string();
  return out;
}

std::string Generations::begin_from(const std::string& generation) {
  if (current() && fs::equivalent(*current(), generation))
    throw std::logic_error("Generations::begin_from : la génération publiée ne se modifie pas en place");
  auto nums = numbered(store_);
  const long next = nums.empty() ? 1 : nums.back() + 1;
  const fs::path work = fs::path(store_) / (generation_name(next) + ".tmp");
  fs::remove_all(work);
  fs::rename(generation, work);  // an interrupted run leaves a .tmp, removed by the next one
  return work.string();
}

std::string Generations::publish(const std::string& work) {
  fsync_tree(work);
  fs::path final_dir = fs::path(work).replace_extension("");
  fs::rename(work, final_dir);
  fsync_path(store_);
  // Relative link so that the index can be moved with its store.
  const fs::path link_tmp = out_ + ".link.tmp";
  fs::remove(link_tmp);
  fs::create_symlink(fs::path(fs::path(store_).filename()) / final_dir.filename(), link_tmp);
  fs::rename(link_tmp, out_);
  fsync_path(fs::path(out_).parent_path().empty() ? fs::path(".") : fs::path(out_).parent_path());
  // Keep the previous generation: a server that opened it a moment ago may still read it.
  auto nums = numbered(store_);
  for (std::size_t i = 0; i + 2 < nums.size(); ++i) fs::remove_all(fs::path(store_) / generation_name(nums[i]));
  return final_dir.string();
}

}  // namespace pratiques
