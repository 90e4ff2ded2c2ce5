#include "pratiques/site/writer.h"

#include <sys/stat.h>

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
  std::ifstream in(path, std::ios::binary);
  std::string buffer(bytes.size(), '\0');
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  return in.gcount() == static_cast<std::streamsize>(bytes.size()) && buffer == bytes;
}

void write_file(const fs::path& path, std::string_view bytes, bool exists) {
  if (!exists) {  // a new file: nobody reads it yet, write it in place
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("écriture impossible : " + path.string());
    return;
  }
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("écriture impossible : " + tmp.string());
  }
  fs::rename(tmp, path);  // readers never see a half-written page
}

}  // namespace

bool safe_relative_path(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    const std::size_t slash = rel.find('/', start);
    const std::string_view seg = rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

OutputWriter::OutputWriter(std::string root) : root_(std::move(root)) {
  fs::create_directories(root_);
  std::ifstream in(fs::path(root_) / kManifest);
  for (std::string line; std::getline(in, line);)
    if (safe_relative_path(line)) previous_.insert(line);
}

bool OutputWriter::write(const std::string& rel, std::string_view bytes) {
  if (!safe_relative_path(rel) || rel == kManifest) throw std::runtime_error("chemin de page refusé : « " + rel + " »");
  if (!paths_.insert(rel).second) throw std::runtime_error("page produite deux fois : « " + rel + " »");
  const fs::path path = fs::path(root_) / rel;
  bool exists = false;
  if (same_bytes(path, bytes, &exists)) {
    ++unchanged_;
    return false;
  }
  write_file(path, bytes, exists);
  written_.push_back(rel);
  return true;
}

void OutputWriter::finish() {
  for (const auto& rel : previous_) {
    if (paths_.count(rel)) continue;
    std::error_code ec;
    fs::path path = fs::path(root_) / rel;
    if (fs::remove(path, ec)) deleted_.push_back(rel);
    // Remove the directories the page leaves empty (never the root).
    for (path = path.parent_path(); path != fs::path(root_) && fs::is_empty(path, ec) && !ec; path = path.parent_path())
      fs::remove(path, ec);
  }
  std::ostringstream manifest;
  for (const auto& rel : paths_) manifest << rel << "\n";
  const fs::path path = fs::path(root_) / kManifest;
  bool exists = false;
  if (!same_bytes(path, manifest.str(), &exists)) write_file(path, manifest.str(), exists);
}

}  // namespace pratiques::site
