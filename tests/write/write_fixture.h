// A write side under test: a copy of the fixture corpus (tests/fixtures/corpus) as content/, its
// index and static site, the server's database, fast password hashing, a clock the test moves,
// and one activated account per role.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "pratiques/write/editorial.h"
#include "support.h"

namespace testing {

struct Workspace {
  explicit Workspace(bool with_site = true);
  ~Workspace();  // waits for the site's background steps (released first)
  TempDir dir;
  std::int64_t now = 1'790'000'000;  // 2026-09-21, moved by the tests
  std::unique_ptr<pratiques::write::Editorial> editorial;
  pratiques::write::Account admin, curator, curator2, author, other_author, trainer;

  pratiques::write::Editorial& ed() { return *editorial; }
  pratiques::write::Contributions& contributions() { return editorial->contributions(); }
  fs::path content() const { return dir.path() / "content"; }
  fs::path site() const { return dir.path() / "public"; }
  std::string index() const { return (dir.path() / "index").string(); }
  // A new activated account.
  pratiques::write::Account account(const std::string& email, pratiques::write::Role role,
                                    const std::string& password = "mot de passe solide");
};

// Whether a search of the index for `query` lists the sheet `id`.
bool found(const std::string& index, const std::string& query, const std::string& id);

// Every file under `root` (hidden ones too), by relative path, with its bytes.
std::map<std::string, std::string> files_under(const fs::path& root);

}  // namespace testing
