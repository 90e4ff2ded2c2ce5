// Shared helpers of the test suite: where the repository and the fixtures are, the grid loaded
// once, temporary directories, running the `pratiques` command, reading diagnostics.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pratiques/diagnostic.h"
#include "pratiques/grid.h"

namespace testing {

namespace fs = std::filesystem;

fs::path source_dir();  // the repository (compile definition PRATIQUES_SOURCE_DIR)
fs::path fixtures();    // tests/fixtures
fs::path schemas();     // schemas/
std::string cli();      // the `pratiques` binary (compile definition PRATIQUES_CLI)
// An index that ctest built once for every test process (a fixture, tests/CMakeLists.txt):
// $PRATIQUES_TEST_INDEXES/`name`/index, or "" when the variable is unset (a test program run alone
// builds its own).
std::string prebuilt_index(const std::string& name);

// schemas/ loaded once per process.
const pratiques::Grid& grid();

std::string read_file(const fs::path& p);
void write_file(const fs::path& p, std::string_view bytes);
void copy_tree(const fs::path& from, const fs::path& to);

// The text with `from` replaced by `to` (the first occurrence; throws when absent).
// One code point of the Basic Multilingual Plane in UTF-8.
std::string utf8(char32_t c);
// Calls `check` on `count` texts of 1 to 12 pieces of `alphabet`, drawn by a fixed linear
// congruential generator from `seed`: the same texts on every run.
void for_random_texts(const std::vector<std::string>& alphabet, std::uint32_t seed, int count,
                      const std::function<void(const std::string&)>& check);
std::string replaced(const std::string& text, const std::string& from, const std::string& to);
// A valid sheet (tests/fixtures/valide/fiche-valide.md) under another id and title.
std::string valid_sheet(const std::string& id, const std::string& title = "Atelier cuisine partagé entre voisins");

// A hand-made near copy (issue 11): the sheet with every tenth word of its text replaced by
// "changé" (headings, the "Non documenté" marker and the front matter untouched but its id, which
// becomes `new_id`).
std::string near_copy(const std::string& sheet, const std::string& new_id);

// A fresh directory under the system temporary directory, removed with its content.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

struct RunResult {
  int status = -1;  // exit code, or 128 + signal
  std::string out, err;
};
// Runs a program (argv[0] is its path) in `cwd`, waits for it, and captures both outputs.
RunResult run(const std::vector<std::string>& argv, const fs::path& cwd = source_dir());

// Waits until `condition` holds, checking it every few milliseconds. Tests wait on conditions, never
// on fixed sleeps; `limit` only keeps a broken server from hanging the suite (false then): it is
// far above the expected wait and is never a measure.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit = std::chrono::seconds(60));

// Diagnostics, one per line, for failure messages.
std::string describe(const pratiques::Diagnostics& all);
// Diagnostics of one rule.
pratiques::Diagnostics with_rule(const pratiques::Diagnostics& all, std::string_view rule);
// The rule fixtures share one template, so they are near-copies of each other by construction:
// tests of other rules leave the [doublon-probable] warnings out.
pratiques::Diagnostics without_near_copies(const pratiques::Diagnostics& all);
std::size_t errors_of(const pratiques::Diagnostics& all);

}  // namespace testing
