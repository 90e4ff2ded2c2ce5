#include "index_files.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <numeric>
#include <system_error>

#include "pratiques/document.h"
#include "pratiques/index_store.h"
#include "pratiques/parallel.h"
#include "pratiques/read_file.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

struct Folder {
  const char* name;
  FileKind kind;
};
constexpr std::array<Folder, 3> kFolders = {
    {{"fiches", FileKind::Sheet}, {"parcours", FileKind::Course}, {"pages", FileKind::Page}}};

// A content file's name: "x.md", but not ".md" (a hidden name without extension) nor README.md.
bool is_content_name(std::string_view name) {
  return name.size() > 3 && name.ends_with(".md") && name != "README.md";
}
bool is_content_file(const fs::path& p) { return is_content_name(p.filename().native()); }

// What a change is detected by: size and modification time (ns).
void take_times(ContentFile& f, const struct stat& st) {
  f.size = st.st_size;
  f.mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

bool stat_into(ContentFile& f) {
  struct stat st {};
  if (::stat(f.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  take_times(f, st);
  return true;
}

}  // namespace

const char* kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::Sheet: return "fiche";
    case FileKind::Course: return "parcours";
    case FileKind::Page: return "page";
  }
  return "fiche";
}

std::optional<FileKind> kind_from_name(const std::string& name) {
  for (FileKind k : {FileKind::Sheet, FileKind::Course, FileKind::Page})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

std::string display_path(const std::string& content, const std::string& key) {
  return (fs::path(content).lexically_normal() / key).string();
}

namespace {

// Adds the content files under the open directory `dir` (key prefix `key`: "fiches/", "fiches/a/")
// to `out`. Each entry is stat'ed by its name relative to its directory's descriptor (a path looked
// up from the root for each of 30,000 sheets was a third of a one-sheet publication), on every
// core for a large directory: the stats are most of a scan, which a one-sheet run waits for.
void scan_directory(int dir, const std::string& prefix, const std::string& key, FileKind kind,
                    std::vector<ContentFile>& out, Diagnostics& refused) {
  DIR* listing = ::fdopendir(dir);
  if (!listing) {
    ::close(dir);
    throw fs::filesystem_error("lecture du répertoire", prefix + key, std::error_code(errno, std::generic_category()));
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closing(listing, ::closedir);
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(listing)) {
    const std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  std::vector<struct stat> stats(names.size());
  std::vector<char> found(names.size(), 0);
  constexpr std::size_t kManyEntries = 2048;
  parallel_for(names.size(), names.size() < kManyEntries ? 1 : default_threads(), [&](std::size_t i, unsigned) {
    found[i] = ::fstatat(dir, names[i].c_str(), &stats[i], AT_SYMLINK_NOFOLLOW) == 0;  // else gone meanwhile
  });
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!found[i]) continue;
    const struct stat& st = stats[i];
    const std::string entry = key + names[i];
    // Links are never followed (issue 16, item 11).
    if (S_ISLNK(st.st_mode)) {
      refused_link(prefix + entry, refused);
    } else if (S_ISDIR(st.st_mode)) {
      const int sub = ::openat(dir, names[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) throw fs::filesystem_error("ouverture du répertoire", prefix + entry, std::error_code(errno, std::generic_category()));
      scan_directory(sub, prefix, entry + "/", kind, out, refused);
    } else if (S_ISREG(st.st_mode) && is_content_name(names[i])) {
      ContentFile f;
      f.key = entry;
      f.path = prefix + entry;  // display_path(content, f.key)
      f.kind = kind;
      take_times(f, st);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

ContentScan scan_content(const std::string& content) {
  ContentScan scan;
  std::vector<ContentFile> out;
  const fs::path root = fs::path(content).lexically_normal();
  // Every entry's path starts with this prefix, so its key and display path are plain strings
  // (path arithmetic per file was a tenth of a whole run at 30,000 sheets).
  const std::string prefix = (root / "").string();
  for (const auto& folder : kFolders) {
    const fs::path dir = root / folder.name;
    if (!fs::is_directory(dir)) continue;
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw fs::filesystem_error("ouverture du répertoire", dir, std::error_code(errno, std::generic_category()));
    scan_directory(fd, prefix, std::string(folder.name) + "/", folder.kind, out, scan.refused);
  }
  // Sorted through their positions: a ContentFile is four strings, costly to swap 30,000 times over.
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&out](std::size_t a, std::size_t b) { return out[a].key < out[b].key; });
  scan.files.reserve(out.size());
  for (const std::size_t i : order) scan.files.push_back(std::move(out[i]));
  return scan;
}

NamedFile name_content_file(const std::string& content, const std::string& given) {
  const fs::path root = fs::weakly_canonical(fs::absolute(content));
  auto relative_to_root = [&](const fs::path& p) {
    return fs::weakly_canonical(fs::absolute(p)).lexically_relative(root);
  };
  fs::path rel = relative_to_root(given);  // "content/fiches/x.md", "/srv/pratiques/content/fiches/x.md"
  if (rel.empty() || *rel.begin() == "..") rel = relative_to_root(fs::path(content) / given);  // "fiches/x.md"
  const std::string key = rel.generic_string();
  for (const auto& folder : kFolders)
    if (!rel.empty() && *rel.begin() == folder.name && is_content_file(rel))
      return {key, display_path(content, key), folder.kind};
  throw IndexError("« " + given + " » n'est pas une fiche, un parcours ou une page de « " + content +
                   " » (fiches/, parcours/ ou pages/, fichier .md)");
}

std::optional<ContentFile> stat_content_file(const NamedFile& named) {
  ContentFile f;
  f.key = named.key;
  f.path = named.path;
  f.kind = named.kind;
  if (!stat_into(f)) return std::nullopt;
  return f;
}

void read_content(ContentFile& file) {
  if (file.read) return;
  // Stops past what a content file may hold (parse_document then refuses it): never a whole huge file.
  read_file(file.path, file.bytes, kMaxFileBytes);
  Poco::SHA2Engine sha;
  sha.update(file.bytes);
  file.hash = Poco::DigestEngine::digestToHex(sha.digest());
  file.read = true;
}

std::string canonical_content_dir(const std::string& content) {
  return fs::weakly_canonical(fs::absolute(content)).string();
}

}  // namespace pratiques
