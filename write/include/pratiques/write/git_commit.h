// When content/ is a Git work tree, each publication is also a commit (libgit2, no shell-out):
// authored by the curator, the journal comment as message, and holding only the published file —
// whatever else is staged in the work tree stays staged, untouched.
#pragma once
#include <string>

namespace pratiques::write {

struct GitAuthor {
  std::string name, email;
};

// Commits the current content of `file` (its removal when it no longer exists) on HEAD of the repository whose work
// tree holds it. Returns the new commit's id, "" when `file` is not in a Git work tree or when HEAD already has these
// bytes. Throws std::runtime_error (French message) on a Git error.
std::string commit_file(const std::string& file, const GitAuthor& author, const std::string& message);

}  // namespace pratiques::write
