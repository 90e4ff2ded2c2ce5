#include "pratiques/write/git_commit.h"

#include <git2.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

namespace fs = std::filesystem;

namespace pratiques::write {

namespace {

template <class T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  ~Owned() {
    if (p) Free(p);
  }
  T** out() { return &p; }
};

void check(int rc, const std::string& what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  throw std::runtime_error("Git : " + what + " : " + (e && e->message ? e->message : "erreur " + std::to_string(rc)));
}

struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
};

}  // namespace

std::string commit_file(const std::string& file, const GitAuthor& author, const std::string& message) {
  static const Library library;
  const fs::path path = fs::weakly_canonical(fs::absolute(file));
  git_buf root = GIT_BUF_INIT;
  if (git_repository_discover(&root, path.parent_path().c_str(), 0, nullptr) != 0) return "";
  Owned<git_repository, git_repository_free> repo;
  const int opened = git_repository_open(repo.out(), root.ptr);
  git_buf_dispose(&root);
  check(opened, "ouverture du dépôt");
  if (git_repository_is_bare(repo.p) || !git_repository_workdir(repo.p)) return "";
  const fs::path workdir = fs::weakly_canonical(git_repository_workdir(repo.p));
  const std::string rel = path.lexically_relative(workdir).generic_string();
  if (rel.empty() || rel.starts_with("..")) return "";

  const bool removed = !fs::exists(path);  // archiving a course: its removal is committed
  git_oid blob{};
  if (!removed) check(git_blob_create_from_disk(&blob, repo.p, path.c_str()), "lecture de " + rel);

  Owned<git_commit, git_commit_free> parent;
  Owned<git_tree, git_tree_free> base;
  {
    Owned<git_reference, git_reference_free> head;
    const int rc = git_repository_head(head.out(), repo.p);
    if (rc == 0) {
      check(git_reference_peel(reinterpret_cast<git_object**>(parent.out()), head.p, GIT_OBJECT_COMMIT), "HEAD");
      check(git_commit_tree(base.out(), parent.p), "arbre de HEAD");
    } else if (rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) {
      check(rc, "HEAD");
    }
  }
  if (!base.p) {  // first commit of the repository: from an empty tree
    Owned<git_treebuilder, git_treebuilder_free> builder;
    check(git_treebuilder_new(builder.out(), repo.p, nullptr), "arbre vide");
    git_oid empty;
    check(git_treebuilder_write(&empty, builder.p), "arbre vide");
    check(git_tree_lookup(base.out(), repo.p, &empty), "arbre vide");
  } else {
    Owned<git_tree_entry, git_tree_entry_free> entry;
    const bool present = git_tree_entry_bypath(entry.out(), base.p, rel.c_str()) == 0;
    if (present ? !removed && git_oid_equal(git_tree_entry_id(entry.p), &blob) : removed)
      return "";  // HEAD already has these bytes (or already lacks the file)
  }
  if (removed && !parent.p) return "";
  git_tree_update update{};
  update.action = removed ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT;
  update.id = blob;
  update.filemode = GIT_FILEMODE_BLOB;
  update.path = rel.c_str();
  git_oid tree_id;
  check(git_tree_create_updated(&tree_id, repo.p, base.p, 1, &update), "nouvel arbre");
  Owned<git_tree, git_tree_free> tree;
  check(git_tree_lookup(tree.out(), repo.p, &tree_id), "nouvel arbre");

  Owned<git_signature, git_signature_free> signature;
  check(git_signature_now(signature.out(), author.name.c_str(), author.email.c_str()),
        "auteur « " + author.name + " »");
  const git_commit* parents[] = {parent.p};
  git_oid commit;
  check(git_commit_create(&commit, repo.p, "HEAD", signature.p, signature.p, "UTF-8", message.c_str(), tree.p,
                          parent.p ? 1 : 0, parents),
        "commit");
  // The index follows for this file only (git status stays clean; other staged changes stay staged).
  Owned<git_index, git_index_free> index;
  check(git_repository_index(index.out(), repo.p), "index");
  check(git_index_read(index.p, 0), "index");
  check(removed ? git_index_remove_bypath(index.p, rel.c_str()) : git_index_add_bypath(index.p, rel.c_str()), "index");
  check(git_index_write(index.p), "index");
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &commit);
  return hex;
}

}  // namespace pratiques::write
