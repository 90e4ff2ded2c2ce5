// A site built from tests/site/fixtures/content in a temporary directory: content copy, index
// (pratiques-ingest) and site (pratiques-site), rebuilt on demand after edits.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "pratiques/site/build.h"

namespace sitetest {

namespace fs = std::filesystem;

fs::path source_dir();
std::string read(const fs::path& p);
void write(const fs::path& p, const std::string& bytes);
// Runs a shell command (a real parser: rapper, python3's csv); its standard output and exit status.
std::pair<int, std::string> command_output(const std::string& command);

class SiteFixture {
 public:
  SiteFixture();  // copies the fixture content, indexes it, builds the site
  ~SiteFixture();
  SiteFixture(const SiteFixture&) = delete;
  SiteFixture& operator=(const SiteFixture&) = delete;

  // Re-indexes the content (incrementally), as a publication does before its targeted rebuild.
  void reindex();
  // Re-indexes the content and rebuilds the site.
  pratiques::site::BuildReport rebuild();
  std::string page(const std::string& rel) const { return read(out / rel); }
  fs::path sheet_file(const std::string& id) const { return content / "fiches" / (id + ".md"); }

  struct FileState {
    std::string bytes;
    std::filesystem::file_time_type mtime;
  };
  // Every file of the site with its bytes and modification time.
  std::map<std::string, FileState> snapshot() const;

  fs::path dir, content, index, out;
  pratiques::site::BuildOptions options;
  pratiques::site::BuildReport first;
};

}  // namespace sitetest
