// The content directory as the index sees it: the Markdown files of fiches/, parcours/ and pages/,
// keyed by their path relative to the content directory ("fiches/x.md"), so that `--contenu content`
// and the absolute path of the same directory name the same files (issue 16, item 8).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"

namespace pratiques {

enum class FileKind { Sheet, Course, Page };

// "fiche", "parcours", "page": the catalogue's `files.kind`.
const char* kind_name(FileKind kind);
std::optional<FileKind> kind_from_name(const std::string& name);

struct ContentFile {
  std::string key;   // relative to the content directory: the catalogue's key
  std::string path;  // content directory + key: where it is read, and what messages show
  FileKind kind = FileKind::Sheet;
  long long size = 0, mtime = 0;  // mtime in nanoseconds
  std::string hash;               // SHA-256 of the bytes, once read
  std::string bytes;              // once read
  bool read = false;
};

// Where a file of the content directory is read, and how messages name it: content + key.
std::string display_path(const std::string& content, const std::string& key);

// Every file of the content directory, sorted by key.
// Symbolic links are never followed: each is refused with a diagnostic in `refused`.
struct ContentScan {
  std::vector<ContentFile> files;
  Diagnostics refused;
};
ContentScan scan_content(const std::string& content);

// One file given by the caller of a publication: a path relative to the content directory or
// under it (absolute or not). Nothing when the file does not exist (it was removed); throws
// IndexError when the path is outside fiches/, parcours/ or pages/ of the content directory.
struct NamedFile {
  std::string key, path;
  FileKind kind;
};
NamedFile name_content_file(const std::string& content, const std::string& given);
std::optional<ContentFile> stat_content_file(const NamedFile& named);

// Reads the file and computes its hash (once).
void read_content(ContentFile& file);

// The canonical path of the content directory (recorded in the catalogue: when it changes, sizes and
// modification times prove nothing and every file is hashed).
std::string canonical_content_dir(const std::string& content);

}  // namespace pratiques
