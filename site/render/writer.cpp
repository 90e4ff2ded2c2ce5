#include "pratiques/site/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace pratiques::site {

namespace {

// Same bytes as on disk? Compares the size first, then the content. `exists`: is there a file.
bool same_bytes(const fs::path& path, std::string_view bytes, bool* exists = nullptr) {
  struct stat st {};
  const bool found = ::stat(path.c_str(), &st) == 0;
  if (exists) *exists = found;
  if (!found || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  thread_local std::string buffer;
  buffer.resize(bytes.size());
  std::size_t got = 0;
  while (got < buffer.size()) {
    const ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return got == bytes.size() && std::string_view(buffer) == bytes;
}

// Same bytes in both files? Compares the sizes first, then the contents block by block.
bool same_files(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  const auto size = fs::file_size(a, ec);
  if (ec || !fs::is_regular_file(b, ec) || fs::file_size(b, ec) != size || ec) return false;
  std::ifstream in_a(a, std::ios::binary), in_b(b, std::ios::binary);
  std::string block_a(1 << 16, '\0'), block_b(1 << 16, '\0');
  while (in_a && in_b) {
    in_a.read(block_a.data(), static_cast<std::streamsize>(block_a.size()));
    in_b.read(block_b.data(), static_cast<std::streamsize>(block_b.size()));
    if (in_a.gcount() != in_b.gcount() ||
        std::string_view(block_a.data(), static_cast<std::size_t>(in_a.gcount())) !=
            std::string_view(block_b.data(), static_cast<std::size_t>(in_b.gcount())))
      return false;
  }
  return in_a.eof() && in_b.eof();
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("écriture impossible : " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::runtime_error("écriture impossible : " + path.string());
}

// Always beside the target, then rename(2): a reader (the server, a page requested while a build
// writes it) never sees half a page, not even of a new one, and a crash leaves a hidden
// ".<name>.tmp" (never served: the server refuses hidden names) that the write side's repair
// removes (remove_leftovers()), never a truncated page.
void write_file(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("création impossible : " + tmp.string());
  write_all(fd, bytes, tmp);
  fs::rename(tmp, path);
}

}  // namespace

std::size_t remove_leftovers(const std::string& root, const WriteGuard& guard) {
  // Listed first, removed one by one under the guard: a write in progress makes and renames its
  // temporary file within one guarded operation, so what is listed outside of one is a leftover.
  std::vector<fs::path> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 5 && name.front() == '.' && name.ends_with(".tmp") && it->is_regular_file(ec))
      found.push_back(it->path());
  }
  std::size_t removed = 0;
  for (const auto& path : found) {
    const auto operation = [&] { removed += fs::remove(path, ec) ? 1 : 0; };
    if (guard)
      guard(path.lexically_relative(root).string(), operation);
    else
      operation();
  }
  return removed;
}

bool safe_relative_path(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    const std::size_t slash = rel.find('/', start);
    const std::string_view seg =
        rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

OutputWriter::OutputWriter(std::string root, bool read_manifest) : root_(std::move(root)) {
  fs::create_directories(root_);
  if (!read_manifest) return;
  std::ifstream in(fs::path(root_) / kManifest);
  for (std::string line; std::getline(in, line);)
    if (safe_relative_path(line)) previous_.insert(line);
}

void OutputWriter::guarded(const std::string& rel, const std::function<void()>& operation) const {
  if (guard_)
    guard_(rel, operation);
  else
    operation();
}

void OutputWriter::check_path(const std::string& rel) {
  if (!safe_relative_path(rel) || rel == kManifest) throw std::runtime_error("chemin de page refusé : « " + rel + " »");
}

void OutputWriter::claim(const std::string& rel) {
  check_path(rel);
  std::lock_guard lock(mutex_);
  if (!paths_.insert(rel).second) throw std::runtime_error("page produite deux fois : « " + rel + " »");
}

void OutputWriter::make_parent(const fs::path& path) {
  // One mkdir per new directory of the build, not one per file.
  const fs::path dir = path.parent_path();
  std::lock_guard lock(mutex_);
  if (dirs_.insert(dir.string()).second) fs::create_directories(dir);
}

void OutputWriter::record(const std::string& rel, bool written) {
  std::lock_guard lock(mutex_);
  if (written)
    written_.push_back(rel);
  else
    ++unchanged_;
}

bool OutputWriter::write(const std::string& rel, std::string_view bytes) {
  claim(rel);
  const fs::path path = fs::path(root_) / rel;
  bool exists = false;
  if (same_bytes(path, bytes, &exists)) {
    record(rel, false);
    return false;
  }
  const auto operation = [&] {
    if (!exists) make_parent(path);
    write_file(path, bytes);
  };
  guarded(rel, operation);
  record(rel, true);
  return true;
}

bool OutputWriter::write_streamed(const std::string& rel, const std::function<void(std::ostream&)>& produce) {
  claim(rel);
  const fs::path path = fs::path(root_) / rel;
  bool written = false;
  const auto operation = [&] {
    make_parent(path);
    const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
    {
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("création impossible : " + tmp.string());
      produce(file);
      file.close();
      if (!file) throw std::runtime_error("écriture impossible : " + tmp.string());
    }
    written = !same_files(tmp, path);
    if (written)
      fs::rename(tmp, path);
    else
      fs::remove(tmp);
  };
  guarded(rel, operation);
  record(rel, written);
  return written;
}

bool OutputWriter::remove(const std::string& rel) {
  check_path(rel);
  bool removed = false;
  const auto operation = [&] {
    std::error_code ec;
    fs::path path = fs::path(root_) / rel;
    removed = fs::remove(path, ec);
    for (path = path.parent_path(); removed && path != fs::path(root_) && fs::is_empty(path, ec) && !ec;
         path = path.parent_path())
      fs::remove(path, ec);
  };
  guarded(rel, operation);
  if (removed) {  // a full build may remove beside the threads that write (the pages past a list's end)
    std::lock_guard lock(mutex_);
    deleted_.push_back(rel);
  }
  return removed;
}

void OutputWriter::finish() {
  for (const auto& rel : previous_)
    if (!paths_.count(rel)) remove(rel);
  std::ostringstream manifest;
  for (const auto& rel : paths_) manifest << rel << "\n";
  const fs::path path = fs::path(root_) / kManifest;
  if (same_bytes(path, manifest.str())) return;
  const auto operation = [&] { write_file(path, manifest.str()); };
  guarded(kManifest, operation);
}

}  // namespace pratiques::site
