#include "index_files.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

#include "pratiques/document.h"
#include "pratiques/index_store.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

struct Folder {
  const char* name;
  FileKind kind;
};
constexpr std::array<Folder, 3> kFolders = {
    {{"fiches", FileKind::Sheet}, {"parcours", FileKind::Course}, {"pages", FileKind::Page}}};

bool is_content_file(const fs::path& p) { return p.extension() == ".md" && p.filename() != "README.md"; }

bool stat_into(ContentFile& f) {
  struct stat st {};
  if (::stat(f.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  f.size = st.st_size;
  f.mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
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

std::vector<ContentFile> scan_content(const std::string& content, Diagnostics& refused) {
  std::vector<ContentFile> out;
  const fs::path root = fs::path(content).lexically_normal();
  // Every entry's path starts with this prefix, so its key and display path are plain strings
  // (path arithmetic per file was a tenth of a whole run at 30,000 sheets).
  const std::string prefix = (root / "").string();
  for (const auto& folder : kFolders) {
    const fs::path dir = root / folder.name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      // Links are never followed (issue 16, item 11). The entry's type comes from the directory
      // listing itself: one stat per file (stat_into), not two.
      if (e.is_symlink()) {
        refused_link(e.path().string(), refused);
        continue;
      }
      if (!is_content_file(e.path())) continue;
      ContentFile f;
      f.key = e.path().generic_string().substr(prefix.size());
      f.path = prefix + f.key;  // display_path(content, f.key)
      f.kind = folder.kind;
      if (stat_into(f)) out.push_back(std::move(f));
    }
  }
  std::sort(out.begin(), out.end(), [](const ContentFile& a, const ContentFile& b) { return a.key < b.key; });
  return out;
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
  std::ifstream in(file.path, std::ios::binary);
  file.bytes.clear();
  char block[1 << 16];
  while (file.bytes.size() <= kMaxFileBytes && in.read(block, sizeof block).gcount() > 0)
    file.bytes.append(block, static_cast<std::size_t>(in.gcount()));
  Poco::SHA2Engine sha;
  sha.update(file.bytes);
  file.hash = Poco::DigestEngine::digestToHex(sha.digest());
  file.read = true;
}

std::string canonical_content_dir(const std::string& content) {
  return fs::weakly_canonical(fs::absolute(content)).string();
}

}  // namespace pratiques
