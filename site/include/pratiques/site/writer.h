// Writes the site's files only when their bytes change (unchanged files keep their timestamps),
// and deletes the files of the previous build that this build did not produce (build manifest).
#pragma once
#include <filesystem>
#include <functional>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques::site {

// Runs one file operation (write or delete) of a build on `rel`, the file's path relative to the
// site's root; may skip it, or throw to stop the build. Lets a background rebuild give way to the
// pages a publication has just written (pratiques-write).
using WriteGuard = std::function<void(const std::string& rel, const std::function<void()>& operation)>;

class OutputWriter {
 public:
  static constexpr const char* kManifest = ".pratiques-build";
  // `read_manifest`: false for a targeted rebuild, which writes a few pages and never finish()es.
  explicit OutputWriter(std::string root, bool read_manifest = true);
  void set_guard(WriteGuard guard) { guard_ = std::move(guard); }

  // `rel` is a relative path ("fiches/x/index.html"). Returns true when the file was (re)written.
  // Throws on an unsafe path or a path already produced by this build. Several threads may write
  // at once (written() then lists their files in the order they were written).
  bool write(const std::string& rel, std::string_view bytes);
  // The same for a file too large to hold in memory (the open data): `produce` writes its bytes to
  // a temporary file beside it, which replaces the file only when the bytes differ.
  bool write_streamed(const std::string& rel, const std::function<void(std::ostream&)>& produce);
  // Deletes a page of a sheet or a value that no longer exists (targeted rebuilds), and the
  // directories it leaves empty. Returns true when there was a file.
  bool remove(const std::string& rel);
  // Deletes what the previous manifest lists and this build did not write; saves the manifest.
  void finish();

  const std::string& root() const { return root_; }
  const std::set<std::string>& paths() const { return paths_; }  // produced by this build
  const std::vector<std::string>& written() const { return written_; }
  const std::vector<std::string>& deleted() const { return deleted_; }
  std::size_t unchanged() const { return unchanged_; }

 private:
  void guarded(const std::string& rel, const std::function<void()>& operation) const;  // through guard_ if any
  static void check_path(const std::string& rel);             // throws on an unsafe path
  void claim(const std::string& rel);                  // checks rel and marks it produced
  void make_parent(const std::filesystem::path& path);  // creates the file's directory if new
  void record(const std::string& rel, bool written);
  std::string root_;
  std::mutex mutex_;  // guards the sets and lists below while threads write
  std::set<std::string> previous_, paths_, dirs_;
  std::vector<std::string> written_, deleted_;
  std::size_t unchanged_ = 0;
  WriteGuard guard_;
};

// Removes what writes a crash interrupted under `root` (the hidden ".<name>.tmp" beside a page),
// each removal through `guard` when given. Returns how many.
std::size_t remove_leftovers(const std::string& root, const WriteGuard& guard = {});

// True for a relative path made of [A-Za-z0-9._-] segments, without "." or ".." segments.
bool safe_relative_path(std::string_view rel);

}  // namespace pratiques::site
